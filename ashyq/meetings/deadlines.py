"""The terms of seed 001, counted with Ashyq's working-day calendar (SPEC §7; ADR 0021).

- 001 p.2.1: proposals for next year's schedule «до 1 декабря» / «1 желтоқсанға дейін»;
- 001 p.2.2: the draft schedule to the Government office by 15 December;
- 001 p.2.3: the Government approves the schedule by 10 January of the schedule's year;
- 001 p.3.7: results, issues and action plan «не позднее десяти календарных дней» after the meetings and
  receptions end; progress «ежеквартально».

A fixed date and the last day of a calendar-day term that fall on a day off move to the next working day
(SPEC §7 "Counting a term"). The progress for a quarter is due by the quarter's last day, for every
quarter after the quarter in which the action plan was published, while the plan is open. An akimat's
systemic problems (001 p.4.3, once a half-year) are due by the half-year's last day.
"""

from __future__ import annotations

import datetime

from ashyq.core.calendar import WorkingCalendar, add_calendar_days

RESULTS_TERM_DAYS = 10


def _rolled(day: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    return add_calendar_days(day, 0, calendar=calendar)


def proposals_due(year: int) -> datetime.date:
    """001 p.2.1: proposals for ``year``'s schedule by 1 December of the year before."""
    return _rolled(datetime.date(year - 1, 12, 1))


def submission_due(year: int) -> datetime.date:
    """001 p.2.2: the draft schedule goes to the Government office by 15 December of the year before."""
    return _rolled(datetime.date(year - 1, 12, 15))


def approval_due(year: int) -> datetime.date:
    """001 p.2.3: the Government approves the schedule by 10 January."""
    return _rolled(datetime.date(year, 1, 10))


def results_due(events_ended_on: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    """001 p.3.7: ten calendar days after the meetings and receptions end, rolled to a working day."""
    return add_calendar_days(events_ended_on, RESULTS_TERM_DAYS, calendar=calendar)


def is_late(*, done_on: datetime.date | None, due: datetime.date, today: datetime.date | None = None) -> bool:
    """Done after the due date, or not done and the due date has passed."""
    if done_on is not None:
        return done_on > due
    return (today or datetime.date.today()) > due


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def quarter_end(year: int, quarter: int) -> datetime.date:
    first_of_next = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, quarter * 3 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def progress_due(year: int, quarter: int, calendar: WorkingCalendar | None = None) -> datetime.date:
    """A quarter's progress information is due by the quarter's last day (rolled to a working day)."""
    return _rolled(quarter_end(year, quarter), calendar)


def half_year_due(year: int, half: int) -> datetime.date:
    """001 p.4.3 «раз в полугодие»: an akimat's problems for a half-year are due by its last day (ADR 0021)."""
    return _rolled(datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31))


def progress_quarters(published_on: datetime.date, until: datetime.date) -> list[tuple[int, int]]:
    """The quarters that owe a progress report: after the publication's quarter, up to ``until``'s quarter."""
    quarters = []
    current = next_quarter(*quarter_of(published_on))
    last = quarter_of(until)
    while current <= last:
        quarters.append(current)
        current = next_quarter(*current)
    return quarters
