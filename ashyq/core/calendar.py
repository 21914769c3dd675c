"""Kazakhstan's working-day calendar and the counting of terms (SPEC §7 "Working days", "Counting a term").

A working day is Monday–Friday, except public holidays and the Government's transferred days off; a
weekend day the Government made a working day (a transferred Saturday) is a working day. The
``holidays`` library (country KZ) knows the law and past transfers; ``CalendarOverride`` rows entered
by the authorized body win over it for any date.

A term "within N working days" of an event starts on the day after the event and ends at the end of
the N-th working day after it (``add_working_days``). A term in calendar days whose last day is not a
working day ends on the next working day (``add_calendar_days``, on by default).
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import holidays
from django.http import HttpRequest, HttpResponse

from ashyq.core.models import CalendarOverride

ONE_DAY = datetime.timedelta(days=1)

# The library names KZ holidays in Kazakh and English only; the Russian names are ours.
_RU_NAMES = {
    "New Year's Day": "Новый год",
    "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день",
    "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества",
    "Victory Day": "День Победы",
    "Eid al-Adha": "Курбан айт",
    "Capital Day": "День Столицы",
    "Constitution Day": "День Конституции Республики Казахстан",
    "Republic Day": "День Республики",
    "Independence Day": "День Независимости",
    "First President Day": "День Первого Президента Республики Казахстан",
}
_SUFFIXES_RU = {"(observed)": "(перенесённый выходной)", "(estimated)": "(ориентировочно)"}
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")


def russian_holiday_name(english: str) -> str:
    """Russian name for one of the library's English holiday names; unknown names stay English."""
    match = _SUBSTITUTED.match(english)
    if match:
        month, day, year = match.groups()
        return f"Выходной день (перенесён с {day}.{month}.{year})"
    parts = [name.strip() for name in english.split(";")]
    translated = []
    for part in parts:
        suffix_ru = ""
        for suffix, ru in _SUFFIXES_RU.items():
            if part.endswith(suffix):
                part, suffix_ru = part[: -len(suffix)].strip(), " " + ru
        translated.append(_RU_NAMES.get(part, part) + suffix_ru)
    return "; ".join(translated)


@dataclass(frozen=True)
class DayException:
    """A weekday that is not a working day, or a weekend day that is, with its reason in three languages."""

    date: datetime.date
    working: bool
    reason_kk: str
    reason_ru: str
    reason_en: str
    source: str  # "law" (the holidays library) or "override" (the authorized body's table)

    def reason(self, language: str) -> str:
        return {"kk": self.reason_kk, "ru": self.reason_ru}.get(language, self.reason_en)


@functools.lru_cache(maxsize=64)
def _library_year(year: int) -> tuple[dict[datetime.date, DayException], frozenset[datetime.date]]:
    """The library's holidays and working weekend days of one year (static data, safe to cache)."""
    english = holidays.country_holidays("KZ", years=year, language="en_US")
    kazakh = holidays.country_holidays("KZ", years=year, language="kk")
    days = {
        day: DayException(day, False, kazakh[day], russian_holiday_name(name), name, "law")
        for day, name in english.items()
    }
    workdays = frozenset(day for day in english.weekend_workdays if day.year == year)
    return days, workdays


class WorkingCalendar:
    """Answers "is this a working day?"; reads each year's overrides once, on first use."""

    def __init__(self) -> None:
        self._years: dict[int, dict[datetime.date, DayException]] = {}

    def _year(self, year: int) -> dict[datetime.date, DayException]:
        if year not in self._years:
            self._years[year] = self._load_year(year)
        return self._years[year]

    @staticmethod
    def _load_year(year: int) -> dict[datetime.date, DayException]:
        library_days, library_workdays = _library_year(year)
        exceptions = {day: info for day, info in library_days.items() if day.weekday() < 5}
        for day in library_workdays:
            reason = DayException(
                day, True, "Жұмыс күні (ауыстырылған)", "Рабочий день (перенесён)", "Working day (transferred)", "law"
            )
            exceptions[day] = reason
        overrides = CalendarOverride.objects.filter(date__year=year)
        for row in overrides:
            exceptions[row.date] = DayException(
                row.date, row.is_working, row.reason_kk, row.reason_ru, row.reason_en or row.reason_ru, "override"
            )
        return exceptions

    def exception(self, day: datetime.date) -> DayException | None:
        """The day's exception to the Monday–Friday rule, if any."""
        return self._year(day.year).get(day)

    def is_working_day(self, day: datetime.date) -> bool:
        found = self.exception(day)
        if found is not None:
            return found.working
        return day.weekday() < 5

    def exceptions_of_year(self, year: int) -> list[DayException]:
        """Non-working weekdays and working weekend days of a year, in date order."""
        return [info for day, info in sorted(self._year(year).items()) if info.working != (day.weekday() < 5)]


_request_calendar: contextvars.ContextVar[WorkingCalendar | None] = contextvars.ContextVar(
    "ashyq_request_calendar", default=None
)


def current_calendar() -> WorkingCalendar:
    """The calendar of the current request, so a page reads each year's overrides once however many
    deadlines it shows; outside a request (a command, a task) a new calendar each time."""
    return _request_calendar.get() or WorkingCalendar()


class CalendarPerRequestMiddleware:
    """Gives each request its own ``WorkingCalendar``; nothing is kept between requests."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_calendar.set(WorkingCalendar())
        try:
            return self.get_response(request)
        finally:
            _request_calendar.reset(token)


def add_working_days(start: datetime.date, count: int, calendar: WorkingCalendar | None = None) -> datetime.date:
    """The ``count``-th working day after ``start`` (the start day not counted); ``count`` 0 is ``start``."""
    if count < 0:
        raise ValueError(f"The number of working days must not be negative (got {count}).")
    calendar = calendar or current_calendar()
    day = start
    while count > 0:
        day += ONE_DAY
        if calendar.is_working_day(day):
            count -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, calendar: WorkingCalendar | None = None) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, calendar)
    calendar = calendar or current_calendar()
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += calendar.is_working_day(day)
    return count


def add_calendar_days(
    start: datetime.date,
    count: int,
    *,
    roll_to_working_day: bool = True,
    calendar: WorkingCalendar | None = None,
) -> datetime.date:
    """End of a term of ``count`` calendar days; moved to the next working day if it falls on a day off."""
    if count < 0:
        raise ValueError(f"The number of days must not be negative (got {count}).")
    day = start + datetime.timedelta(days=count)
    if roll_to_working_day:
        calendar = calendar or current_calendar()
        while not calendar.is_working_day(day):
            day += ONE_DAY
    return day
