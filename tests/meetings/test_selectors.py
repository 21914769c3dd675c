"""Selectors: the public schedule, the schedule's coverage of bodies, the body scope, overdue quarters."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from ashyq.meetings import selectors
from ashyq.meetings.models import Meeting
from ashyq.orgs.models import Body, BodyKind
from tests.factories import BodyFactory
from tests.meetings.factories import MeetingFactory, ScheduleFactory


def test_coverage_marks_bodies_outside_resolution_12_and_late_proposals(body_a: Body, body_b: Body) -> None:
    # given Defence (not covered), body A with a late proposal, body B with none, and an akimat (not listed)
    defence = BodyFactory(name_ru="Министерство обороны", not_under_resolution_12=True)
    BodyFactory(kind=BodyKind.OBLAST_AKIMAT)
    schedule = ScheduleFactory(year=2027)
    MeetingFactory(
        body=body_a, schedule=schedule, status=Meeting.Status.PROPOSED, proposed_on=datetime.date(2026, 12, 2)
    )
    # when
    rows = {row.body: row for row in selectors.schedule_coverage(year=2027)}
    # then
    assert set(rows) == {defence, body_a, body_b}
    assert not rows[defence].covered and rows[body_a].covered
    assert (rows[body_a].proposals, rows[body_a].late_proposals) == (1, 1)
    assert rows[body_b].proposals == 0
    assert list(rows)[-1] == defence  # the bodies not covered come last


def test_scope_public_schedule_and_overdue_quarters(published_meeting: Meeting, officer_b: User, analyst: User) -> None:
    assert selectors.meetings_for_user(user=officer_b).count() == 0
    assert selectors.meetings_for_user(user=analyst, year=2026).get().open_issue_count == 2
    assert list(selectors.public_schedule(year=2026)) == [published_meeting]
    # the plan was published in Q1 2026: Q2 is overdue from 1 July, not on 30 June
    assert selectors.overdue_progress_quarters(published_meeting, datetime.date(2026, 6, 30)) == []
    assert selectors.overdue_progress_quarters(published_meeting, datetime.date(2026, 7, 1)) == [(2026, 2)]
