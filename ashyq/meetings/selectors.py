"""Reads of the meetings app (ARCHITECTURE rule 3): body scope applied, related rows fetched up front."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber

from ashyq.core.permissions import body_ids_for, is_authorized_staff, scope_to_user_bodies
from ashyq.meetings import deadlines
from ashyq.meetings.models import IssueProgress, Meeting, ProblemIssue, ProgressReport, RegionalProblem, Schedule
from ashyq.orgs.models import CENTRAL_EXECUTIVE_KINDS, CENTRAL_KINDS, REGIONAL_KINDS, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def with_follow_up(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Issues (with their NGO), NGOs, akimats and progress reports with their entries, in five queries.

    Each issue carries its ``number`` within its meeting (1, 2, … in the order the pages and documents list
    them), and each progress entry its issue's (``issue_number``): people read "issue 2", never a database id.
    """
    numbered = ProblemIssue.objects.select_related("ngo").annotate(
        number=Window(RowNumber(), partition_by=[F("meeting_id")], order_by=F("pk").asc())
    )
    issues_before = (
        ProblemIssue.objects.filter(meeting_id=OuterRef("issue__meeting_id"), pk__lte=OuterRef("issue_id"))
        .order_by()
        .values("meeting_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    entries = IssueProgress.objects.annotate(issue_number=Subquery(issues_before)).order_by("issue_id")
    return meetings.select_related("body", "schedule", "region").prefetch_related(
        Prefetch("issues", queryset=numbered.order_by("pk")),
        "ngos",
        "akimats",
        "requests",
        Prefetch("progress_reports", queryset=ProgressReport.objects.prefetch_related(Prefetch("entries", entries))),
    )


def public_schedule(*, year: int) -> QuerySet[Meeting]:
    """The meetings the public sees for a year: approved ones and those held outside the schedule."""
    return (
        Meeting.objects.filter(schedule__year=year, status__in=Meeting.PUBLIC_STATUSES)
        .select_related("body", "region")
        .order_by("planned_start", "pk")
    )


def public_meeting(*, pk: int) -> Meeting:
    """One public meeting with its results, action plan and progress; ``Meeting.DoesNotExist`` otherwise."""
    return with_follow_up(Meeting.objects.filter(status__in=Meeting.PUBLIC_STATUSES)).get(pk=pk)


def meetings_for_user(*, user: AnyUser, year: int | None = None, status: str = "") -> QuerySet[Meeting]:
    """The meetings a user works on: their own bodies', or all of them for the authorized body's staff."""
    meetings = scope_to_user_bodies(Meeting.objects.all(), user).select_related("body", "schedule", "region")
    if year:
        meetings = meetings.filter(schedule__year=year)
    if status:
        meetings = meetings.filter(status=status)
    return meetings.annotate(
        issue_count=Count("issues", distinct=True),
        open_issue_count=Count("issues", filter=Q(issues__status=ProblemIssue.Status.OPEN), distinct=True),
    ).order_by("planned_start", "pk")


def meeting_for_user(*, user: AnyUser, pk: int) -> Meeting:
    """One meeting within the user's scope (``Meeting.DoesNotExist`` for another body's meeting)."""
    return with_follow_up(scope_to_user_bodies(Meeting.objects.all(), user)).get(pk=pk)


def schedule_of_year(*, year: int) -> Schedule | None:
    return Schedule.objects.filter(year=year).first()


@dataclass(frozen=True)
class BodyCoverage:
    """A central executive body on the schedule page: covered or not, its proposals and whether late."""

    body: Body
    covered: bool
    proposals: int
    late_proposals: int


def schedule_coverage(*, year: int) -> list[BodyCoverage]:
    """Every central executive body for a year's schedule; those resolution No. 12 does not cover are marked."""
    due = deadlines.proposals_due(year)
    bodies = (
        Body.objects.filter(kind__in=CENTRAL_EXECUTIVE_KINDS, is_active=True)
        .annotate(
            proposals=Count("meetings", filter=Q(meetings__schedule__year=year, meetings__is_unscheduled=False)),
            late_proposals=Count(
                "meetings",
                filter=Q(meetings__schedule__year=year, meetings__is_unscheduled=False, meetings__proposed_on__gt=due),
            ),
        )
        .order_by("not_under_resolution_12", "name_ru")
    )
    return [
        BodyCoverage(body, not body.not_under_resolution_12, body.proposals, body.late_proposals) for body in bodies
    ]


def regional_problems_received(*, body: Body, user: AnyUser) -> QuerySet[RegionalProblem]:
    """001 p.4.3: the regions' systemic problems sent to the body, for preparing its meetings."""
    problems = RegionalProblem.objects.filter(recipient=body).select_related("akimat")
    if not (is_authorized_staff(user) or body.pk in body_ids_for(user)):
        return problems.none()
    return problems.order_by("-year", "-half", "akimat__name_ru", "pk")


def regional_problems_sent(*, user: AnyUser) -> QuerySet[RegionalProblem]:
    """The problems the user's akimats have sent (all of them for the authorized body's staff)."""
    return scope_to_user_bodies(RegionalProblem.objects.all(), user, body_field="akimat").select_related(
        "akimat", "recipient"
    )


@dataclass(frozen=True)
class HalfYearSending:
    """001 p.4.3: whether an akimat has sent its systemic problems for a half-year, and whether it is late."""

    akimat: Body
    half: int
    sent: int
    due: datetime.date
    overdue: bool


def akimat_half_years(*, user: AnyUser, year: int, today: datetime.date) -> list[HalfYearSending]:
    """The user's akimats (every region's akimat for the authorized body's staff), both half-years of ``year``."""
    if is_authorized_staff(user):
        akimats = list(Body.objects.filter(kind__in=REGIONAL_KINDS, is_active=True).order_by("name_ru"))
    else:
        akimats = list(local_bodies_of_user(user=user))
    counts = {
        (row["akimat"], row["half"]): row["sent"]
        for row in RegionalProblem.objects.filter(akimat__in=akimats, year=year)
        .values("akimat", "half")
        .annotate(sent=Count("id"))
    }
    rows = []
    for akimat in akimats:
        for half in (1, 2):
            sent, due = counts.get((akimat.pk, half), 0), deadlines.half_year_due(year, half)
            rows.append(HalfYearSending(akimat, half, sent, due, sent == 0 and today > due))
    return rows


def local_bodies_of_user(*, user: AnyUser) -> QuerySet[Body]:
    """The akimats the user acts for (001 p.4.3 senders)."""
    return Body.objects.filter(pk__in=body_ids_for(user)).exclude(kind__in=CENTRAL_KINDS).order_by("name_ru")


def covered_bodies_of_user(*, user: AnyUser) -> QuerySet[Body]:
    """The central executive bodies covered by resolution No. 12 that the user may propose meetings for."""
    bodies = Body.objects.filter(kind__in=CENTRAL_EXECUTIVE_KINDS, not_under_resolution_12=False, is_active=True)
    if not is_authorized_staff(user):
        bodies = bodies.filter(pk__in=body_ids_for(user))
    return bodies.order_by("name_ru")


def overdue_progress_quarters(meeting: Meeting, today: datetime.date) -> list[tuple[int, int]]:
    """Quarters whose progress report is due, past, and missing (001 p.3.7 «ежеквартально»)."""
    if meeting.results_published_on is None or meeting.status != Meeting.Status.RESULTS_PUBLISHED:
        return []
    done = {(report.year, report.quarter) for report in meeting.progress_reports.all()}
    return [
        quarter
        for quarter in deadlines.progress_quarters(meeting.results_published_on, today)
        if quarter not in done and deadlines.progress_due(*quarter) < today
    ]
