"""half_year_summary (001 p.5.2, p.6.1): every covered body's meetings of a half-year, for the authorized body."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ashyq.meetings.models import Meeting
from ashyq.meetings.summary import half_year_summary
from ashyq.orgs.models import Body
from tests.factories import BodyFactory
from tests.meetings.factories import MeetingFactory, at


def test_the_half_year_counts_meetings_citizens_and_issues(
    published_meeting: Meeting, body_b: Body, analyst: User, officer_a: User, authorized_body: Body
) -> None:
    # given body A's meeting held in March with two issues, body B's meeting planned in September,
    # and Defence, not covered by resolution No. 12
    MeetingFactory(body=body_b, planned_start=at(2026, 9, 10))
    BodyFactory(name_ru="Министерство обороны", not_under_resolution_12=True)
    # when
    first = {row.body: row for row in half_year_summary(year=2026, half=1, user=analyst)}
    second = {row.body: row for row in half_year_summary(year=2026, half=2, user=analyst)}
    # then
    row = first[published_meeting.body]
    assert (row.planned, row.held, row.citizens_received, row.personal, row.systemic) == (1, 1, 40, 1, 1)
    assert row.overdue_issues == 0  # deadlines 30 June and 31 December are not past on 30 June
    assert (second[body_b].planned, second[body_b].held) == (1, 0)
    assert set(first) == {published_meeting.body, body_b, authorized_body}  # a ministry itself
    with pytest.raises(PermissionDenied, match="Only the authorized body sees every body's meetings"):
        half_year_summary(year=2026, half=1, user=officer_a)


def test_the_summary_page_and_its_xlsx(published_meeting: Meeting, analyst: User, officer_a: User) -> None:
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("meetings:half_year", args=[2026, 1]))
    assert page.context["rows"][0][1:3] == [1, 1]
    content = client.get(reverse("meetings:half_year_export", args=[2026, 1])).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 4  # heading, header, the two ministries
    officer = Client()
    officer.force_login(officer_a)
    assert officer.get(reverse("meetings:half_year", args=[2026, 1])).status_code == 403
