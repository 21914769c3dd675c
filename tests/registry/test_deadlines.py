"""004 §5, §6, §13 terms in working days, with Nauryz (21–25 March 2026) in between."""

from __future__ import annotations

import datetime

import pytest

from ashyq.registry import deadlines

D = datetime.date


@pytest.mark.django_db
def test_decision_due_skips_nauryz() -> None:
    # given an application received on Thursday 19 March 2026, just before Nauryz (23–25 March are days off)
    # when the 8 working days are counted
    due = deadlines.decision_due(D(2026, 3, 19))
    # then they are 20, 26, 27, 30, 31 March, 1, 2, 3 April
    assert due == D(2026, 4, 3)


@pytest.mark.django_db
def test_notification_due_is_two_working_days_after_the_decision() -> None:
    # given a decision on Friday 20 March 2026 → then 26 and 27 March
    assert deadlines.notification_due(D(2026, 3, 20)) == D(2026, 3, 27)
    # and a decision on an ordinary Monday → Tuesday, Wednesday
    assert deadlines.notification_due(D(2026, 4, 6)) == D(2026, 4, 8)


@pytest.mark.django_db
def test_entry_due_is_three_working_days_after_receipt() -> None:
    assert deadlines.entry_due(D(2026, 3, 20)) == D(2026, 3, 30)
    assert deadlines.entry_due(D(2026, 4, 6)) == D(2026, 4, 9)


def test_term_is_overdue_only_after_its_last_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a term ending on 3 April
    monkeypatch.setattr(deadlines, "today", lambda: D(2026, 4, 3))
    assert not deadlines.term(D(2026, 4, 3), None).overdue  # type: ignore[union-attr]
    # when the next day comes with nothing done
    monkeypatch.setattr(deadlines, "today", lambda: D(2026, 4, 4))
    term = deadlines.term(D(2026, 4, 3), None)
    # then it is overdue, and a step done after the last day is "late"
    assert term is not None and term.overdue and term.days_left == -1
    late = deadlines.term(D(2026, 4, 3), D(2026, 4, 6))
    assert late is not None and late.late and not late.overdue
    assert deadlines.term(None, None) is None
