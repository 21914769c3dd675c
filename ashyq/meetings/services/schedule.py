"""The annual schedule (001 p.2): proposals in, the draft to the Government office, the approval recorded."""

from __future__ import annotations

import datetime
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.meetings.events import MeetingsEvent
from ashyq.meetings.models import Meeting, Schedule
from ashyq.meetings.tasks import notify_authorized_body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

SCHEDULE_FIELDS = [
    "status",
    "submitted_on",
    "submission_reference",
    "approved_on",
    "approval_reference",
    "approval_url",
]


def schedule_for_year(year: int) -> Schedule:
    """The year's schedule, created empty (collecting proposals) on first use."""
    schedule, _created = Schedule.objects.get_or_create(year=year)
    return schedule


def _lock(schedule: Schedule) -> Schedule:
    return Schedule.objects.select_for_update().get(pk=schedule.pk)


def schedule_submit(*, schedule: Schedule, submitted_on: datetime.date, reference: str, actor: AnyUser) -> Schedule:
    """001 p.2.2: the authorized body submits the draft schedule to the Government office (by 15 December)."""
    require_analyst(actor)
    with transaction.atomic():
        schedule = _lock(schedule)
        if not schedule.can_submit():
            raise InvalidTransition(_("This schedule has already been submitted."))
        if not schedule.meetings.filter(status=Meeting.Status.IN_DRAFT).exists():
            raise InvalidTransition(_("The draft schedule has no meetings: include the bodies' proposals first."))
        old = snapshot(schedule, SCHEDULE_FIELDS)
        schedule.status = Schedule.Status.SUBMITTED
        schedule.submitted_on = submitted_on
        schedule.submission_reference = reference
        schedule.save(update_fields=["status", "submitted_on", "submission_reference", "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.SCHEDULE_SUBMITTED,
            target=schedule,
            old=old,
            new=snapshot(schedule, SCHEDULE_FIELDS),
        )
    return schedule


def schedule_approve(
    *, schedule: Schedule, approved_on: datetime.date, reference: str, url: str, actor: AnyUser
) -> Schedule:
    """001 p.2.3: record the Government's approval (by 10 January); the draft's meetings become approved."""
    require_analyst(actor)
    if not reference.strip():
        raise InvalidTransition(_("State the approval reference (the act that approved the schedule)."))
    with transaction.atomic():
        schedule = _lock(schedule)
        if not schedule.can_approve():
            raise InvalidTransition(_("Only a schedule submitted to the Government office can be approved."))
        old = snapshot(schedule, SCHEDULE_FIELDS)
        schedule.status = Schedule.Status.APPROVED
        schedule.approved_on = approved_on
        schedule.approval_reference = reference.strip()
        schedule.approval_url = url
        schedule.full_clean()
        schedule.save(update_fields=["status", "approved_on", "approval_reference", "approval_url", "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.SCHEDULE_APPROVED,
            target=schedule,
            old=old,
            new=snapshot(schedule, SCHEDULE_FIELDS),
        )
        _approve_drafted_meetings(schedule, actor)
    return schedule


def _approve_drafted_meetings(schedule: Schedule, actor: AnyUser) -> None:
    meetings = list(
        schedule.meetings.select_for_update()
        .filter(status=Meeting.Status.IN_DRAFT)
        .select_related("body")
        .order_by("pk")
    )
    for meeting in meetings:
        meeting.status = Meeting.Status.APPROVED
        meeting.approved_start = meeting.planned_start
        meeting.save(update_fields=["status", "approved_start", "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.MEETING_APPROVED,
            target=meeting,
            body=meeting.body,
            old={"status": Meeting.Status.IN_DRAFT},
            new={"status": Meeting.Status.APPROVED, "approved_start": meeting.approved_start},
        )
        transaction.on_commit(partial(notify_authorized_body.enqueue, meeting.pk, "approved"))
