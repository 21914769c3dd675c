"""The meetings' part of the signed-in home (``core.home``): the action plans' deadlines (001 p.3.7) and the
results to publish within ten days of the meetings (001 p.3.7): the officer's own bodies, or every body's overdue
work for the authorized body's staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ashyq.core.home import HomeSection, Horizon, WorkItem
from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.meetings.models import Meeting, ProblemIssue
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from ashyq.core.permissions import AnyUser

SHOWN = 10
# Meetings still waiting for their results are few (they are published within days); this bounds the scan.
RESULTS_SCAN = 500


def _issues(issues: QuerySet[ProblemIssue], window: Horizon) -> list[WorkItem]:
    return [
        WorkItem(
            label=str(issue),
            url=reverse("meetings:manage_meeting", args=[issue.meeting_id]),
            body=str(issue.meeting.body),
            due=issue.deadline,
            overdue=issue.is_overdue(window.today),
        )
        for issue in issues.order_by("deadline")[:SHOWN]
    ]


def _results(meetings: QuerySet[Meeting], window: Horizon, *, overdue_only: bool) -> list[WorkItem]:
    waiting = meetings.filter(events_ended_on__isnull=False, results_published_on__isnull=True).select_related("body")
    items = []
    for meeting in waiting.order_by("events_ended_on")[:RESULTS_SCAN]:
        due = meeting.results_due
        if due is None or due > window.until or (overdue_only and due >= window.today):
            continue
        items.append(
            WorkItem(
                label=meeting.topic,
                url=reverse("meetings:manage_meeting", args=[meeting.pk]),
                body=str(meeting.body),
                due=due,
                overdue=due < window.today,
            )
        )
    return items[:SHOWN]


def sections(*, user: AnyUser, window: Horizon) -> list[HomeSection]:
    open_issues = ProblemIssue.objects.filter(status=ProblemIssue.Status.OPEN, deadline__isnull=False).select_related(
        "meeting__body"
    )
    found: list[HomeSection] = []
    if is_authorized_staff(user):
        overdue = open_issues.filter(deadline__lt=window.today)
        found.append(
            HomeSection(
                title=_("Every body's overdue action-plan entries"),
                items=_issues(overdue, window),
                total=overdue.count(),
                more_url=reverse("meetings:manage_list"),
            )
        )
        found.append(
            HomeSection(
                title=_("Every body's meetings with overdue results"),
                items=_results(Meeting.objects.all(), window, overdue_only=True),
            )
        )
    officer_of = body_ids_for(user, (Role.OFFICER,))
    if officer_of:
        due = open_issues.filter(meeting__body_id__in=officer_of, deadline__lte=window.until)
        found.append(
            HomeSection(
                title=_("Action-plan entries due or overdue"),
                items=_issues(due, window),
                total=due.count(),
                more_url=reverse("meetings:manage_list"),
            )
        )
        found.append(
            HomeSection(
                title=_("Meeting results to publish"),
                items=_results(Meeting.objects.filter(body_id__in=officer_of), window, overdue_only=False),
            )
        )
    return found
