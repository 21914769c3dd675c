"""entry_change_file: an Annex 3 application to change an entry (004 §11)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import Channel, EntryRequest
from ashyq.registry.services.channels import entry_change_file, entry_request_enter, entry_termination_file
from tests.registry.factories import accredited_channel, pdf_upload

pytestmark = pytest.mark.django_db


def _change(channel: Channel, actor, **wording) -> EntryRequest:
    return entry_change_file(
        channel=channel,
        new_wording={**{name: getattr(channel, name) for name in Channel.WORDING_FIELDS}, **wording},
        justification="Арна аймақтарға кеңейтілді",
        signer_name="А. Сейітов",
        signer_position="Вице-министр",
        uploads=[pdf_upload("order.pdf")],
        actor=actor,
    )


def test_the_officer_files_a_change_with_its_term(body_a, officer_a, analyst, clock) -> None:
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    clock(datetime.date(2026, 3, 20))
    request = _change(channel, officer_a, coverage="regional", name_ru="Горячая линия «Голос народа» 1414")
    # then only the changed fields are the new wording, the current one is kept, the term is 3 working days
    assert request.new_wording == {"name_ru": "Горячая линия «Голос народа» 1414", "coverage": "regional"}
    assert request.current_wording["coverage"] == "republican"
    assert request.received_on == datetime.date(2026, 3, 20) and request.entry_due == datetime.date(2026, 3, 30)
    assert request.attachments.get().original_name == "order.pdf"
    assert AuditEvent.objects.get(event_type="registry.request.change_filed").new["channel"] == channel.number
    channel.refresh_from_db()
    assert channel.coverage == "republican"  # nothing changes until the authorized body enters it


def test_bad_changes_are_refused(body_a, officer_a, officer_b, analyst) -> None:
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    with pytest.raises(ValidationError, match="The new wording is the same as the current entry"):
        _change(channel, officer_a)
    with pytest.raises(ValidationError, match="'galactic' is not a valid choice"):
        _change(channel, officer_a, coverage="galactic")
    with pytest.raises(PermissionDenied, match="Only an officer of the applicant body may do this"):
        _change(channel, officer_b, coverage="regional")
    assert not EntryRequest.objects.exists()


def test_a_change_for_a_removed_entry_is_refused(body_a, officer_a, analyst) -> None:
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    notice = entry_termination_file(
        channel=channel, notice="Арна жабылды", terminated_on=datetime.date(2026, 3, 1), uploads=[], actor=officer_a
    )
    entry_request_enter(request=notice, actor=analyst)
    with pytest.raises(InvalidTransition, match="removed"):
        _change(channel, officer_a, coverage="regional")
    assert EntryRequest.objects.filter(kind=EntryRequest.Kind.CHANGE).count() == 0
