"""The F page as people read it (issue 11 item 4): one line per body, sortable, the bodies that received nothing
marked and never ranked above those that reported, numbers per language, the distribution over the scale's bands
as a server-drawn chart with its data table, and the same table as CSV/XLSX (``ashyq.reports``).

Presentation only: F, its band and its display come from the engine (000 §22–23); sorting uses the exact value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ashyq.core.i18n import shown_decimal
from ashyq.feedback.selectors import BodyScore
from ashyq.methodology.versions import FeedbackVersion, Interval
from ashyq.reports.xlsx import csv_table, xlsx_table

SORTS = ("body", "f", "c", "g")
DEFAULT_SORT = "-f"
CHART_WIDTH, CHART_BAR_HEIGHT, CHART_GAP, CHART_LABEL = 600, 28, 10, 180


@dataclass(frozen=True)
class FRow:
    line: BodyScore
    received_nothing: bool
    shown: str  # F in the reader's language, rounded once for display (the band used the exact value)
    band: str

    @property
    def f(self) -> Decimal | None:
        return self.line.score.f if self.line.score else None


def _band_name(names: Any, key: str) -> str:
    language = (get_language() or "ru")[:2]
    return str({"kk": names.kk, "ru": names.ru}.get(language, key))


def f_rows(lines: Sequence[BodyScore]) -> list[FRow]:
    rows = []
    for line in lines:
        counts, score = line.counts, line.score
        nothing = line.finding is None and counts.remarks_received == 0 and counts.comments_received == 0
        rows.append(
            FRow(
                line=line,
                received_nothing=nothing,
                shown=shown_decimal(score.display) if score else "",
                band=_band_name(score.band_names, score.band) if score else "",
            )
        )
    return rows


def sort_rows(rows: list[FRow], sort: str) -> tuple[list[FRow], str]:
    """Rows in the order asked (``f``, ``-f``, ``body``, ``c``, ``g``…); a body that received nothing is never
    ranked among those that reported: it follows them, by name, whatever the order."""
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT.lstrip("-")
    descending = sort.startswith("-")
    value = {
        "body": lambda row: str(row.line.body).casefold(),
        "f": lambda row: row.f if row.f is not None else Decimal(-1),
        "c": lambda row: row.line.counts.remarks_received,
        "g": lambda row: row.line.counts.comments_received,
    }[key]
    reported = sorted((row for row in rows if not row.received_nothing), key=value, reverse=descending)
    silent = sorted((row for row in rows if row.received_nothing), key=lambda row: str(row.line.body).casefold())
    return reported + silent, sort


def _range(interval: Interval) -> str:
    """A band as people write it: «50 ≤ F < 70» (numbers in the reader's language)."""
    lower = formats.number_format(interval.lower, use_l10n=True)
    left = f"{lower} {'≤' if interval.lower_closed else '<'} F"
    if interval.upper is None:
        return left
    upper = formats.number_format(interval.upper, use_l10n=True)
    return f"{left} {'≤' if interval.upper_closed else '<'} {upper}"


@dataclass(frozen=True)
class Bar:
    label: str  # the range, short enough for the chart
    name: str  # the band's name in the act, for the data table
    count: int
    y: int
    width: int
    text_y: int


def distribution(rows: list[FRow], version: FeedbackVersion | None) -> tuple[list[Bar], int]:
    """Bodies per band of the scale (bodies that reported) and one bar for those that received nothing; the SVG's
    geometry is computed here so the page needs no script and no style attribute."""
    if version is None:
        return [], 0
    counted: list[tuple[str, str, int]] = [
        (
            _range(band.interval),
            _band_name(band.names, band.key),
            sum(1 for row in rows if not row.received_nothing and row.line.score and row.line.score.band == band.key),
        )
        for band in version.bands
    ]
    silent = sum(1 for row in rows if row.received_nothing)
    counted.append((_("received nothing"), _("received nothing"), silent))
    most = max((count for _label, _name, count in counted), default=0) or 1
    span = CHART_WIDTH - CHART_LABEL - 40
    bars = [
        Bar(
            label=label,
            name=name,
            count=count,
            y=index * (CHART_BAR_HEIGHT + CHART_GAP),
            width=max(round(span * count / most), 1 if count else 0),
            text_y=index * (CHART_BAR_HEIGHT + CHART_GAP) + CHART_BAR_HEIGHT // 2 + 5,
        )
        for index, (label, name, count) in enumerate(counted)
    ]
    return bars, len(bars) * (CHART_BAR_HEIGHT + CHART_GAP)


def _headers() -> list[str]:
    return [
        _("State body"),
        _("Remarks and proposals received (C)"),
        _("accepted (B)"),
        _("rejected"),
        _("Comments received (G)"),
        _("answered (E)"),
        _("unanswered"),
        _("F, %"),
        _("Band"),
        _("Note"),
    ]


def _export_rows(rows: list[FRow]) -> list[list[Any]]:
    return [
        [
            str(row.line.body),
            row.line.counts.remarks_received,
            row.line.counts.remarks_accepted,
            row.line.counts.remarks_rejected,
            row.line.counts.comments_received,
            row.line.counts.comments_answered,
            row.line.counts.comments_unanswered,
            Decimal(row.line.score.display) if row.line.score else "",
            row.band,
            _("received nothing") if row.received_nothing else (_("not openly accessible") if row.line.finding else ""),
        ]
        for row in rows
    ]


def f_export(rows: list[FRow], *, file_format: str, heading: str) -> bytes:
    if file_format == "csv":
        return csv_table(headers=_headers(), rows=_export_rows(rows))
    return xlsx_table(title=_("Indicator F"), heading=heading, headers=_headers(), rows=_export_rows(rows))
