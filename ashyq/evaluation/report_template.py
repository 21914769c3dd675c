"""One table of the body's Annex 9 report as an XLSX template, and that template read back (issue 14 item 2).

The workbook has a sheet of values (one row per indicator and language the body reports in the table, with
the columns of the value's fields: docs/methodology.md, ``values.value_fields``) and a sheet of evidence (one
row per line of the "reporting data" column: kind, title, link, dates, number, publicity category, incoming
and outgoing numbers and dates). What the body already holds is written in, so a template downloaded and
uploaded unchanged changes nothing. Headers are in the reader's language; a file is read back whatever the
language of its headers (kk, ru or en), by their wording, so columns may be moved.

Reading gives, per row, the raw value or evidence fields and the errors of its cells (row, column, message);
the services (``fact_record``, ``evidence_add``) check the rest when storing.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override, pgettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ashyq.core import bounds
from ashyq.core.uploads import check_zip_package
from ashyq.evaluation.facts import Slot, required_slots
from ashyq.evaluation.models import LANGUAGE_CHOICES, Enrolment, Evidence, ReportFact
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.report_view import LANGUAGE_PARAM
from ashyq.evaluation.values import ValueField, value_fields
from ashyq.methodology.models import display_language
from ashyq.methodology.versions import Indicator, OpennessVersion
from ashyq.reports.cells import FORMULA_STARTS, safe_cell

LANGUAGES = ("kk", "ru", "en")
HEADER_ROW = 2  # row 1 names the table, the body and the campaign
MAX_ROWS = 5000
EVIDENCE_DATES = ("published_on", "reference_date", "incoming_date", "outgoing_date")
EVIDENCE_TEXTS = ("title", "url", "category", "incoming_number", "outgoing_number")
INDICATOR = gettext_lazy("indicator")
NAME = pgettext_lazy("report template", "name of the indicator")
LANGUAGE = gettext_lazy("language")
KIND = pgettext_lazy("report template", "kind of evidence")
NUMBER = pgettext_lazy("report template", "No. of the line")
CATEGORIES = pgettext_lazy(
    "report template", "publicity categories of the events (numbers from the sheet of categories)"
)
VALUES_SHEET = gettext_lazy("Values")
EVIDENCE_SHEET = gettext_lazy("Evidence")
CATEGORIES_SHEET = pgettext_lazy("report template", "Categories")
MAX_COLUMN_WIDTH = 60


class TemplateRefused(Exception):
    """The file cannot be read as the table's template at all (not an XLSX, no sheet of values)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class ValueRow:
    row: int
    slot: Slot
    raw: dict[str, Any]


@dataclass
class EvidenceRow:
    row: int
    number: int | None
    indicator: str
    language: str
    kind: str
    fields: dict[str, Any]


@dataclass
class ReadTemplate:
    values: list[ValueRow] = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def table_slots(enrolment: Enrolment, table: str) -> list[Slot]:
    """The indicator × language slots the body reports in one table, in the table's order."""
    version = pinned_version(enrolment.campaign.methodology)
    return [
        slot
        for slot in required_slots(version, enrolment.kind, enrolment.exemptions)
        if slot.indicator in version.indicators and version.indicators[slot.indicator].table == table
    ]


def _name(indicator: Indicator) -> str:
    return indicator.names.kk if display_language() == "kk" else indicator.names.ru


def _value_columns(slots: list[Slot]) -> list[ValueField]:
    columns: list[ValueField] = []
    for slot in slots:
        for each in value_fields(slot):
            if each not in columns:
                columns.append(each)
    return columns


def _field_label(each: ValueField) -> str:
    return str(CATEGORIES) if each.type == "events" else str(each.label)


def _evidence_label(name: str) -> str:
    field = Evidence._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)


def _language_label(code: str) -> str:
    return str(dict(LANGUAGE_CHOICES)[code])


def _levels(version: OpennessVersion, slots: list[Slot]) -> dict[str, list[str]]:
    """The publicity categories of each category-average indicator, numbered from 1 in the sheet."""
    return {
        slot.indicator: [level.key for level in version.indicators[slot.indicator].levels]
        for slot in slots
        if slot.rule == "category_average"
    }


