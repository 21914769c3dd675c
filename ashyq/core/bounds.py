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

import datetime
import re
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

QUARTERS = range(1, 5)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def check_value(value: Any, field: str, *, limit: int | None = None) -> Any:
    """The rule for the value's type: text, date or date-time; ``year``/``quarter`` by the field's name."""
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
    return value
