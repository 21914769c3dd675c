"""After the meeting (001 p.3.7): problem issues, the published action plan, quarterly progress, closing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_body_access
from ashyq.meetings import deadlines
from ashyq.meetings.events import MeetingsEvent
from ashyq.meetings.models import IssueProgress, Meeting, Ngo, ProblemIssue, ProgressReport
from ashyq.meetings.services.meeting import lock_meeting
from ashyq.meetings.tasks import notify_authorized_body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

PLAN_FIELDS = ["action_kk", "action_ru", "deadline", "executor_kk", "executor_ru"]


@dataclass(frozen=True)
class ActionPlanEntry:
    """An issue's action-plan entry: what is done, by when, by whom (001 p.3.7)."""

    action_kk: str = ""
    action_ru: str = ""
    deadline: datetime.date | None = None
    executor_kk: str = ""
    executor_ru: str = ""


@dataclass(frozen=True)
class ProgressEntry:
    """One issue's progress as the quarter's publication states it."""

    note_kk: str
    note_ru: str
    resolved: bool = False


def _require_open_issues_stage(meeting: Meeting) -> None:
    if not meeting.can_record_issues():
        raise InvalidTransition(
            _("Problem issues and their action plan are edited after the meeting, before publication.")
        )


def issue_add(
    *,
    meeting: Meeting,
    source: str,
    rating: str,
    text_kk: str,
    text_ru: str,
    ngo: Ngo | None = None,
    plan: ActionPlanEntry | None = None,
    actor: AnyUser,
) -> ProblemIssue:
    """001 p.3.7: systematise a problem issue raised at the meeting, rated personal or systemic (002 Annex 9)."""
    require_body_access(actor, meeting.body)
    if ngo is not None and ngo.meeting_id != meeting.pk:
        raise ValidationError({"ngo": _("This NGO did not take part in this meeting.")})
    plan = plan or ActionPlanEntry()
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        _require_open_issues_stage(meeting)
        issue = ProblemIssue(
            meeting=meeting,
            source=source,
            ngo=ngo,
            rating=rating,
            text_kk=text_kk.strip(),
            text_ru=text_ru.strip(),
            action_kk=plan.action_kk.strip(),
            action_ru=plan.action_ru.strip(),
            deadline=plan.deadline,
            executor_kk=plan.executor_kk.strip(),
            executor_ru=plan.executor_ru.strip(),
        )
        issue.full_clean()
        issue.save()
        audit_record(
            actor=actor,
            event=MeetingsEvent.ISSUE_ADDED,
            target=issue,
            body=meeting.body,
            new=snapshot(issue, ["meeting", "source", "ngo", "rating", "text_kk", *PLAN_FIELDS]),
        )
    return issue


