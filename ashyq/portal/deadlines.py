"""When each body's report on its strategic plan or development programme is due (003 §4–6).

The dates are data: ``settings.ASHYQ_PLAN_REPORT_DUE`` maps each reporting level to the month and day of the
year after the reporting year. A report is on time when it is published on or before that day (ADR 0060).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ashyq.orgs.models import CENTRAL_KINDS, REGIONAL_KINDS, SUBREGIONAL_KINDS, BodyKind


@dataclass(frozen=True)
class Level:
    """A reporting level of 003: who reports, what, under which clause."""

    code: str
    label: Promise
    document: Promise
    clause: Promise
    kinds: frozenset[BodyKind]


LEVELS = (
    Level(
        "central",
        _("central state bodies"),
        _("report on the implementation of the strategic plan"),
        _("003 §4"),
        CENTRAL_KINDS,
    ),
    Level(
        "regional",
        _("oblasts, cities of republican significance and the capital"),
        _("report on the implementation of the development programme of the territory"),
        _("003 §5"),
        REGIONAL_KINDS,
    ),
    Level(
        "district",
        _("districts and cities of oblast significance"),
        _("report on the implementation of the development programme of the territory"),
        _("003 §6"),
        SUBREGIONAL_KINDS,
    ),
)
LEVEL_BY_CODE = {level.code: level for level in LEVELS}
REPORTING_KINDS = frozenset().union(*(level.kinds for level in LEVELS))


def level_of(kind: str) -> Level:
    return next(level for level in LEVELS if kind in level.kinds)


def level_due(level: Level, year: int) -> datetime.date:
    """The last day of the year after ``year`` on which a body of this level may publish on time."""
    month, day = settings.ASHYQ_PLAN_REPORT_DUE[level.code]
    return datetime.date(year + 1, month, day)


def due_date(*, kind: str, year: int) -> datetime.date:
    return level_due(level_of(kind), year)


def today() -> datetime.date:
    return timezone.localdate()
