"""progress_report_publish and meeting_close (001 p.3.7: every quarter, progress on each issue)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.meetings import services
from ashyq.meetings.models import Meeting, ProblemIssue
from ashyq.meetings.selectors import overdue_progress_quarters


def _entries(meeting: Meeting, *, resolved: bool) -> dict[int, services.ProgressEntry]:
    return {
        issue.pk: services.ProgressEntry(note_kk="Орындалды", note_ru="Исполнено", resolved=resolved)
        for issue in meeting.issues.filter(status=ProblemIssue.Status.OPEN)
    }


def _report(meeting: Meeting, actor: User, quarter: int, entries: dict[int, services.ProgressEntry]):
    return services.progress_report_publish(
        meeting=meeting,
        year=2026,
        quarter=quarter,
        published_on=datetime.date(2026, quarter * 3, 25),
        url_kk=f"https://e.kz/kk/q{quarter}",
        url_ru=f"https://e.kz/ru/q{quarter}",
        entries=entries,
        actor=actor,
    )


def test_quarterly_progress_resolves_issues_and_the_plan_closes(published_meeting: Meeting, officer_a: User) -> None:
    # given a published plan whose second quarter is missing at 1 October
    assert overdue_progress_quarters(published_meeting, datetime.date(2026, 10, 1)) == [(2026, 2), (2026, 3)]
    # when the officer reports both issues resolved in the second quarter
    report = _report(published_meeting, officer_a, 2, _entries(published_meeting, resolved=True))
    # then every issue carries its entry and is resolved; the audit names the due date
    assert report.entries.count() == 2
    assert set(published_meeting.issues.values_list("status", flat=True)) == {ProblemIssue.Status.RESOLVED}
    assert AuditEvent.objects.get(event_type="meetings.progress.published").new["due"] == "2026-06-30"
    # and the plan can be closed; a progress report on the closed plan is refused
    meeting = services.meeting_close(meeting=published_meeting, closed_on=datetime.date(2026, 7, 1), actor=officer_a)
    assert meeting.status == Meeting.Status.CLOSED
    with pytest.raises(InvalidTransition, match="only on a published, not yet closed action plan"):
        _report(meeting, officer_a, 3, {})
    assert meeting.progress_reports.count() == 1


def test_a_report_must_cover_every_open_issue(published_meeting: Meeting, officer_a: User) -> None:
    entries = _entries(published_meeting, resolved=False)
    entries.popitem()
    with pytest.raises(ValidationError, match="State the progress of every open issue"):
        _report(published_meeting, officer_a, 2, entries)
    assert not published_meeting.progress_reports.exists()


def test_one_report_per_quarter(published_meeting: Meeting, officer_a: User) -> None:
    _report(published_meeting, officer_a, 2, _entries(published_meeting, resolved=False))
    with pytest.raises(ValidationError, match="The progress for this quarter has already been published"):
        _report(published_meeting, officer_a, 2, _entries(published_meeting, resolved=False))


def test_the_plan_stays_open_while_issues_are_unresolved(published_meeting: Meeting, officer_a: User) -> None:
    with pytest.raises(InvalidTransition, match="not resolved yet; report their progress first"):
        services.meeting_close(meeting=published_meeting, closed_on=datetime.date(2026, 7, 1), actor=officer_a)
