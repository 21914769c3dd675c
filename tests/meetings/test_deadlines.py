"""The terms of 001 counted with the working-day calendar (SPEC §7; ADR 0021)."""

from __future__ import annotations

import datetime

import pytest

from ashyq.meetings import deadlines


@pytest.mark.django_db
def test_schedule_dates_of_001_p2_roll_off_days_off() -> None:
    # given the schedule for 2026: 1 and 15 December 2025 are Monday; 10 January 2026 is a Saturday
    # when / then: the Saturday rolls to Monday 12 January
    assert deadlines.proposals_due(2026) == datetime.date(2025, 12, 1)
    assert deadlines.submission_due(2026) == datetime.date(2025, 12, 15)
    assert deadlines.approval_due(2026) == datetime.date(2026, 1, 12)


@pytest.mark.django_db
def test_results_are_due_ten_calendar_days_after_the_meetings_end() -> None:
    # given meetings that ended on Monday 2 March 2026: day 10 is Thursday 12 March, a working day
    assert deadlines.results_due(datetime.date(2026, 3, 2)) == datetime.date(2026, 3, 12)
    # given meetings that ended on Friday 13 March 2026: day 10 is Monday 23 March, a Nauryz holiday,
    # then the term ends on the next working day after Nauryz and its observed days off (24–25 March)
    assert deadlines.results_due(datetime.date(2026, 3, 13)) == datetime.date(2026, 3, 26)


def test_progress_is_owed_for_each_quarter_after_the_publication() -> None:
    # given an action plan published in March 2026
    quarters = deadlines.progress_quarters(datetime.date(2026, 3, 20), datetime.date(2027, 1, 5))
    # then the first quarter owed is the second one, up to the quarter of the given day
    assert quarters == [(2026, 2), (2026, 3), (2026, 4), (2027, 1)]
    assert deadlines.quarter_end(2026, 4) == datetime.date(2026, 12, 31)


@pytest.mark.django_db
def test_quarter_progress_due_rolls_to_a_working_day() -> None:
    # 30 June 2026 is a Tuesday; 30 September 2028 is a Saturday → Monday 2 October 2028
    assert deadlines.progress_due(2026, 2) == datetime.date(2026, 6, 30)
    assert deadlines.progress_due(2028, 3) == datetime.date(2028, 10, 2)


def test_late_means_after_the_due_date_or_missing_past_it() -> None:
    due = datetime.date(2026, 3, 23)
    assert deadlines.is_late(done_on=datetime.date(2026, 3, 24), due=due)
    assert not deadlines.is_late(done_on=due, due=due)
    assert deadlines.is_late(done_on=None, due=due, today=datetime.date(2026, 3, 24))
    assert not deadlines.is_late(done_on=None, due=due, today=due)
