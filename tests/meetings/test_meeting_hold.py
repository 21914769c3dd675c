"""meeting_prepare, collected_request_add (001 p.3.5) and meeting_hold (001 p.3.2–3.6)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.meetings import services
from ashyq.meetings.models import Meeting, Ngo
from tests.meetings.factories import at


def test_before_the_meeting_the_timing_and_requests_are_recorded(approved_meeting: Meeting, officer_a: User) -> None:
    # when the officer records how the date was chosen and what the requests were about
    meeting = services.meeting_prepare(
        meeting=approved_meeting,
        timing_opinion="Instagram сауалнамасы",
        expected_topics="Кезек\nДәрі",
        announcement_url="https://example.kz/announce",
        planned_start=at(2026, 3, 12, 15),
        actor=officer_a,
    )
    services.collected_request_add(
        meeting=meeting, channel="blog_platform", received=34, summary="Кезек туралы", actor=officer_a
    )
    # then
    assert meeting.announcement_url == "https://example.kz/announce"
    assert meeting.requests.get().received == 34
    assert AuditEvent.objects.filter(event_type="meetings.meeting.prepared").count() == 1


def test_the_planned_date_cannot_leave_the_schedules_year(approved_meeting: Meeting, officer_a: User) -> None:
    with pytest.raises(ValidationError) as refused:
        services.meeting_prepare(
            meeting=approved_meeting,
            timing_opinion="x",
            expected_topics="",
            announcement_url="",
            planned_start=at(2027, 1, 5),
            actor=officer_a,
        )
    assert refused.value.message_dict == {
        "planned_start": ["The meeting must be dated within 2026, the schedule's year."]
    }


def test_holding_records_the_meeting_and_flags_a_long_report(
    approved_meeting: Meeting, officer_a: User, record
) -> None:
    # given a 120-minute meeting whose report took 31 minutes (the limit is a quarter: 30)
    long_report = dataclasses.replace(record, actual_report_minutes=31)
    # when
    meeting = services.meeting_hold(meeting=approved_meeting, record=long_report, actor=officer_a)
    # then
    assert meeting.status == Meeting.Status.HELD
    assert meeting.report_limit_minutes == 30 and meeting.report_too_long
    assert sorted(Ngo.objects.filter(meeting=meeting).values_list("name", flat=True)) == [
        "Денсаулық ҚБ",
        "Пациенттер қоры",
    ]
    assert list(meeting.akimats.all()) == record.akimats
    assert meeting.results_due == datetime.date(2026, 3, 26)  # 13 March + 10 days = 23 March, Nauryz → 26 March
    event = AuditEvent.objects.get(event_type="meetings.meeting.held")
    assert event.new["report_too_long"] is True and event.old["status"] == "approved"


def test_a_report_of_exactly_a_quarter_is_not_flagged(held_meeting: Meeting) -> None:
    assert held_meeting.actual_report_minutes == 30 and not held_meeting.report_too_long


def test_a_meeting_is_held_once_and_only_by_its_body(
    approved_meeting: Meeting, officer_a: User, officer_b: User, record
) -> None:
    with pytest.raises(PermissionDenied, match="You do not act for this state body"):
        services.meeting_hold(meeting=approved_meeting, record=record, actor=officer_b)
    services.meeting_hold(meeting=approved_meeting, record=record, actor=officer_a)
    with pytest.raises(InvalidTransition, match="Only a planned \\(approved\\) meeting can be recorded as held"):
        services.meeting_hold(meeting=approved_meeting, record=record, actor=officer_a)


def test_held_outside_the_year_or_ended_before_it_began_is_refused(
    approved_meeting: Meeting, officer_a: User, record
) -> None:
    # each record breaks one rule only (held in 2027 with the events ended the same day, not before it)
    in_2027 = dataclasses.replace(record, actual_start=at(2027, 1, 3), events_ended_on=datetime.date(2027, 1, 3))
    for bad, field in (
        (in_2027, "actual_start"),
        (dataclasses.replace(record, events_ended_on=datetime.date(2026, 3, 11)), "events_ended_on"),
        (dataclasses.replace(record, ngo_participants=0), "ngo_participants"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.meeting_hold(meeting=approved_meeting, record=bad, actor=officer_a)
        assert set(refused.value.message_dict) == {field}
    approved_meeting.refresh_from_db()
    assert approved_meeting.status == Meeting.Status.APPROVED and not approved_meeting.ngos.exists()


def test_the_report_is_planned_for_at_most_a_quarter_of_the_time(approved_meeting: Meeting, officer_a: User) -> None:
    # given a 120-minute meeting: the report may be planned for 30 minutes, not 31 (001 p.3.3)
    values = {"timing_opinion": "x", "expected_topics": "", "announcement_url": ""}
    with pytest.raises(ValidationError) as error:
        services.meeting_prepare(meeting=approved_meeting, planned_report_minutes=31, actor=officer_a, **values)
    assert "planned_report_minutes" in error.value.message_dict
    meeting = services.meeting_prepare(meeting=approved_meeting, planned_report_minutes=30, actor=officer_a, **values)
    assert meeting.planned_report_minutes == 30