def _cell_of(each: ValueField, value: Mapping[str, Any] | None, levels: list[str]) -> Any:
    if value is None or each.name not in value:
        return ""
    item = value[each.name]
    if each.type == "flag":
        return _("yes") if item else _("no")
    if each.type == "events":
        return ", ".join(str(levels.index(key) + 1) for key in item if key in levels) or "0"
    if each.type == "decimal":
        return float(item)
    return item


def template_workbook(enrolment: Enrolment, table: str, table_name: str) -> bytes:
    """The table's template with what the body holds written in, headed in the active language."""
    version = pinned_version(enrolment.campaign.methodology)
    slots = table_slots(enrolment, table)
    indicators = list(dict.fromkeys(slot.indicator for slot in slots))
    columns = _value_columns(slots)
    levels = _levels(version, slots)
    facts = {
        (fact.indicator, fact.language): fact.value
        for fact in ReportFact.objects.filter(enrolment=enrolment, indicator__in=indicators)
    }
    title = _("Table %(number)s: %(name)s") % {"number": table, "name": table_name}
    heading = f"{title} · {enrolment.body.name} · {enrolment.campaign.name}"
    workbook = Workbook()
    values = workbook.active
    assert values is not None
    values.title = str(VALUES_SHEET)
    value_rows = [
        [
            slot.indicator,
            _name(version.indicators[slot.indicator]),
            _language_label(slot.language),
            *(
                _cell_of(each, facts.get((slot.indicator, slot.language)), levels.get(slot.indicator, []))
                if each in value_fields(slot)
                else ""
                for each in columns
            ),
        ]
        for slot in slots
    ]
    _fill(values, heading, [str(INDICATOR), str(NAME), str(LANGUAGE), *map(_field_label, columns)], value_rows)
    evidence = workbook.create_sheet(str(EVIDENCE_SHEET))
    evidence_rows = [
        [
            item.pk,
            item.indicator,
            _language_label(item.language),
            item.get_kind_display(),
            *(item.title, item.url, item.published_on, item.reference_date, item.count, item.category),
            *(item.incoming_number, item.incoming_date, item.outgoing_number, item.outgoing_date),
        ]
        for item in Evidence.objects.filter(enrolment=enrolment, indicator__in=indicators)
    ]
    headers = [str(NUMBER), str(INDICATOR), str(LANGUAGE), str(KIND), *map(_evidence_label, _EVIDENCE_ORDER)]
    _fill(evidence, heading, headers, evidence_rows)
    for offset, name in enumerate(_EVIDENCE_ORDER, start=5):
        for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(evidence_rows)) if name in EVIDENCE_DATES else ():
            evidence.cell(row=row, column=offset).number_format = "DD.MM.YYYY"
    if levels:
        sheet = workbook.create_sheet(str(CATEGORIES_SHEET))
        rows = [
            [indicator, number, level.names.kk if display_language() == "kk" else level.names.ru]
            for indicator in levels
            for number, level in enumerate(version.indicators[indicator].levels, start=1)
        ]
        _fill(sheet, heading, [str(INDICATOR), "№", str(CATEGORIES_SHEET)], rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_EVIDENCE_ORDER = (
    "title",
    "url",
    "published_on",
    "reference_date",
    "count",
    "category",
    "incoming_number",
    "incoming_date",
    "outgoing_number",
    "outgoing_date",
)


def _fill(sheet: Any, heading: str, headers: list[str], rows: list[list[Any]]) -> None:
    sheet.append([safe_cell(heading)])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append([safe_cell(header) for header in headers])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [min(len(header), 30) for header in headers]
    for row in rows:
        values = [safe_cell(value) for value in row]
        sheet.append(values)
        widths = [max(width, len(str(value))) for width, value in zip(widths, values, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_COLUMN_WIDTH, width + 2)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)


# ------------------------------------------------------------------------------------------- reading back


def _normal(text: Any) -> str:
    return " ".join(str(text or "").split()).lower()


def _in_every_language(make: Callable[[], Mapping[str, str]]) -> dict[str, str]:
    """{wording in kk, ru or en, lower-case: key} of labels built by ``make`` under each language."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        with override(language):
            found.update({_normal(label): key for key, label in make().items()})
    return found


@functools.cache
def _value_headers() -> dict[str, str]:
    return _in_every_language(_value_header_words)


@functools.cache
def _evidence_headers() -> dict[str, str]:
    return _in_every_language(_evidence_header_words)


@functools.cache
def _language_words() -> dict[str, str]:
    words = _in_every_language(lambda: {code: _language_label(code) for code, _label in LANGUAGE_CHOICES})
    return {**words, **{_normal(param): code for code, param in LANGUAGE_PARAM.items()}}


@functools.cache
def _kind_words() -> dict[str, str]:
    words = _in_every_language(lambda: {key: str(label) for key, label in Evidence.Kind.choices})
    return {**words, **{key: key for key in Evidence.Kind.values}}


@functools.cache
def _flag_words() -> dict[str, bool]:
    words = {"1": True, "true": True, "0": False, "false": False}
    for language in LANGUAGES:
        with override(language):
            words[_normal(_("yes"))], words[_normal(_("no"))] = True, False
    return words


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        text = text[1:]  # the apostrophe the template put before a formula character (ashyq.reports.cells)
    return text


def _columns(header: tuple[Any, ...], known: Mapping[str, str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = known.get(_normal(name))
        if key is not None and key not in positions:
            positions[key] = index
    return positions


def read_template(handle: IO[bytes], enrolment: Enrolment, table: str) -> ReadTemplate:
    """Every row of the file checked against the table's slots; nothing is stored here."""
    try:
        check_zip_package(handle, _("The XLSX file"))
    except ValidationError as refused:
        raise TemplateRefused(refused.messages[0]) from None
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML, key and value errors alike for a damaged file
        raise TemplateRefused(_("The XLSX file cannot be opened; it may be damaged.")) from None
    try:
        sheets = workbook.worksheets
        result = ReadTemplate()
        slots = {(slot.indicator, slot.language): slot for slot in table_slots(enrolment, table)}
        version = pinned_version(enrolment.campaign.methodology)
        _read_values(sheets[0], slots, _levels(version, list(slots.values())), result)
        if len(sheets) > 1:
            _read_evidence(sheets[1], {slot.indicator for slot in slots.values()}, result)
    except TemplateRefused:
        raise
    except Exception:  # a sheet's XML cut short or broken past the first rows
        raise TemplateRefused(_("The XLSX file cannot be opened; it may be damaged.")) from None
    finally:
        workbook.close()
    return result


def _headed(sheet: Any, known: Mapping[str, str], required: tuple[str, ...]) -> tuple[dict[str, int], Iterator[Any]]:
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    for number, row in rows:
        if number > HEADER_ROW + 5:
            break
        positions = _columns(row, known)
        if all(key in positions for key in required):
            return positions, rows
    raise TemplateRefused(
        _("The sheet «%(sheet)s» has no header row of the table's template; download the template again.")
        % {"sheet": sheet.title}
    )


def _cell(row: tuple[Any, ...], positions: Mapping[str, int], key: str) -> Any:
    index = positions.get(key)
    return row[index] if index is not None and index < len(row) else None


def _read_values(
    sheet: Any, slots: Mapping[tuple[str, str], Slot], levels: Mapping[str, list[str]], result: ReadTemplate
) -> None:
    positions, rows = _headed(sheet, _value_headers(), ("indicator", "language"))
    title = sheet.title
    header = _value_header_words()
    for number, row in rows:
        if not any(_text(cell) for cell in row):
            continue
        result.rows += 1
        if result.rows > MAX_ROWS:
            raise TemplateRefused(_("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS})
        indicator = _text(_cell(row, positions, "indicator"))
        language = _language_words().get(_normal(_cell(row, positions, "language")))
        slot = slots.get((indicator, language)) if language is not None else None
        if slot is None:
            result.errors.append(
                RowError(
                    title,
                    number,
                    header["indicator"],
                    _("This body does not report this indicator in this language in this table."),
                )
            )
            continue
        raw: dict[str, Any] = {}
        blank = True
        for each in value_fields(slot):
            cell = _cell(row, positions, each.name)
            text = _text(cell)
            if text:
                blank = False
            if each.name not in positions:
                result.errors.append(RowError(title, number, header[each.name], _("The column is missing.")))
                continue
            try:
                raw[each.name] = _value_cell(each, cell, text, levels.get(slot.indicator, []))
            except ValueError as error:
                result.errors.append(RowError(title, number, header[each.name], str(error)))
        if not blank:
            result.values.append(ValueRow(number, slot, raw))


def _value_header_words() -> dict[str, str]:
    from ashyq.evaluation import values

    words = {"indicator": str(INDICATOR), "name": str(NAME), "language": str(LANGUAGE)}
    words.update({each.name: _field_label(each) for each in vars(values).values() if isinstance(each, ValueField)})
    return words


def _evidence_header_words() -> dict[str, str]:
    words = {"number": str(NUMBER), "indicator": str(INDICATOR), "language": str(LANGUAGE), "kind": str(KIND)}
    words.update({name: _evidence_label(name) for name in _EVIDENCE_ORDER})
    return words


def _value_cell(each: ValueField, cell: Any, text: str, levels: list[str]) -> Any:
    if not text:
        return ""
    if each.type == "flag":
        if isinstance(cell, bool):
            return cell
        flag = _flag_words().get(_normal(text))
        if flag is None:
            raise ValueError(_("Write yes or no."))
        return flag
    if each.type == "events":
        numbers = [part for part in re.split(r"[,;\s]+", text) if part]
        if numbers == ["0"]:
            return []
        events = []
        for part in numbers:
            if not part.isdigit() or not 1 <= int(part) <= len(levels):
                raise ValueError(
                    _("Write the number of each event's publicity category, 1 to %(count)s, separated by commas.")
                    % {"count": len(levels)}
                )
            events.append(levels[int(part) - 1])
        return events
    return text


def _date(cell: Any, text: str, column: str) -> datetime.date | None:
    if isinstance(cell, datetime.datetime):
        day = cell.date()
    elif isinstance(cell, datetime.date):
        day = cell
    elif not text:
        return None
    else:
        for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                day = datetime.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(_("Write the date as DD.MM.YYYY."))
    try:
        return bounds.check_date(day, column)
    except bounds.OutOfBounds as error:
        raise ValueError(error.message) from None


def _read_evidence(sheet: Any, indicators: set[str], result: ReadTemplate) -> None:
    positions, rows = _headed(sheet, _evidence_headers(), ("indicator", "kind"))
    title = sheet.title
    header = _evidence_header_words()
    for number, row in rows:
        if not any(_text(cell) for cell in row):
            continue
        result.rows += 1
        if result.rows > MAX_ROWS:
            raise TemplateRefused(_("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS})
        errors: list[RowError] = []
        indicator = _text(_cell(row, positions, "indicator"))
        if indicator not in indicators:
            errors.append(RowError(title, number, header["indicator"], _("This indicator is not in this table.")))
        language = _language_words().get(_normal(_cell(row, positions, "language")), None)
        if language is None:
            language = ""
            if _text(_cell(row, positions, "language")):
                errors.append(
                    RowError(title, number, header["language"], _("Write Kazakh, Russian or leave it empty."))
                )
        kind = _kind_words().get(_normal(_cell(row, positions, "kind")))
        if kind is None:
            errors.append(RowError(title, number, header["kind"], _("Choose a kind of evidence from the list.")))
        reference = _text(_cell(row, positions, "number"))
        identifier = None
        if reference:
            if not reference.isdigit():
                message = _("Leave the number in this column as the template gave it.")
                errors.append(RowError(title, number, header["number"], message))
            else:
                identifier = int(reference)
        fields: dict[str, Any] = {}
        for name in _EVIDENCE_ORDER:
            if name not in positions:
                continue
            cell = _cell(row, positions, name)
            text = _text(cell)
            try:
                if name in EVIDENCE_DATES:
                    fields[name] = _date(cell, text, header[name])
                elif name == "count":
                    if text and not text.isdigit():
                        raise ValueError(_("Enter a whole number."))
                    fields[name] = int(text) if text else None
                else:
                    fields[name] = bounds.check_text(text, header[name])
            except (ValueError, bounds.OutOfBounds) as error:
                message = error.message if isinstance(error, bounds.OutOfBounds) else str(error)
                errors.append(RowError(title, number, header[name], message))
        result.errors.extend(errors)
        if not errors:
            assert kind is not None
            result.evidence.append(EvidenceRow(number, identifier, indicator, language, kind, fields))


def evidence_fields(item: Evidence) -> dict[str, Any]:
    """A stored line of evidence as the template's fields, to tell an unchanged row from a changed one."""
    return {name: getattr(item, name) for name in _EVIDENCE_ORDER}


def evidence_column(name: str) -> str:
    """The column of an evidence field, as the reader's template heads it."""
    return _evidence_header_words().get(name, name)


def value_column(name: str) -> str:
    """The column of a value's field, as the reader's template heads it."""
    return _value_header_words().get(name, name)
