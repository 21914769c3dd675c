"""Reporting periods: a year, a half-year or a quarter, as date ranges in Asia/Almaty."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.formats import date_format

ALMATY = ZoneInfo("Asia/Almaty")


@dataclass(frozen=True)
class Period:
    """Inclusive dates ``start``–``end``."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = datetime.date(year, 3 * quarter - 2, 1)
        following = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
        return cls(first, following - datetime.timedelta(days=1))

    @staticmethod
    def day_start(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), tzinfo=ALMATY)

    @property
    def start_moment(self) -> datetime.datetime:
        return self.day_start(self.start)

    @property
    def end_moment(self) -> datetime.datetime:
        """The first moment after the period (exclusive bound)."""
        return self.day_start(self.end + datetime.timedelta(days=1))

    def __str__(self) -> str:
        """As people read it in the active language (21.03.2026 in kk and ru), like every date on the pages."""
        return f"{date_format(self.start, 'SHORT_DATE_FORMAT')} – {date_format(self.end, 'SHORT_DATE_FORMAT')}"
