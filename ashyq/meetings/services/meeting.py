"""A meeting from proposal to the meeting itself (001 p.2.1, p.3.1–3.6)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst, require_body_access
from ashyq.meetings.events import MeetingsEvent
from ashyq.meetings.models import CollectedRequest, Meeting, Ngo, Schedule
from ashyq.meetings.services.schedule import schedule_for_year
from ashyq.meetings.tasks import notify_authorized_body
from ashyq.orgs.models import REGIONAL_KINDS, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class MeetingPlan:
    """What a body proposes: who meets whom, on what, when and for how long."""

    head_name: str
    topic_kk: str
    topic_ru: str
    planned_start: datetime.datetime
    planned_duration_minutes: int
    place: str = ""
    region: Body | None = None


@dataclass(frozen=True)
class MeetingRecord:
    """What happened at the meeting (001 p.3.2–3.6)."""

    actual_start: datetime.datetime
    actual_report_minutes: int
    events_ended_on: datetime.date
    broadcast_url: str = ""
    commenting_accounts: str = ""
    videoconference: bool = False
    citizens_received: int = 0
    ngo_participants: int = 0
    ngo_names: list[str] = field(default_factory=list)
    briefing_url: str = ""
    akimats: list[Body] = field(default_factory=list)


HELD_FIELDS = [
    "actual_start",
    "actual_report_minutes",
    "events_ended_on",
    "broadcast_url",
    "commenting_accounts",
    "videoconference",
    "citizens_received",
    "ngo_participants",
    "briefing_url",
]
PREPARE_FIELDS = ["timing_opinion", "expected_topics", "announcement_url", "planned_start", "planned_report_minutes"]


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body", "schedule").get(pk=meeting.pk)


def require_covered_body(body: Body) -> None:
    """001 p.1 and Government resolution No. 12: central executive bodies, except those it does not cover."""
    if not body.is_central_executive:
        raise ValidationError(_("Only central executive bodies hold meetings with the population (001 p.1)."))
    if body.not_under_resolution_12:
        raise ValidationError(
            _("Government resolution No. 12 of 17 January 2024 does not apply to this body: it holds no such meetings.")
        )


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _validate_plan(plan: MeetingPlan, year: int) -> None:
    errors: dict[str, str] = {}
    if _local_date(plan.planned_start).year != year:
        errors["planned_start"] = _("The meeting must be dated within %(year)s, the schedule's year.") % {"year": year}
    if plan.planned_duration_minutes <= 0:
        errors["planned_duration_minutes"] = _("The planned duration must be positive.")
    if not (plan.head_name.strip() and plan.topic_kk.strip() and plan.topic_ru.strip()):
        errors["topic_kk"] = _("The head's name and the topic in Kazakh and Russian are required.")
    if plan.region is not None and plan.region.kind not in REGIONAL_KINDS:
        errors["region"] = _("The region is an oblast, a city of republican significance or the capital.")
    if errors:
        raise ValidationError(errors)


def _new_meeting(*, body: Body, schedule: Schedule, plan: MeetingPlan, **extra: object) -> Meeting:
    meeting = Meeting(
        body=body,
        schedule=schedule,
        head_name=plan.head_name.strip(),
        topic_kk=plan.topic_kk.strip(),
        topic_ru=plan.topic_ru.strip(),
        planned_start=plan.planned_start,
        planned_duration_minutes=plan.planned_duration_minutes,
        place=plan.place,
        region=plan.region,
        **extra,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_propose(
    *, body: Body, year: int, plan: MeetingPlan, proposed_on: datetime.date | None = None, actor: AnyUser
) -> Meeting:
    """001 p.2.1: a body proposes a meeting for next year's schedule (due by 1 December; late ones flagged)."""
    require_body_access(actor, body)
    require_covered_body(body)
    _validate_plan(plan, year)
    with transaction.atomic():
        schedule = Schedule.objects.select_for_update().get(pk=schedule_for_year(year).pk)
        if schedule.status != Schedule.Status.COLLECTING:
            raise InvalidTransition(
                _("The schedule for %(year)s is no longer collecting proposals; record an unscheduled meeting instead.")
                % {"year": year}
            )
        meeting = _new_meeting(body=body, schedule=schedule, plan=plan, proposed_on=proposed_on or timezone.localdate())
        audit_record(
            actor=actor,
            event=MeetingsEvent.MEETING_PROPOSED,
            target=meeting,
            body=body,
            new=snapshot(meeting, ["status", "topic_kk", "topic_ru", "planned_start", "proposed_on"]),
        )
    return meeting


