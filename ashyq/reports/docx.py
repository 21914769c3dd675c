"""DOCX documents (python-docx): the acts' forms, editable in Word."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from typing import IO, Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table, _Row

from ashyq.reports.cells import safe_cell


@dataclass
class DocxSection:
    """A heading, paragraphs, and optionally a table with a header row."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    headers: Sequence[str] = ()
    rows: Iterable[Sequence[Any]] = ()
    widths: Sequence[float] = ()  # each column's share of the text width (as the PDF's colgroup); equal if empty


# The same page as the PDFs (reports/document.html): A4, margins 20/15/20/20 mm; a table this wide turns the page.
A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(20), "right_margin": Mm(15), "bottom_margin": Mm(20), "left_margin": Mm(20)}
LANDSCAPE_FROM_COLUMNS = 7
FONT = "Times New Roman"
TEXT = qn("w:t")


def _page(document: DocumentObject, *, landscape: bool) -> int:
    """Set A4 (landscape for a wide table) and the margins; return the text width in EMU."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    return int(section.page_width - MARGINS["left_margin"] - MARGINS["right_margin"])


def _official_styles(document: DocumentObject) -> None:
    """Black Times New Roman headings, as an official letter has, not Word's blue theme headings."""
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    for level, size in ((1, 14), (2, 12)):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = RGBColor(0, 0, 0)


def _table_rows(table: Table, rows: Iterable[Sequence[Any]]) -> Iterator[None]:
    """Append the rows to the table, yielding after each. python-docx's ``add_row`` looks the table's grid up
    among all its rows each time (quadratic: 20,000 rows took 289 s), so each row is a copy of one made row
    whose texts are replaced; a text with a line break or tab goes through python-docx, which writes them."""
    made = table.add_row()  # type: ignore[no-untyped-call]
    for cell in made.cells:
        cell.text = "-"
    template = made._tr
    for text in template.iter(TEXT):
        text.set(qn("xml:space"), "preserve")  # a value's own leading or trailing spaces are kept
    table._tbl.remove(template)
    for row in rows:
        values = [str(safe_cell(value)) for value in row]
        tr = deepcopy(template)
        table._tbl.append(tr)
        if any("\n" in value or "\t" in value for value in values):
            for cell, value in zip(_Row(tr, table).cells, values, strict=True):
                cell.text = value
        else:
            for text, value in zip(tr.iter(TEXT), values, strict=True):
                text.text = value
        yield


def docx_write(
    output: IO[bytes],
    *,
    title: str,
    sections: Iterable[DocxSection],
    right_header: str = "",
    progress: Callable[[int], None] | None = None,
) -> None:
    """A Word document on A4 (landscape when a table has many columns) written to ``output``: an optional
    right-aligned annex header, a centred title, then the sections in order, tables with set column widths.
    A table's rows are added one at a time from their iterable, each cell taking its column's width as it is
    made, so nothing is walked twice (issue 11 item 7); ``progress`` is told the rows written."""
    sections = list(sections)
    document = Document()
    widest = max((len(section.headers) for section in sections), default=0)
    text_width = _page(document, landscape=widest >= LANDSCAPE_FROM_COLUMNS)
    _official_styles(document)
    if right_header:
        paragraph = document.add_paragraph(right_header)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading(title, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    written = 0
    for section in sections:
        if section.heading:
            document.add_heading(section.heading, level=2)
        for text in section.paragraphs:
            document.add_paragraph(text)
        if section.headers:
            table = document.add_table(rows=1, cols=len(section.headers))
            table.style = "Table Grid"
            table.autofit = False
            shares = section.widths or [1 / len(section.headers)] * len(section.headers)
            for column, share in zip(table.columns, shares, strict=True):
                column.width = Emu(int(text_width * share / sum(shares)))  # each new row's cells take it
            for cell, header, column in zip(table.rows[0].cells, section.headers, table.columns, strict=True):
                cell.width = column.width
                cell.text = str(header)
                cell.paragraphs[0].runs[0].font.bold = True
            for _row in _table_rows(table, section.rows):
                written += 1
                if progress is not None:
                    progress(written)
    document.save(output)


def docx_document(*, title: str, sections: Iterable[DocxSection], right_header: str = "") -> bytes:
    """``docx_write`` into memory, for a small document."""
    buffer = io.BytesIO()
    docx_write(buffer, title=title, sections=sections, right_header=right_header)
    return buffer.getvalue()
