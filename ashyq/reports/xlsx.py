"""XLSX and CSV tables (openpyxl): the lists and registries that users open in Excel.

The XLSX is written row by row (openpyxl's write-only mode), so its memory does not grow with its rows
(issue 11 item 7); the column widths are measured on the header and the first ``WIDTH_SAMPLE_ROWS`` rows.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ashyq.reports.cells import safe_cell, safe_csv_cell

MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE_ROWS = 200


def xlsx_write(
    output: IO[bytes],
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    heading: str = "",
    progress: Callable[[int], None] | None = None,
) -> None:
    """One sheet written to ``output``: an optional heading line, a bold header row frozen on top, then the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    rows = iter(rows)
    sample = [[safe_cell(value) for value in row] for row in itertools.islice(rows, WIDTH_SAMPLE_ROWS)]
    widths = [len(str(header)) for header in headers]
    for values in sample:
        widths = [max(width, len(str(value))) for width, value in zip(widths, values, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_COLUMN_WIDTH, width + 2)
    sheet.freeze_panes = f"A{3 if heading else 2}"
    if heading:
        cell = WriteOnlyCell(sheet, value=safe_cell(heading))
        cell.font = Font(bold=True, size=13)
        sheet.append([cell])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(header))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header_cells.append(cell)
    sheet.append(header_cells)
    values_rows = itertools.chain(sample, ([safe_cell(value) for value in row] for row in rows))
    for written, values in enumerate(values_rows, start=1):
        sheet.append(values)
        if progress is not None:
            progress(written)
    workbook.save(output)


def xlsx_table(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], heading: str = "") -> bytes:
    """``xlsx_write`` into memory, for a small table."""
    buffer = io.BytesIO()
    xlsx_write(buffer, title=title, headers=headers, rows=rows, heading=heading)
    return buffer.getvalue()


def csv_write(
    output: IO[bytes],
    *,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Callable[[int], None] | None = None,
) -> None:
    """UTF-8 with a byte-order mark, so Excel opens Kazakh and Russian text correctly; no cell is a formula
    whether Excel splits the lines at ``,`` or at ``;`` (``safe_csv_cell``). Written line by line."""
    text = io.TextIOWrapper(output, encoding="utf-8", newline="", write_through=True)
    text.write("\ufeff")
    writer = csv.writer(text)
    writer.writerow([safe_csv_cell(header) for header in headers])
    for written, row in enumerate(rows, start=1):
        writer.writerow([safe_csv_cell(value) for value in row])
        if progress is not None:
            progress(written)
    text.detach()


def csv_table(*, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """``csv_write`` into memory, for a small table."""
    buffer = io.BytesIO()
    csv_write(buffer, headers=headers, rows=rows)
    return buffer.getvalue()