def meeting_add_unscheduled(*, body: Body, plan: MeetingPlan, reason: str, actor: AnyUser) -> Meeting:
    """001 p.3.1: a meeting outside the schedule when risks in a supervised sphere in a region are forecast or arise.

    It needs no approval of the schedule, so it enters the lifecycle as planned (``approved``) (ADR 0020).
    """
    require_body_access(actor, body)
    require_covered_body(body)
    year = _local_date(plan.planned_start).year
    _validate_plan(plan, year)
    if not reason.strip() or plan.region is None:
        raise ValidationError(
            {"unscheduled_reason": _("A meeting outside the schedule needs the risk that caused it and the region.")}
        )
    with transaction.atomic():
        meeting = _new_meeting(
            body=body,
            schedule=schedule_for_year(year),
            plan=plan,
            proposed_on=timezone.localdate(),
            status=Meeting.Status.APPROVED,
            is_unscheduled=True,
            unscheduled_reason=reason.strip(),
        )
        audit_record(
            actor=actor,
            event=MeetingsEvent.MEETING_UNSCHEDULED_ADDED,
            target=meeting,
            body=body,
            new=snapshot(meeting, ["status", "topic_kk", "planned_start", "region", "unscheduled_reason"]),
        )
        transaction.on_commit(lambda: notify_authorized_body.enqueue(meeting.pk, "approved"))
    return meeting


def _draft_step(*, meeting: Meeting, include: bool, actor: AnyUser) -> Meeting:
    require_analyst(actor)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        allowed = meeting.can_include_in_draft() if include else meeting.can_exclude_from_draft()
        if not allowed or meeting.schedule.status != Schedule.Status.COLLECTING:
            raise InvalidTransition(_("The draft schedule can change only while it is being compiled."))
        old = {"status": meeting.status}
        meeting.status = Meeting.Status.IN_DRAFT if include else Meeting.Status.PROPOSED
        meeting.save(update_fields=["status", "updated_at"])
        event = MeetingsEvent.MEETING_INCLUDED if include else MeetingsEvent.MEETING_EXCLUDED
        audit_record(
            actor=actor, event=event, target=meeting, body=meeting.body, old=old, new={"status": meeting.status}
        )
    return meeting


def meeting_include_in_draft(*, meeting: Meeting, actor: AnyUser) -> Meeting:
    """001 p.2.2: the authorized body compiles the draft schedule from the proposals."""
    return _draft_step(meeting=meeting, include=True, actor=actor)


def meeting_exclude_from_draft(*, meeting: Meeting, actor: AnyUser) -> Meeting:
    """001 p.2.2: a proposal taken back out of the draft while it is compiled."""
    return _draft_step(meeting=meeting, include=False, actor=actor)


def _validate_preparation(
    meeting: Meeting, planned_start: datetime.datetime | None, planned_report_minutes: int | None
) -> None:
    errors: dict[str, str] = {}
    if planned_start is not None and _local_date(planned_start).year != meeting.schedule.year:
        errors["planned_start"] = _("The meeting must be dated within %(year)s, the schedule's year.") % {
            "year": meeting.schedule.year
        }
    if planned_report_minutes is not None and planned_report_minutes > meeting.report_limit_minutes:
        errors["planned_report_minutes"] = _(
            "The report may take no more than a quarter of the planned time: %(limit)s minutes."
        ) % {"limit": meeting.report_limit_minutes}
    if errors:
        raise ValidationError(errors)


