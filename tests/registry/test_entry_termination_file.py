"""entry_termination_file: a free-form notice that the channel stopped working (004 §12)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.registry.models import EntryRequest
from ashyq.registry.services.channels import entry_termination_file
from tests.registry.factories import accredited_channel

pytestmark = pytest.mark.django_db
STOPPED = datetime.date(2026, 3, 1)


def test_one_notice_waits_at_a_time(body_a, officer_a, analyst, clock) -> None:
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    clock(datetime.date(2026, 4, 6))
    notice = entry_termination_file(
        channel=channel, notice="Арна жабылды", terminated_on=STOPPED, uploads=[], actor=officer_a
    )
    assert notice.kind == EntryRequest.Kind.TERMINATION and notice.entry_due == datetime.date(2026, 4, 9)
    with pytest.raises(InvalidTransition, match="already waiting"):
        entry_termination_file(channel=channel, notice="Тағы", terminated_on=STOPPED, uploads=[], actor=officer_a)


def test_an_empty_notice_or_another_body_is_refused(body_a, officer_a, officer_b, analyst) -> None:
    channel = accredited_channel(body=body_a, officer=officer_a, analyst=analyst)
    with pytest.raises(ValidationError) as refused:
        entry_termination_file(channel=channel, notice=" ", terminated_on=STOPPED, uploads=[], actor=officer_a)
    assert refused.value.message_dict == {"notice": ["Write the notice."]}
    with pytest.raises(PermissionDenied, match="Only an officer of the applicant body may do this"):
        entry_termination_file(channel=channel, notice="x", terminated_on=STOPPED, uploads=[], actor=officer_b)
    assert not EntryRequest.objects.exists()
