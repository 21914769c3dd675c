"""The one set of bounds every input passes, the same for forms, the API and imports (ARCHITECTURE rule 13).

- Dates between ``ASHYQ_EARLIEST_DATE`` (2000-01-01) and 31 December of the year ``ASHYQ_YEARS_AHEAD`` (5)
  years after today: the work the law describes has no date outside them, and a year-1 or year-10000 date
  breaks every list and export it lands in.
- Years within the same range, quarters 1–4.
- Text at most its field's ``max_length``, or ``ASHYQ_TEXT_MAX_CHARS`` (20,000) for long text.
- No control character (NUL, ESC…) in any text; tab, line feed and carriage return are text.

Each rule raises ``OutOfBounds`` naming the field; ``ashyq.core.forms.BoundedForm``, ``ashyq.core.schemas
.BoundedSchema`` and the importers turn it into their own error (a form error, a 422, a row error).
docs/input-limits.md lists the bounds; ``manage.py bounds_check`` finds rows stored before they held.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

QUARTERS = range(1, 5)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NO_CONTROL_CHARACTER = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)


class OutOfBounds(ValueError):
    """An input outside the bounds; ``message`` names the field and says what is allowed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def earliest_date() -> datetime.date:
    day: datetime.date = settings.ASHYQ_EARLIEST_DATE
    return day


def latest_date(today: datetime.date | None = None) -> datetime.date:
    """31 December of the year ``ASHYQ_YEARS_AHEAD`` years after today."""
    year = (today or datetime.date.today()).year + int(settings.ASHYQ_YEARS_AHEAD)
    return datetime.date(year, 12, 31)


def year_range() -> range:
    return range(earliest_date().year, latest_date().year + 1)


def text_limit() -> int:
    return int(settings.ASHYQ_TEXT_MAX_CHARS)


def check_date(value: datetime.date, field: str) -> datetime.date:
    """A date or a date-time (its own calendar day) within the bounds."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    earliest, latest = earliest_date(), latest_date()
    if not earliest <= day <= latest:
        raise OutOfBounds(
            _("%(field)s: the date %(value)s is outside the allowed range %(earliest)s – %(latest)s.")
            % {
                "field": field,
                "value": formats.date_format(day, "SHORT_DATE_FORMAT"),
                "earliest": formats.date_format(earliest, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            }
        )
    return value


def check_iso(value: Any, field: str, *, with_time: bool = False) -> Any:
    """A date (``YYYY-MM-DD``) or date-time given as text must be written the ISO 8601 way.

    pydantic would read a number as a Unix time (``?until=0`` as 1970-01-01) and ``2020-01-01T00:00`` as a
    date; both are refused so that only a date the API's schema describes (``format: date``) is taken.
    """
    if isinstance(value, datetime.date) or (
        isinstance(value, str) and (ISO_DATE_TIME if with_time else ISO_DATE).fullmatch(value)
    ):
        return value
    shown = str(value) if len(str(value)) <= 40 else f"{str(value)[:40]}…"
    if with_time:
        message = _("%(field)s: «%(value)s» is not a date and time in the form YYYY-MM-DDTHH:MM:SS+05:00.")
    else:
        message = _("%(field)s: «%(value)s» is not a date in the form YYYY-MM-DD.")
    raise OutOfBounds(message % {"field": field, "value": shown})


def date_pattern(*, with_time: bool = False) -> str:
    """The dates within the bounds as a regular expression, for the API's schema (``pattern`` beside
    ``format: date``, which leaves out days no calendar has): the years from ``earliest_date()`` to
    ``latest_date()``, with the months and days of a year the bounds hold only in part written out.
    With ``with_time`` it matches the start of a date-time whose own calendar day is within the bounds."""
    earliest, latest = earliest_date(), latest_date()
    years_by_shape: dict[str, list[int]] = {}
    for year in range(earliest.year, latest.year + 1):
        first, last = max(earliest, datetime.date(year, 1, 1)), min(latest, datetime.date(year, 12, 31))
        if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
            shape = r"\d\d-\d\d"
        else:
            months = []
            for month in range(first.month, last.month + 1):
                start = first.day if month == first.month else 1
                end = last.day if month == last.month else calendar.monthrange(year, month)[1]
                months.append(f"{month:02d}-(?:{'|'.join(f'{day:02d}' for day in range(start, end + 1))})")
            shape = f"(?:{'|'.join(months)})"
        years_by_shape.setdefault(shape, []).append(year)
    days = "|".join(f"(?:{'|'.join(map(str, years))})-{shape}" for shape, years in years_by_shape.items())
    return f"^(?:{days})T" if with_time else f"^(?:{days})$"


def check_year(value: int, field: str) -> int:
    years = year_range()
    if value not in years:
        raise OutOfBounds(
            _("%(field)s: the year %(value)s is outside the allowed range %(earliest)s – %(latest)s.")
            % {"field": field, "value": value, "earliest": years[0], "latest": years[-1]}
        )
    return value


def check_quarter(value: int, field: str) -> int:
    if value not in QUARTERS:
        raise OutOfBounds(_("%(field)s: the quarter must be 1, 2, 3 or 4.") % {"field": field})
    return value


def check_text(value: str, field: str, limit: int | None = None) -> str:
    """No control character; at most ``limit`` (default ``ASHYQ_TEXT_MAX_CHARS``) characters."""
    if CONTROL_CHARACTERS.search(value):
        raise OutOfBounds(
            _("%(field)s contains a control character (such as NUL) that text cannot hold; remove it.")
            % {"field": field}
        )
    cap = limit or text_limit()
    if len(value) > cap:
        raise OutOfBounds(
            _("%(field)s is longer than %(limit)s characters.") % {"field": field, "limit": formats.number_format(cap)}
        )
    return value


# the 64-bit integers the database holds (ids, counts): the OpenAPI schema states this range for every integer
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def check_integer(value: int, field: str) -> int:
    if not INT64_MIN <= value <= INT64_MAX:
        raise OutOfBounds(_("%(field)s: the number is outside the range the database holds.") % {"field": field})
    return value


def check_value(value: Any, field: str, *, limit: int | None = None) -> Any:
    """The rule for the value's type: text, date or date-time; ``year``/``quarter`` by the field's name; any
    other integer within the 64-bit range."""
    if isinstance(value, str):
        return check_text(value, field, limit)
    if isinstance(value, datetime.date):
        return check_date(value, field)
    if isinstance(value, int) and not isinstance(value, bool):
        name = field.rsplit(".", 1)[-1]
        if name == "year" or name.endswith("_year"):
            return check_year(value, field)
        if name == "quarter":
            return check_quarter(value, field)
        return check_integer(value, field)
    return value