def issue_plan(*, issue: ProblemIssue, plan: ActionPlanEntry, actor: AnyUser) -> ProblemIssue:
    """001 p.3.7: the issue's action-plan entry with a concrete deadline and a responsible executor."""
    require_body_access(actor, issue.meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(issue.meeting)
        _require_open_issues_stage(meeting)
        issue = ProblemIssue.objects.select_for_update().get(pk=issue.pk)
        old = snapshot(issue, PLAN_FIELDS)
        issue.action_kk, issue.action_ru = plan.action_kk.strip(), plan.action_ru.strip()
        issue.deadline = plan.deadline
        issue.executor_kk, issue.executor_ru = plan.executor_kk.strip(), plan.executor_ru.strip()
        issue.full_clean()
        issue.save(update_fields=[*PLAN_FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.ISSUE_PLANNED,
            target=issue,
            body=meeting.body,
            old=old,
            new=snapshot(issue, PLAN_FIELDS),
        )
    return issue


def _require_complete_plan(meeting: Meeting) -> None:
    incomplete = [issue for issue in meeting.issues.order_by("pk") if not issue.has_plan]
    if incomplete:
        numbers = ", ".join(str(issue.pk) for issue in incomplete)
        raise ValidationError(
            _(
                "Every action-plan item needs the action and the responsible executor in Kazakh and Russian and "
                "a deadline; incomplete items: %(numbers)s."
            )
            % {"numbers": numbers}
        )


def meeting_publish_results(
    *, meeting: Meeting, published_on: datetime.date, url_kk: str, url_ru: str, actor: AnyUser
) -> Meeting:
    """001 p.3.7: results, issues and action plan published within 10 calendar days (late ones flagged)."""
    require_body_access(actor, meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if not meeting.can_publish_results():
            raise InvalidTransition(_("Results are published once, after the meeting is recorded as held."))
        if not (url_kk and url_ru):
            raise ValidationError(_("Give the links to the publication in Kazakh and in Russian."))
        assert meeting.events_ended_on is not None  # set by meeting_hold
        if published_on < meeting.events_ended_on:
            raise ValidationError({"published_on": _("The results cannot be published before the meetings end.")})
        _require_complete_plan(meeting)
        meeting.status = Meeting.Status.RESULTS_PUBLISHED
        meeting.results_published_on, meeting.results_url_kk, meeting.results_url_ru = published_on, url_kk, url_ru
        meeting.full_clean()
        meeting.save(update_fields=["status", "results_published_on", "results_url_kk", "results_url_ru", "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.RESULTS_PUBLISHED,
            target=meeting,
            body=meeting.body,
            old={"status": Meeting.Status.HELD},
            new={
                **snapshot(meeting, ["status", "results_published_on", "results_url_kk", "results_url_ru"]),
                "due": meeting.results_due,
                "late": meeting.results_overdue,
            },
        )
        transaction.on_commit(lambda: notify_authorized_body.enqueue(meeting.pk, "results_published"))
    return meeting


def _validate_progress(
    meeting: Meeting, year: int, quarter: int, published_on: datetime.date, entries: dict[int, ProgressEntry]
) -> list[ProblemIssue]:
    assert meeting.results_published_on is not None
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    if (year, quarter) < deadlines.quarter_of(
        meeting.results_published_on
    ) or published_on < meeting.results_published_on:
        raise ValidationError({"quarter": _("Progress is reported for quarters after the action plan was published.")})
    open_issues = list(meeting.issues.select_for_update().filter(status=ProblemIssue.Status.OPEN).order_by("pk"))
    missing = [issue.pk for issue in open_issues if issue.pk not in entries]
    unknown = set(entries) - {issue.pk for issue in open_issues}
    empty = [pk for pk, entry in entries.items() if not (entry.note_kk.strip() and entry.note_ru.strip())]
    if missing or unknown or empty:
        raise ValidationError(
            _("State the progress of every open issue in Kazakh and Russian (issues %(ids)s).")
            % {"ids": ", ".join(str(pk) for pk in sorted({*missing, *unknown, *empty}))}
        )
    if meeting.progress_reports.filter(year=year, quarter=quarter).exists():
        raise ValidationError({"quarter": _("The progress for this quarter has already been published.")})
    return open_issues


def progress_report_publish(
    *,
    meeting: Meeting,
    year: int,
    quarter: int,
    published_on: datetime.date,
    url_kk: str,
    url_ru: str,
    entries: dict[int, ProgressEntry],
    actor: AnyUser,
) -> ProgressReport:
    """001 p.3.7: every quarter, the progress on each issue published on the body's official internet resource."""
    require_body_access(actor, meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if not meeting.can_report_progress():
            raise InvalidTransition(_("Progress is reported only on a published, not yet closed action plan."))
        open_issues = _validate_progress(meeting, year, quarter, published_on, entries)
        report = ProgressReport(
            meeting=meeting,
            year=year,
            quarter=quarter,
            published_on=published_on,
            url_kk=url_kk,
            url_ru=url_ru,
            author=actor if actor.is_authenticated else None,
        )
        report.full_clean()
        report.save()
        for issue in open_issues:
            entry = entries[issue.pk]
            IssueProgress.objects.create(
                report=report,
                issue=issue,
                note_kk=entry.note_kk.strip(),
                note_ru=entry.note_ru.strip(),
                resolved=entry.resolved,
            )
            if entry.resolved:
                issue.status, issue.resolved_on = ProblemIssue.Status.RESOLVED, published_on
                issue.save(update_fields=["status", "resolved_on", "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.PROGRESS_PUBLISHED,
            target=report,
            body=meeting.body,
            new={
                **snapshot(report, ["meeting", "year", "quarter", "published_on", "url_kk", "url_ru"]),
                "resolved": [pk for pk, entry in sorted(entries.items()) if entry.resolved],
                "due": deadlines.progress_due(year, quarter),
            },
        )
    return report


def meeting_close(*, meeting: Meeting, closed_on: datetime.date, actor: AnyUser) -> Meeting:
    """Close the action plan once every issue is resolved; no further progress reports are taken."""
    require_body_access(actor, meeting.body)
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if not meeting.can_close():
            raise InvalidTransition(_("Only a published action plan can be closed."))
        still_open = meeting.issues.filter(status=ProblemIssue.Status.OPEN).count()
        if still_open:
            message = ngettext(
                "%(count)s issue of the action plan is not resolved yet; report its progress first.",
                "%(count)s issues of the action plan are not resolved yet; report their progress first.",
                still_open,
            )
            raise InvalidTransition(message % {"count": still_open})
        meeting.status, meeting.closed_on = Meeting.Status.CLOSED, closed_on
        meeting.save(update_fields=["status", "closed_on", "updated_at"])
        audit_record(
            actor=actor,
            event=MeetingsEvent.MEETING_CLOSED,
            target=meeting,
            body=meeting.body,
            old={"status": Meeting.Status.RESULTS_PUBLISHED},
            new={"status": meeting.status, "closed_on": closed_on},
        )
    return meeting
