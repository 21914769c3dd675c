"""The evidence of 002 Annex 9 table 5 item 4 for a body and a year, read from the meetings' own records.

The four parameters of 002 Annex 10 table 6 item 4 («Халықпен кездесулер»):
1) keeping the annual schedule: dates and times of the meetings with links to their announcements;
2) action plans and progress placed on the site, for each meeting held under the approved schedule;
3) personal reception: citizens received and the problem issues with their personal/systemic rating;
4) meetings with NGOs: participants, the list of NGOs and the issues raised, tied to each NGO.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ashyq.core.permissions import require_body_access
from ashyq.meetings.models import Meeting, Ngo, ProblemIssue, ProgressReport, Schedule
from ashyq.meetings.selectors import overdue_progress_quarters, with_follow_up

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from ashyq.orgs.models import Body

# The parameters' names as 002 Annex 10 table 6 item 4 words them.
PARAMETERS = {
    1: _("Keeping the annual schedule / calendar of meetings"),
    2: _("Placing on the site the action plan on resolving problem issues and information on their progress"),
    3: _("Holding personal reception of citizens"),
    4: _("Holding a meeting with NGOs"),
}
HELD_STATUSES = (Meeting.Status.HELD, Meeting.Status.RESULTS_PUBLISHED, Meeting.Status.CLOSED)


@dataclass(frozen=True)
class ScheduleKept:
    """Parameter 1: one approved (or unscheduled) meeting, as the approved schedule dated it and as held."""

    meeting: Meeting
    planned_start: datetime.datetime
    actual_start: datetime.datetime | None
    announcement_url: str
    kept: bool | None  # None: not held yet and its date has not passed


@dataclass(frozen=True)
class PlanPlaced:
    """Parameter 2: a held meeting's published action plan and its quarterly progress."""

    meeting: Meeting
    published_on: datetime.date | None
    due: datetime.date | None
    late: bool
    url_kk: str
    url_ru: str
    reports: list[ProgressReport]
    missing_quarters: list[tuple[int, int]]


@dataclass(frozen=True)
class Reception:
    """Parameter 3: citizens received at a meeting and its problem issues with their rating."""

    meeting: Meeting
    citizens_received: int
    issues: list[ProblemIssue]

    @property
    def personal(self) -> int:
        return sum(issue.rating == ProblemIssue.Rating.PERSONAL for issue in self.issues)

    @property
    def systemic(self) -> int:
        return sum(issue.rating == ProblemIssue.Rating.SYSTEMIC for issue in self.issues)


@dataclass(frozen=True)
class NgoMeeting:
    """Parameter 4: participants, the NGOs, and the issues each NGO raised."""

    meeting: Meeting
    participants: int
    ngos: list[tuple[Ngo, list[ProblemIssue]]]


@dataclass
class MeetingsEvidence:
    body: Body
    year: int
    schedule: Schedule | None
    today: datetime.date
    schedule_kept: list[ScheduleKept] = field(default_factory=list)
    plans: list[PlanPlaced] = field(default_factory=list)
    receptions: list[Reception] = field(default_factory=list)
    ngo_meetings: list[NgoMeeting] = field(default_factory=list)

    @property
    def not_covered(self) -> bool:
        """002 Annex 10 table 6 **: bodies outside resolution No. 12 receive the central bodies' average."""
        return self.body.not_under_resolution_12


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment) if moment is not None else None


def _kept(meeting: Meeting, today: datetime.date) -> ScheduleKept:
    """Held on the date of the approved schedule (a meeting moved later is not "kept"; ADR 0022)."""
    actual = _local(meeting.actual_start)
    scheduled = timezone.localtime(meeting.approved_start or meeting.planned_start)
    held = meeting.status in HELD_STATUSES and actual is not None
    kept: bool | None = held and not meeting.is_unscheduled and actual is not None and actual.date() == scheduled.date()
    if not held and scheduled.date() >= today:
        kept = None
    return ScheduleKept(meeting, scheduled, actual, meeting.announcement_url, kept)


def _plan(meeting: Meeting, today: datetime.date) -> PlanPlaced:
    return PlanPlaced(
        meeting=meeting,
        published_on=meeting.results_published_on,
        due=meeting.results_due,
        late=meeting.results_overdue,
        url_kk=meeting.results_url_kk,
        url_ru=meeting.results_url_ru,
        reports=sorted(meeting.progress_reports.all(), key=lambda report: (report.year, report.quarter)),
        missing_quarters=overdue_progress_quarters(meeting, today),
    )


def _ngo_meeting(meeting: Meeting) -> NgoMeeting:
    issues = list(meeting.issues.all())
    ngos = [(ngo, [issue for issue in issues if issue.ngo_id == ngo.pk]) for ngo in meeting.ngos.all()]
    return NgoMeeting(meeting, meeting.ngo_participants, ngos)


def meeting_evidence(
    *, body: Body, year: int, user: User | AnonymousUser, today: datetime.date | None = None
) -> MeetingsEvidence:
    """The four parameters' evidence for ``body`` and ``year`` (002 Annex 9 table 5 item 4)."""
    require_body_access(user, body, change=False)
    today = today or timezone.localdate()
    meetings = list(
        with_follow_up(
            Meeting.objects.filter(body=body, schedule__year=year, status__in=Meeting.PUBLIC_STATUSES)
        ).order_by("planned_start", "pk")
    )
    evidence = MeetingsEvidence(body=body, year=year, schedule=Schedule.objects.filter(year=year).first(), today=today)
    evidence.schedule_kept = [_kept(meeting, today) for meeting in meetings]
    held = [meeting for meeting in meetings if meeting.status in HELD_STATUSES]
    evidence.plans = [_plan(meeting, today) for meeting in held if not meeting.is_unscheduled]
    evidence.receptions = [
        Reception(meeting, meeting.citizens_received, list(meeting.issues.all())) for meeting in held
    ]
    evidence.ngo_meetings = [
        _ngo_meeting(meeting) for meeting in held if meeting.ngo_participants or meeting.ngos.all()
    ]
    return evidence
