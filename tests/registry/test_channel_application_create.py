"""channel_application_create / channel_application_update: the Annex 1 draft (004 §3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import Attachment, ChannelApplication
from ashyq.registry.services.applications import (
    channel_application_create,
    channel_application_submit,
    channel_application_update,
)
from tests.registry.factories import annex1, pdf_upload

pytestmark = pytest.mark.django_db


def test_an_officer_saves_a_draft_with_attachments(authorized_body, body_a, officer_a) -> None:
    # when the officer of body A saves a complete application with a PDF
    application = channel_application_create(body=body_a, data=annex1(), uploads=[pdf_upload()], actor=officer_a)
    # then it is a draft addressed to the authorized body, the file is stored, the event is audited
    assert application.status == ChannelApplication.Status.DRAFT
    assert application.addressee == authorized_body
    assert application.received_on is None and application.decision_due is None
    attachment = application.attachments.get()
    assert attachment.original_name == "regulation.pdf" and attachment.file.read().startswith(b"%PDF")
    event = AuditEvent.objects.get(event_type="registry.application.created")
    assert event.body == body_a and event.new["name_ru"] == "Горячая линия «Голос народа»"


def test_the_if_any_items_may_stay_empty(authorized_body, body_a, officer_a) -> None:
    application = channel_application_create(
        body=body_a, data=annex1(instruction="", regulating_act="", other_information=""), uploads=[], actor=officer_a
    )
    assert application.pk is not None


@pytest.mark.parametrize(
    "missing", ["name_kk", "purpose_ru", "coverage", "interaction_format", "resources", "justification", "signer_name"]
)
def test_a_missing_required_item_saves_nothing(authorized_body, body_a, officer_a, missing) -> None:
    with pytest.raises(ValidationError) as caught:
        channel_application_create(body=body_a, data=annex1(**{missing: ""}), uploads=[], actor=officer_a)
    assert missing in caught.value.message_dict
    assert (
        not ChannelApplication.objects.exists()
        and not AuditEvent.objects.filter(event_type__startswith="registry.").exists()
    )


def test_a_bad_attachment_saves_nothing(authorized_body, body_a, officer_a) -> None:
    # when one of two files is an executable
    with pytest.raises(ValidationError, match=r"x\.exe: files of this type cannot be attached"):
        channel_application_create(
            body=body_a, data=annex1(), uploads=[pdf_upload(), SimpleUploadedFile("x.exe", b"MZ")], actor=officer_a
        )
    # then neither the application nor any file is saved
    assert not ChannelApplication.objects.exists() and not Attachment.objects.exists()


def test_another_body_officer_and_an_analyst_cannot_file_for_body_a(authorized_body, body_a, officer_b, analyst):
    for person in (officer_b, analyst):
        with pytest.raises(PermissionDenied, match="Only an officer of the applicant body may do this"):
            channel_application_create(body=body_a, data=annex1(), uploads=[], actor=person)


def test_a_draft_changes_and_a_submitted_application_is_frozen(authorized_body, body_a, officer_a) -> None:
    application = channel_application_create(body=body_a, data=annex1(), uploads=[], actor=officer_a)
    # when the draft's purpose is changed
    channel_application_update(
        application=application, data=annex1(purpose_ru="Новое назначение"), uploads=[], actor=officer_a
    )
    application.refresh_from_db()
    assert application.purpose_ru == "Новое назначение"
    event = AuditEvent.objects.get(event_type="registry.application.updated")
    assert event.old == {"purpose_ru": "Приём обращений граждан по вопросам здравоохранения и ответы на них"}
    # and after submission a change is refused
    channel_application_submit(application=application, actor=officer_a)
    with pytest.raises(InvalidTransition, match="A submitted application can no longer be changed"):
        channel_application_update(application=application, data=annex1(name_ru="Другое"), uploads=[], actor=officer_a)
    application.refresh_from_db()
    assert application.name_ru == "Горячая линия «Голос народа»"
