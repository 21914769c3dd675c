"""Kazakhstan working days and term counting (SPEC §7; issue 3 item 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from ashyq.core.calendar import (
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    russian_holiday_name,
    working_days_between,
)
from ashyq.core.models import CalendarOverride

pytestmark = pytest.mark.django_db
D = dt.date


def test_nauryz_days_are_not_working_days() -> None:
    # given the 2026 Nauryz: 21–23 March, the 21st and 22nd fall on a weekend, so 24 and 25 are days off too
    calendar = WorkingCalendar()
    # then
    assert [calendar.is_working_day(D(2026, 3, day)) for day in range(20, 27)] == [
        True,
        False,
        False,
        False,
        False,
        False,
        True,
    ]


def test_five_working_days_after_18_march_2026_jump_over_nauryz() -> None:
    # 19, 20 (1, 2) · 21–25 off · 26, 27 (3, 4) · 28, 29 weekend · 30 (5)
    assert add_working_days(D(2026, 3, 18), 5) == D(2026, 3, 30)


def test_new_year_days_are_not_working_days() -> None:
    # 1 and 2 January 2026 are holidays; Monday the 5th is the first working day of the year
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)


def test_a_transferred_saturday_is_a_working_day() -> None:
    # 4 May 2024 (a Saturday) was worked for the day off on 8 May 2024
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2024, 5, 4))
    assert not calendar.is_working_day(D(2024, 5, 8))
    assert add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 4)


def test_an_override_makes_a_day_a_holiday_and_a_saturday_a_working_day() -> None:
    # given the authorized body records a transfer the library does not know
    CalendarOverride.objects.create(date=D(2027, 11, 27), kind="working", reason_kk="Жұмыс күні", reason_ru="Рабочий")
    CalendarOverride.objects.create(date=D(2027, 11, 29), kind="day_off", reason_kk="Демалыс", reason_ru="Выходной")
    calendar = WorkingCalendar()
    # then
    assert calendar.is_working_day(D(2027, 11, 27))
    assert not calendar.is_working_day(D(2027, 11, 29))
    assert add_working_days(D(2027, 11, 26), 2) == D(2027, 11, 30)


def test_constitution_day_moves_from_30_august_to_15_march_from_2027() -> None:
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2026, 8, 31)) and calendar.is_working_day(D(2027, 8, 30))
    assert not calendar.is_working_day(D(2027, 3, 15))


def test_zero_working_days_is_the_start_day_and_negative_is_refused() -> None:
    assert add_working_days(D(2026, 3, 21), 0) == D(2026, 3, 21)
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2026, 3, 21), -1)


def test_working_days_between_counts_after_the_start_up_to_the_end() -> None:
    assert working_days_between(D(2026, 3, 18), D(2026, 3, 30)) == 5
    assert working_days_between(D(2026, 3, 30), D(2026, 3, 18)) == -5
    assert working_days_between(D(2026, 3, 18), D(2026, 3, 18)) == 0


def test_a_calendar_day_term_ending_on_a_day_off_ends_on_the_next_working_day() -> None:
    # 10 calendar days after 11 March 2026 is Saturday 21 March (Nauryz), next working day Thursday 26 March
    assert add_calendar_days(D(2026, 3, 11), 10) == D(2026, 3, 26)
    assert add_calendar_days(D(2026, 3, 11), 10, roll_to_working_day=False) == D(2026, 3, 21)


def test_exceptions_of_a_year_list_weekday_holidays_and_working_weekend_days() -> None:
    days = {day.date: day for day in WorkingCalendar().exceptions_of_year(2024)}
    assert D(2024, 5, 4) in days and days[D(2024, 5, 4)].working
    assert days[D(2024, 3, 21)].reason("kk") == "Наурыз мейрамы"
    assert D(2024, 3, 23) not in days  # a Saturday holiday is no exception to the weekday rule


@pytest.mark.parametrize(
    ("english", "russian"),
    [
        ("Nowruz Holiday", "Наурыз мейрамы"),
        ("Victory Day (observed)", "День Победы (перенесённый выходной)"),
        ("Eid al-Adha (estimated)", "Курбан айт (ориентировочно)"),
        ("Day off (substituted from 05/04/2024)", "Выходной день (перенесён с 04.05.2024)"),
    ],
)
def test_holidays_have_russian_names(english: str, russian: str) -> None:
    assert russian_holiday_name(english) == russian


def test_a_request_reads_the_overrides_once_however_many_deadlines_it_computes(
    django_assert_num_queries,
) -> None:
    # given a view that computes twenty deadlines in one year, behind the middleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from ashyq.core.calendar import CalendarPerRequestMiddleware

    def view(request: object) -> HttpResponse:
        due = [add_working_days(D(2026, 3, day), 8) for day in range(1, 21)]
        return HttpResponse(max(due).isoformat())

    # when one request runs it, then the overrides of 2026 are read once
    with django_assert_num_queries(1):
        response = CalendarPerRequestMiddleware(view)(RequestFactory().get("/"))
    assert response.content == b"2026-04-06"  # 20 March + 8 working days, over Nauryz
    # and outside a request every computation reads afresh (no state kept between requests)
    with django_assert_num_queries(2):
        add_working_days(D(2026, 3, 1), 8)
        add_working_days(D(2026, 3, 2), 8)
