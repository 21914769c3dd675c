"""meeting_propose (001 p.2.1) and meeting_add_unscheduled (001 p.3.1)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.meetings import services
from ashyq.meetings.models import Meeting, Schedule
from ashyq.orgs.models import Body
from tests.factories import BodyFactory
from tests.meetings.factories import at


def test_officer_proposes_a_meeting_for_next_years_schedule(body_a: Body, officer_a: User, plan) -> None:
    # when the officer proposes on 2 December, a day after the 1 December deadline
    meeting = services.meeting_propose(
        body=body_a, year=2026, plan=plan, proposed_on=datetime.date(2025, 12, 2), actor=officer_a
    )
    # then the proposal waits for the draft, and the schedule is collecting
    assert meeting.status == Meeting.Status.PROPOSED
    assert meeting.schedule.status == Schedule.Status.COLLECTING
    assert meeting.proposed_on > meeting.schedule.proposals_due
    assert AuditEvent.objects.get(event_type="meetings.meeting.proposed", body=body_a).new["topic_kk"] == plan.topic_kk


def test_a_meeting_dated_outside_the_schedules_year_is_refused(body_a: Body, officer_a: User, plan) -> None:
    # given a plan dated in 2027 for the 2026 schedule
    wrong = dataclasses.replace(plan, planned_start=at(2027, 1, 15))
    # when / then: a clear error and nothing saved
    with pytest.raises(ValidationError) as error:
        services.meeting_propose(body=body_a, year=2026, plan=wrong, actor=officer_a)
    assert "planned_start" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_another_bodys_officer_is_denied(body_a: Body, officer_b: User, plan) -> None:
    with pytest.raises(PermissionDenied, match="You do not act for this state body"):
        services.meeting_propose(body=body_a, year=2026, plan=plan, actor=officer_b)
    assert not Meeting.objects.exists()


def test_bodies_outside_resolution_12_and_local_bodies_hold_no_meetings(analyst: User, local_body: Body, plan) -> None:
    # given the Ministry of Defence, which Government resolution No. 12 does not cover
    defence = BodyFactory(name_ru="Министерство обороны", not_under_resolution_12=True)
    # when / then
    for body, rule in (
        (defence, "Government resolution No. 12 of 17 January 2024 does not apply to this body"),
        (local_body, "Only central executive bodies hold meetings with the population"),
    ):
        with pytest.raises(ValidationError, match=rule):
            services.meeting_propose(body=body, year=2026, plan=plan, actor=analyst)


def test_proposals_stop_once_the_draft_is_submitted(body_a: Body, officer_a: User, plan) -> None:
    Schedule.objects.create(year=2026, status=Schedule.Status.SUBMITTED)
    with pytest.raises(InvalidTransition, match="The schedule for 2026 is no longer collecting proposals"):
        services.meeting_propose(body=body_a, year=2026, plan=plan, actor=officer_a)


def test_unscheduled_meeting_records_the_risk_and_region(body_a: Body, officer_a: User, plan) -> None:
    # when risks in a region are forecast, a meeting outside the schedule is recorded
    meeting = services.meeting_add_unscheduled(
        body=body_a, plan=plan, reason="Эпидемиялық жағдайдың нашарлау қаупі", actor=officer_a
    )
    # then it is planned at once, with its reason and region, and the authorized body is told
    assert (meeting.status, meeting.is_unscheduled, meeting.region) == (Meeting.Status.APPROVED, True, plan.region)
    assert meeting.schedule.year == 2026
    assert AuditEvent.objects.filter(
        event_type="meetings.meeting.unscheduled_added", target_id=str(meeting.pk)
    ).exists()


def test_unscheduled_meeting_needs_a_reason_and_a_region(body_a: Body, officer_a: User, plan) -> None:
    for reason, region in ((" ", plan.region), ("risk", None)):
        with pytest.raises(ValidationError) as refused:
            services.meeting_add_unscheduled(
                body=body_a, plan=dataclasses.replace(plan, region=region), reason=reason, actor=officer_a
            )
        assert set(refused.value.message_dict) == {"unscheduled_reason"}
    assert not Meeting.objects.exists()
