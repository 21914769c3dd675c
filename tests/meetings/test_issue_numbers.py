"""Issue 11: a meeting's problem issues are numbered 1, 2, … on its pages, never by their database id."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ashyq.meetings.models import Meeting, ProblemIssue
from ashyq.meetings.services import ProgressEntry, progress_report_publish
from tests.meetings.factories import MeetingFactory


@pytest.fixture
def ids_taken(body_b) -> None:
    """Another meeting's three issues, so that the published meeting's issues have ids above 3."""
    other = MeetingFactory(body=body_b)
    for number in range(3):
        ProblemIssue.objects.create(
            meeting=other, source="meeting", rating="personal", text_kk=f"x{number}", text_ru=f"x{number}"
        )


def test_the_public_action_plan_and_progress_number_the_issues_from_one(
    ids_taken, published_meeting: Meeting, officer_a
):
    # given the published meeting's two issues, whose ids are not 1 and 2, and a quarter's progress on both
    issues = list(published_meeting.issues.order_by("pk"))
    assert issues[0].pk > 3
    progress_report_publish(
        meeting=published_meeting,
        year=2026,
        quarter=2,
        published_on=datetime.date(2026, 7, 3),
        url_kk="https://example.kz/kk/q2",
        url_ru="https://example.kz/ru/q2",
        entries={issue.pk: ProgressEntry(note_kk="Орындалуда", note_ru="Выполняется") for issue in issues},
        actor=officer_a,
    )
    # when the public opens the meeting's page
    with translation.override("ru"):
        html = Client().get(reverse("meetings:meeting", args=[published_meeting.pk])).content.decode()
    # then the action plan numbers them 1 and 2 and the progress names "issue 1" and "issue 2"
    numbers = re.findall(r'<tr id="issue-\d+">\s*<td>(\d+)</td>', html)
    assert numbers == ["1", "2"]
    for issue in issues:
        assert f"<td>{issue.pk}</td>" not in html
    progress = re.findall(r"Вопрос (\d+):", html)
    assert progress == ["1", "2"], html
