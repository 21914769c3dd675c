"""issue_add, issue_plan and meeting_publish_results (001 p.3.7)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.meetings import services
from ashyq.meetings.models import Meeting, ProblemIssue
from tests.meetings.conftest import full_plan


def _issue(meeting: Meeting, actor: User, **kwargs: object) -> ProblemIssue:
    values = {"source": "meeting", "rating": "systemic", "text_kk": "Кезек ұзақ", "text_ru": "Долгая очередь"}
    return services.issue_add(meeting=meeting, actor=actor, **{**values, **kwargs})  # type: ignore[arg-type]


def test_an_issue_without_a_deadline_or_executor_blocks_publication(held_meeting: Meeting, officer_a: User) -> None:
    # given an issue with no action-plan entry
    issue = _issue(held_meeting, officer_a)
    # when the results are published
    with pytest.raises(ValidationError) as error:
        services.meeting_publish_results(
            meeting=held_meeting,
            published_on=datetime.date(2026, 3, 20),
            url_kk="https://e.kz/kk",
            url_ru="https://e.kz/ru",
            actor=officer_a,
        )
    # then a clear error naming the item, and nothing published
    assert str(issue.pk) in error.value.messages[0]
    held_meeting.refresh_from_db()
    assert held_meeting.status == Meeting.Status.HELD and held_meeting.results_published_on is None


def test_planning_the_issue_then_publishing_late_is_flagged(
    held_meeting: Meeting, officer_a: User, analyst: User, django_capture_on_commit_callbacks
) -> None:
    # given an issue planned afterwards with a deadline and an executor
    analyst.email = "analyst@example.kz"
    analyst.save(update_fields=["email"])
    issue = _issue(held_meeting, officer_a)
    services.issue_plan(issue=issue, plan=full_plan(), actor=officer_a)
    # when the results are published on 27 March, after the due 26 March
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_publish_results(
            meeting=held_meeting,
            published_on=datetime.date(2026, 3, 27),
            url_kk="https://e.kz/kk",
            url_ru="https://e.kz/ru",
            actor=officer_a,
        )
    # then
    assert meeting.status == Meeting.Status.RESULTS_PUBLISHED and meeting.results_overdue
    event = AuditEvent.objects.get(event_type="meetings.meeting.results_published")
    assert event.new["late"] is True and event.new["due"] == "2026-03-26"
    assert AuditEvent.objects.filter(event_type="meetings.issue.planned", target_id=str(issue.pk)).exists()
    assert len(mail.outbox) == 1


def test_an_ngo_issue_names_an_ngo_of_the_same_meeting(
    held_meeting: Meeting, approved_meeting: Meeting, officer_a: User
) -> None:
    ngo = held_meeting.ngos.first()
    issue = _issue(held_meeting, officer_a, source="ngo", ngo=ngo)
    assert issue.ngo == ngo
    with pytest.raises(ValidationError, match="meetings_issue_ngo_iff_ngo_source"):
        _issue(held_meeting, officer_a, source="ngo")  # an NGO issue without its NGO (the model's constraint)


def test_issues_are_edited_only_between_holding_and_publishing(
    published_meeting: Meeting, officer_a: User, officer_b: User
) -> None:
    with pytest.raises(InvalidTransition, match="edited after the meeting, before publication"):
        _issue(published_meeting, officer_a)
    with pytest.raises(PermissionDenied, match="You do not act for this state body"):
        services.issue_plan(issue=published_meeting.issues.first(), plan=full_plan(), actor=officer_b)


def test_publication_needs_both_language_links(held_meeting: Meeting, officer_a: User) -> None:
    with pytest.raises(ValidationError, match="Give the links to the publication in Kazakh and in Russian"):
        services.meeting_publish_results(
            meeting=held_meeting,
            published_on=datetime.date(2026, 3, 20),
            url_kk="https://e.kz/kk",
            url_ru="",
            actor=officer_a,
        )
