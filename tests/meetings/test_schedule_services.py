"""schedule_submit / schedule_approve (001 p.2.2–2.3) and the draft's compiling (include / exclude)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.meetings import services
from ashyq.meetings.models import Meeting, Schedule
from ashyq.orgs.models import Body


@pytest.fixture
def proposal(body_a: Body, officer_a: User, plan: services.MeetingPlan) -> Meeting:
    return services.meeting_propose(
        body=body_a, year=2026, plan=plan, proposed_on=datetime.date(2025, 11, 28), actor=officer_a
    )


def test_analyst_compiles_submits_and_records_the_approval(
    proposal: Meeting, analyst: User, django_capture_on_commit_callbacks
) -> None:
    # given a proposal included in the draft schedule
    analyst.email = "analyst@example.kz"
    analyst.save(update_fields=["email"])
    services.meeting_include_in_draft(meeting=proposal, actor=analyst)
    schedule = Schedule.objects.get(year=2026)
    # when the draft goes to the Government office late (after 15 December) and is approved in time
    services.schedule_submit(
        schedule=schedule, submitted_on=datetime.date(2025, 12, 16), reference="04-2/1", actor=analyst
    )
    with pytest.raises(InvalidTransition, match="This schedule has already been submitted"):
        services.schedule_submit(
            schedule=schedule, submitted_on=datetime.date(2025, 12, 16), reference="x", actor=analyst
        )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        schedule = services.schedule_approve(
            schedule=schedule, approved_on=datetime.date(2026, 1, 9), reference="Protocol No. 1", url="", actor=analyst
        )
    # then the schedule and its meetings are approved, lateness flagged, events and e-mails written
    proposal.refresh_from_db()
    assert (schedule.status, proposal.status) == (Schedule.Status.APPROVED, Meeting.Status.APPROVED)
    assert schedule.submission_late and not schedule.approval_late
    events = list(AuditEvent.objects.filter(event_type__startswith="meetings.").values_list("event_type", flat=True))
    assert {"meetings.schedule.submitted", "meetings.schedule.approved", "meetings.meeting.approved"} <= set(events)
    assert len(callbacks) == 1 and len(mail.outbox) == 1 and mail.outbox[0].to == ["analyst@example.kz"]


def test_an_empty_draft_cannot_be_submitted(proposal: Meeting, analyst: User) -> None:
    # given a schedule whose only proposal was not included
    schedule = Schedule.objects.get(year=2026)
    # when / then
    with pytest.raises(InvalidTransition, match="The draft schedule has no meetings"):
        services.schedule_submit(
            schedule=schedule, submitted_on=datetime.date(2025, 12, 10), reference="1", actor=analyst
        )
    assert Schedule.objects.get(year=2026).status == Schedule.Status.COLLECTING


def _submitted(proposal: Meeting, analyst: User) -> Schedule:
    services.meeting_include_in_draft(meeting=proposal, actor=analyst)
    schedule = Schedule.objects.get(year=2026)
    return services.schedule_submit(
        schedule=schedule, submitted_on=datetime.date(2025, 12, 10), reference="04-2/1", actor=analyst
    )


@pytest.mark.parametrize("reference", ["", "   "])
def test_approval_needs_the_approving_acts_reference(proposal: Meeting, analyst: User, reference: str) -> None:
    """001 p.2.3: the approval is recorded with the act that approved it (only the reference rule can refuse:
    the schedule is submitted)."""
    # given a schedule submitted to the Government office
    schedule = _submitted(proposal, analyst)
    # when the approval is recorded without the act's reference / then it is refused for that reason alone
    with pytest.raises(InvalidTransition, match="State the approval reference"):
        services.schedule_approve(
            schedule=schedule, approved_on=datetime.date(2026, 1, 5), reference=reference, url="", actor=analyst
        )
    schedule.refresh_from_db()
    assert (schedule.status, schedule.approval_reference) == (Schedule.Status.SUBMITTED, "")
    assert not AuditEvent.objects.filter(event_type="meetings.schedule.approved").exists()


def test_approval_needs_a_submitted_schedule(proposal: Meeting, analyst: User) -> None:
    """001 p.2.3: only the draft submitted under p.2.2 is approved (the reference is given)."""
    # given a schedule still collecting proposals
    schedule = Schedule.objects.get(year=2026)
    # when an approval with its reference is recorded / then it is refused for the state alone
    with pytest.raises(InvalidTransition, match="Only a schedule submitted to the Government office"):
        services.schedule_approve(
            schedule=schedule, approved_on=datetime.date(2026, 1, 5), reference="No. 1", url="", actor=analyst
        )
    assert Schedule.objects.get(year=2026).status == Schedule.Status.COLLECTING


def test_only_an_analyst_compiles_the_draft(proposal: Meeting, officer_a: User) -> None:
    # given the body's own officer
    # when / then: the draft is the authorized body's work
    with pytest.raises(PermissionDenied, match="Only an analyst of the authorized body may do this"):
        services.meeting_include_in_draft(meeting=proposal, actor=officer_a)
    with pytest.raises(PermissionDenied, match="Only an analyst of the authorized body may do this"):
        services.schedule_submit(
            schedule=proposal.schedule, submitted_on=datetime.date(2025, 12, 1), reference="1", actor=officer_a
        )


def test_a_proposal_can_be_taken_out_of_the_draft_while_compiling(proposal: Meeting, analyst: User) -> None:
    services.meeting_include_in_draft(meeting=proposal, actor=analyst)
    meeting = services.meeting_exclude_from_draft(meeting=proposal, actor=analyst)
    assert meeting.status == Meeting.Status.PROPOSED
    with pytest.raises(InvalidTransition, match="The draft schedule can change only while it is being compiled"):
        services.meeting_exclude_from_draft(meeting=proposal, actor=analyst)
