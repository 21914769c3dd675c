"""XLSX and CSV tables (openpyxl): the lists and registries that users open in Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ashyq.reports.cells import safe_cell, safe_csv_cell

MAX_COLUMN_WIDTH = 60


def xlsx_table(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], heading: str = "") -> bytes:
    """One sheet: an optional heading line, a bold header row frozen on top, then the rows."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    if heading:
        sheet.append([safe_cell(heading)])
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append([safe_cell(header) for header in headers])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(str(header)) for header in headers]
    for row in rows:
        values = [safe_cell(value) for value in row]
        sheet.append(values)
        widths = [max(width, len(str(value))) for width, value in zip(widths, values, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_COLUMN_WIDTH, width + 2)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_table(*, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Kazakh and Russian text correctly; no cell is a formula
    whether Excel splits the lines at ``,`` or at ``;`` (``safe_csv_cell``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_csv_cell(header) for header in headers])
    for row in rows:
        writer.writerow([safe_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
