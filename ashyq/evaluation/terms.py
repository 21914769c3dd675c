"""Indicators whose name carries a term: met / not met computed from the reported dates (issue 14 item 4).

002 Annex 10 table 2 items 2 and 4, table 3 item 2: placed "within fifteen working days" of the report's
forming or of receiving the audit results; table 2 item 3 and table 3 item 1: the budget programmes'
report placed before the public council's meeting "but no later than 1 April of the year following the
reporting year". Working days are Kazakhstan's (``ashyq.core.calendar``). The table is data here because
the methodology file does not carry terms (ADR 0070); the analyst may override the result with a reason.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from ashyq.core.calendar import WorkingCalendar, add_working_days


@dataclass(frozen=True)
class WorkingDaysTerm:
    """Placed within ``days`` working days after the reference date (the start day not counted)."""

    days: int


@dataclass(frozen=True)
class YearlyDateTerm:
    """Placed before the reference date (the public council's meeting, when any) and no later than the given
    day of the year following the reporting year."""

    month: int
    day: int


Term = WorkingDaysTerm | YearlyDateTerm

TERMS: dict[str, Term] = {
    "t2.2": WorkingDaysTerm(15),
    "t2.3": YearlyDateTerm(4, 1),
    "t2.4": WorkingDaysTerm(15),
    "t3.1": YearlyDateTerm(4, 1),
    "t3.2": WorkingDaysTerm(15),
}


@dataclass(frozen=True)
class DatedDocument:
    """A placed document's dates as reported or imported."""

    title: str
    reference_date: datetime.date | None
    published_on: datetime.date | None


@dataclass(frozen=True)
class DocumentCheck:
    """One document against its term: the deadline and whether it was met (None: a date is missing)."""

    document: DatedDocument
    deadline: datetime.date | None
    met: bool | None


@dataclass(frozen=True)
class TermCheck:
    """The documents of one indicator and language against its term; ``met`` None when undecidable."""

    term: Term
    documents: tuple[DocumentCheck, ...]

    @property
    def met(self) -> bool | None:
        results = [check.met for check in self.documents]
        if not results or None in results:
            return None
        return all(results)


def _check(
    term: Term, document: DatedDocument, period_end: datetime.date, calendar: WorkingCalendar | None
) -> DocumentCheck:
    if document.published_on is None:
        return DocumentCheck(document, None, None)
    if isinstance(term, WorkingDaysTerm):
        if document.reference_date is None:
            return DocumentCheck(document, None, None)
        deadline = add_working_days(document.reference_date, term.days, calendar)
        return DocumentCheck(document, deadline, document.published_on <= deadline)
    deadline = datetime.date(period_end.year + 1, term.month, term.day)
    if document.reference_date is not None:
        deadline = min(deadline, document.reference_date - datetime.timedelta(days=1))
    return DocumentCheck(document, deadline, document.published_on <= deadline)


def term_check(
    indicator: str,
    documents: Iterable[DatedDocument],
    *,
    period_end: datetime.date,
    calendar: WorkingCalendar | None = None,
) -> TermCheck | None:
    """The term check of an indicator that carries a term; None for the others. Pass one ``calendar`` when
    checking many (it reads each year's overrides once)."""
    term = TERMS.get(indicator)
    if term is None:
        return None
    return TermCheck(term, tuple(_check(term, document, period_end, calendar) for document in documents))
