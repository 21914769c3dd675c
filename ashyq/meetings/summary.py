"""The half-year summary of all bodies' meetings for the authorized body (001 p.5.2) and the Government (p.6.1).

001 p.6.1: the Government reviews the meetings' results every half-year; p.5.2: the authorized body counts
them in the annual assessment. One row per central executive body covered by resolution No. 12.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ashyq.core.permissions import is_authorized_staff
from ashyq.meetings.evidence import HELD_STATUSES
from ashyq.meetings.models import Meeting, ProblemIssue
from ashyq.orgs.models import CENTRAL_EXECUTIVE_KINDS, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass
class BodyHalfYear:
    body: Body
    planned: int = 0
    held: int = 0
    unscheduled: int = 0
    citizens_received: int = 0
    personal: int = 0
    systemic: int = 0
    resolved: int = 0
    overdue_issues: int = 0
    late_results: int = 0


def half_year_bounds(year: int, half: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The half-year as [start, end) in Asia/Almaty."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(year, 1 if half == 1 else 7, 1, tzinfo=zone)
    end = datetime.datetime(year, 7, 1, tzinfo=zone) if half == 1 else datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    return start, end


def _add(row: BodyHalfYear, meeting: Meeting, period_end: datetime.date) -> None:
    row.planned += not meeting.is_unscheduled
    if meeting.status not in HELD_STATUSES:
        return
    row.held += 1
    row.unscheduled += meeting.is_unscheduled
    row.citizens_received += meeting.citizens_received
    row.late_results += meeting.results_overdue
    for issue in meeting.issues.all():
        row.personal += issue.rating == ProblemIssue.Rating.PERSONAL
        row.systemic += issue.rating == ProblemIssue.Rating.SYSTEMIC
        row.resolved += issue.status == ProblemIssue.Status.RESOLVED
        row.overdue_issues += issue.is_overdue(period_end)


def half_year_summary(*, year: int, half: int, user: User | AnonymousUser) -> list[BodyHalfYear]:
    """Per covered central executive body: meetings planned and held in the half-year, citizens, issues."""
    if not is_authorized_staff(user):
        raise PermissionDenied(_("Only the authorized body sees every body's meetings."))
    start, end = half_year_bounds(year, half)
    period_end = (end - datetime.timedelta(days=1)).date()
    bodies = Body.objects.filter(kind__in=CENTRAL_EXECUTIVE_KINDS, not_under_resolution_12=False, is_active=True)
    rows = {body.pk: BodyHalfYear(body) for body in bodies.order_by("name_ru")}
    meetings = (
        Meeting.objects.filter(body__in=rows, planned_start__gte=start, planned_start__lt=end)
        .filter(status__in=Meeting.PUBLIC_STATUSES)
        .prefetch_related(
            Prefetch("issues", queryset=ProblemIssue.objects.only("meeting_id", "rating", "status", "deadline"))
        )
    )
    for meeting in meetings:
        _add(rows[meeting.body_id], meeting, period_end)
    return list(rows.values())


def summary_headers() -> list[str]:
    return [
        _("State body"),
        _("Meetings in the schedule"),
        _("Meetings held"),
        _("of them outside the schedule"),
        _("Citizens received"),
        _("Personal issues"),
        _("Systemic issues"),
        _("Issues resolved"),
        _("Issues overdue"),
        _("Results published late"),
    ]


def summary_rows(rows: list[BodyHalfYear]) -> list[list[object]]:
    return [
        [
            row.body.name,
            row.planned,
            row.held,
            row.unscheduled,
            row.citizens_received,
            row.personal,
            row.systemic,
            row.resolved,
            row.overdue_issues,
            row.late_results,
        ]
        for row in rows
    ]