def meeting_prepare(
    *,
    meeting: Meeting,
    timing_opinion: str,
    expected_topics: str,
    announcement_url: str,
    planned_start: datetime.datetime | None = None,
    planned_report_minutes: int | None = None,
    actor: AnyUser,
) -> Meeting:
    """001 p.3.5: date and time set with the population's opinion; the analysed requests' expected topics.

    001 p.3.3: the report is planned for no more than a quarter of the meeting's planned time.
    """
    require_body_access(actor, meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if not meeting.can_prepare():
            raise InvalidTransition(_("The meeting has already been held."))
        _validate_preparation(meeting, planned_start, planned_report_minutes)
        old = snapshot(meeting, PREPARE_FIELDS)
        meeting.planned_report_minutes = planned_report_minutes
        meeting.timing_opinion = timing_opinion.strip()
        meeting.expected_topics = expected_topics.strip()
        meeting.announcement_url = announcement_url
        meeting.planned_start = planned_start or meeting.planned_start
        meeting.full_clean()
        meeting.save(update_fields=[*PREPARE_FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.MEETING_PREPARED,
            target=meeting,
            body=meeting.body,
            old=old,
            new=snapshot(meeting, PREPARE_FIELDS),
        )
    return meeting


def collected_request_add(
    *, meeting: Meeting, channel: str, received: int, summary: str, actor: AnyUser
) -> CollectedRequest:
    """001 p.3.5: requests and proposals collected from one channel, with the analysis's summary."""
    require_body_access(actor, meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if not meeting.can_prepare():
            raise InvalidTransition(_("The meeting has already been held."))
        request = CollectedRequest(meeting=meeting, channel=channel, received=received, summary=summary.strip())
        request.full_clean()
        request.save()
        audit_record(
            actor=actor,
            event=MeetingsEvent.REQUESTS_RECORDED,
            target=meeting,
            body=meeting.body,
            new={"channel": channel, "received": received},
        )
    return request


def _validate_record(meeting: Meeting, record: MeetingRecord) -> None:
    errors: dict[str, str] = {}
    held_on = _local_date(record.actual_start)
    if held_on.year != meeting.schedule.year:
        errors["actual_start"] = _("The meeting must be dated within %(year)s, the schedule's year.") % {
            "year": meeting.schedule.year
        }
    if record.events_ended_on < held_on:
        errors["events_ended_on"] = _("The meetings and receptions cannot end before the meeting.")
    if record.ngo_names and record.ngo_participants <= 0:
        errors["ngo_participants"] = _("State how many took part in the meeting with NGOs.")
    if any(akimat.is_central for akimat in record.akimats):
        errors["akimats"] = _("Only akimats (local executive bodies) are listed as participating akims.")
    if errors:
        raise ValidationError(errors)


def _ngo_names(names: Iterable[str]) -> list[str]:
    return sorted({name.strip() for name in names if name.strip()})


def meeting_hold(*, meeting: Meeting, record: MeetingRecord, actor: AnyUser) -> Meeting:
    """001 p.3.2–3.6: record the held meeting; a report longer than a quarter of the planned time is flagged."""
    require_body_access(actor, meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if not meeting.can_hold():
            raise InvalidTransition(_("Only a planned (approved) meeting can be recorded as held."))
        _validate_record(meeting, record)
        old = {"status": meeting.status, **snapshot(meeting, HELD_FIELDS)}
        meeting.status = Meeting.Status.HELD
        for name in HELD_FIELDS:
            setattr(meeting, name, getattr(record, name))
        meeting.full_clean()
        meeting.save(update_fields=["status", *HELD_FIELDS, "updated_at"])
        meeting.akimats.set(record.akimats)
        Ngo.objects.bulk_create([Ngo(meeting=meeting, name=name) for name in _ngo_names(record.ngo_names)])
        audit_record(
            actor=actor,
            event=MeetingsEvent.MEETING_HELD,
            target=meeting,
            body=meeting.body,
            old=old,
            new={
                "status": meeting.status,
                **snapshot(meeting, HELD_FIELDS),
                "report_too_long": meeting.report_too_long,
                "ngos": _ngo_names(record.ngo_names),
                "akimats": [akimat.pk for akimat in record.akimats],
            },
        )
    return meeting
