"""The terms of seed 004 in working days, counted by the core calendar (SPEC §7 "Counting a term").

- decision on an application: within 8 working days of its receipt (004 §5);
- notification of the applicant: within 2 working days of the decision (004 §6);
- entering a change or a termination in the registry: within 3 working days of receipt (004 §13).

A term starts on the day after the event and ends at the end of its last working day; it is overdue
from the next day on when the step is still not done.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ashyq.core.calendar import WorkingCalendar, add_working_days

DECISION_WORKING_DAYS = 8
NOTIFICATION_WORKING_DAYS = 2
ENTRY_WORKING_DAYS = 3


def today() -> datetime.date:
    """The date in Asia/Almaty; the one clock every registry term reads (tests move it)."""
    return timezone.localdate()


def decision_due(received_on: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    """004 §5: «өтінім келіп түскен күннен бастап 8 (сегіз) жұмыс күні ішінде»."""
    return add_working_days(received_on, DECISION_WORKING_DAYS, calendar)


def notification_due(decided_on: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    """004 §6: «шешім қабылданған күннен бастап 2 (екі) жұмыс күні ішінде»."""
    return add_working_days(decided_on, NOTIFICATION_WORKING_DAYS, calendar)


def entry_due(received_on: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    """004 §13: «олар келіп түскен күннен бастап 3 (үш) жұмыс күні ішінде»."""
    return add_working_days(received_on, ENTRY_WORKING_DAYS, calendar)


@dataclass(frozen=True)
class Term:
    """A term as a page shows it: its last day, whether it was kept, and whether it is overdue now."""

    due: datetime.date
    done_on: datetime.date | None
    on: datetime.date

    @property
    def overdue(self) -> bool:
        """Still open after its last day."""
        return self.done_on is None and self.on > self.due

    @property
    def late(self) -> bool:
        """Done, but after its last day."""
        return self.done_on is not None and self.done_on > self.due

    @property
    def days_left(self) -> int:
        """Calendar days to the last day (negative when overdue); the queue sorts on ``due``."""
        return (self.due - self.on).days


def term(due: datetime.date | None, done_on: datetime.date | None) -> Term | None:
    return Term(due=due, done_on=done_on, on=today()) if due is not None else None
