"""entry_request_enter: the authorized body enters a change or a termination (004 §13), keeping the history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.registry.models import Channel, ChannelEvent, EntryRequest
from ashyq.registry.services.channels import entry_change_file, entry_request_enter, entry_termination_file
from tests.registry.factories import accredited_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(body_a, officer_a, analyst, clock) -> Channel:
    clock(datetime.date(2026, 3, 2))
    return accredited_channel(body=body_a, officer=officer_a, analyst=analyst)


def _change(channel: Channel, officer, **wording) -> EntryRequest:
    new = {**{name: getattr(channel, name) for name in Channel.WORDING_FIELDS}, **wording}
    return entry_change_file(
        channel=channel,
        new_wording=new,
        justification="Негіздеме",
        signer_name="А. С.",
        signer_position="Вице-министр",
        uploads=[],
        actor=officer,
    )


def test_changes_then_removal_keep_the_full_history(channel, officer_a, analyst, clock) -> None:
    # given two changes entered on 26 and 27 March 2026
    clock(datetime.date(2026, 3, 20))
    first = _change(channel, officer_a, coverage="regional")
    clock(datetime.date(2026, 3, 26))
    entry_request_enter(request=first, actor=analyst)
    second = _change(Channel.objects.get(), officer_a, name_kk="«Халық үні» 1414")
    clock(datetime.date(2026, 3, 27))
    entry_request_enter(request=second, actor=analyst)
    channel.refresh_from_db()
    assert (channel.status, channel.coverage, channel.name_kk) == (
        Channel.Status.CHANGED,
        "regional",
        "«Халық үні» 1414",
    )
    first.refresh_from_db()
    assert first.status == EntryRequest.Status.ENTERED and first.entered_on == datetime.date(2026, 3, 26)
    assert not first.entry_term.late  # received 20 March, due 30 March: Nauryz in between
    # when the termination is entered
    notice = entry_termination_file(
        channel=channel, notice="Арна жабылды", terminated_on=datetime.date(2026, 3, 31), uploads=[], actor=officer_a
    )
    clock(datetime.date(2026, 4, 2))
    entry_request_enter(request=notice, actor=analyst)
    # then the entry is removed and its history reads entered, changed, changed, removed
    channel.refresh_from_db()
    assert channel.status == Channel.Status.REMOVED and channel.removed_on == datetime.date(2026, 4, 2)
    kinds = list(channel.events.values_list("kind", flat=True))
    assert kinds == ["entered", "changed", "changed", "removed"]
    change = channel.events.filter(kind=ChannelEvent.Kind.CHANGED).first()
    assert change.old == {"coverage": "republican"} and change.new == {"coverage": "regional"}
    assert AuditEvent.objects.filter(event_type="registry.channel.changed").count() == 2
    removed = AuditEvent.objects.get(event_type="registry.channel.removed")
    assert removed.old["status"] == "changed" and removed.new["status"] == "removed"


def test_entering_twice_or_as_an_officer_is_refused(channel, officer_a, analyst) -> None:
    request = _change(channel, officer_a, coverage="regional")
    with pytest.raises(PermissionDenied, match="Only an analyst of the authorized body may do this"):
        entry_request_enter(request=request, actor=officer_a)
    entry_request_enter(request=request, actor=analyst)
    with pytest.raises(InvalidTransition, match="This request has already been entered in the registry"):
        entry_request_enter(request=request, actor=analyst)


def test_a_waiting_change_cannot_be_entered_after_removal(channel, officer_a, analyst) -> None:
    change = _change(channel, officer_a, coverage="regional")
    notice = entry_termination_file(channel=channel, notice="Жабылды", terminated_on=None, uploads=[], actor=officer_a)
    entry_request_enter(request=notice, actor=analyst)
    with pytest.raises(InvalidTransition, match="removed"):
        entry_request_enter(request=change, actor=analyst)
    change.refresh_from_db()
    assert change.status == EntryRequest.Status.SUBMITTED
