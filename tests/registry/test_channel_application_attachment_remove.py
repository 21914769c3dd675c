"""Removing a wrongly attached file from a draft application (004 Annex 1 «Өтінімге қоса беріледі»)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import Attachment
from ashyq.registry.services.applications import (
    channel_application_attachment_remove,
    channel_application_create,
    channel_application_submit,
)
from tests.registry.factories import annex1, pdf_upload

pytestmark = pytest.mark.django_db


def _draft_with_two_files(body_a, officer_a, authorized_body):
    uploads = [pdf_upload("right.pdf"), pdf_upload("wrong.pdf")]
    application = channel_application_create(body=body_a, data=annex1(), uploads=uploads, actor=officer_a)
    return application, application.attachments.get(original_name="wrong.pdf")


def test_an_officer_removes_a_file_from_a_draft_and_the_file_leaves_storage(
    body_a, officer_a, authorized_body, django_capture_on_commit_callbacks
) -> None:
    # given a draft with two files
    application, wrong = _draft_with_two_files(body_a, officer_a, authorized_body)
    storage, name = wrong.file.storage, wrong.file.name
    # when the officer removes the wrong one
    with django_capture_on_commit_callbacks(execute=True):
        channel_application_attachment_remove(attachment=wrong, actor=officer_a)
    # then only the right one is left, the file is gone and the removal is audited
    assert [item.original_name for item in application.attachments.all()] == ["right.pdf"]
    assert not storage.exists(name)
    event = AuditEvent.objects.get(event_type="registry.application.attachment_removed")
    assert event.old == {"attachment": "wrong.pdf"} and event.body == body_a


def test_another_bodys_officer_may_not_remove_it(body_a, officer_a, officer_b, authorized_body) -> None:
    _application, wrong = _draft_with_two_files(body_a, officer_a, authorized_body)
    with pytest.raises(PermissionDenied, match="Only an officer of the applicant body may do this"):
        channel_application_attachment_remove(attachment=wrong, actor=officer_b)
    assert Attachment.objects.filter(pk=wrong.pk).exists()


def test_a_submitted_applications_files_stay(body_a, officer_a, authorized_body) -> None:
    application, wrong = _draft_with_two_files(body_a, officer_a, authorized_body)
    channel_application_submit(application=application, actor=officer_a)
    with pytest.raises(InvalidTransition, match="can no longer be changed"):
        channel_application_attachment_remove(attachment=wrong, actor=officer_a)
    assert Attachment.objects.filter(pk=wrong.pk).exists()


def test_the_edit_page_offers_the_removal_and_the_button_removes(client, body_a, officer_a, authorized_body) -> None:
    application, wrong = _draft_with_two_files(body_a, officer_a, authorized_body)
    client.force_login(officer_a)
    page = client.get(f"/en/registry/applications/{application.pk}/edit/").content.decode()
    assert "Remove wrong.pdf" in page
    response = client.post(f"/en/registry/attachments/{wrong.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == f"/en/registry/applications/{application.pk}/edit/"
    assert not Attachment.objects.filter(pk=wrong.pk).exists()
    assert client.get(f"/en/registry/attachments/{wrong.pk}/remove/").status_code == 405
