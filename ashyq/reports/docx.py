"""DOCX documents (python-docx): the acts' forms, editable in Word."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ashyq.reports.cells import safe_cell


@dataclass
class DocxSection:
    """A heading, paragraphs, and optionally a table with a header row."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    headers: Sequence[str] = ()
    rows: Iterable[Sequence[Any]] = ()


def docx_document(*, title: str, sections: Iterable[DocxSection], right_header: str = "") -> bytes:
    """A Word document: an optional right-aligned annex header, a title, then the sections in order."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if right_header:
        paragraph = document.add_paragraph(right_header)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading(title, level=1)
    for section in sections:
        if section.heading:
            document.add_heading(section.heading, level=2)
        for text in section.paragraphs:
            document.add_paragraph(text)
        if section.headers:
            table = document.add_table(rows=1, cols=len(section.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, section.headers, strict=True):
                cell.text = str(header)
            for row in section.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = str(safe_cell(value))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
