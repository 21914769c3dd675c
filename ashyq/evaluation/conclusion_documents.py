"""The conclusion of 002 Annex 8 as a PDF (WeasyPrint, ``ashyq.reports.pdf``) or an editable DOCX, A4.

Both lay out the same :class:`~ashyq.evaluation.conclusion.Conclusion`: the annex mark and "Form", the title,
the body and the reporting period over their captions, the table of criteria with score and maximum and the
three summary rows, the analysis per criterion, conclusions and recommendations, the head of the authorized
body with the signature line, and the date.
"""

from __future__ import annotations

import io
from typing import Literal

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell

from ashyq.evaluation.conclusion import Conclusion
from ashyq.reports.pdf import render_pdf

ConclusionFormat = Literal["pdf", "docx"]
CONCLUSION_FORMATS: tuple[ConclusionFormat, ...] = ("pdf", "docx")


def conclusion_pdf(conclusion: Conclusion) -> bytes:
    """The conclusion as an A4 PDF."""
    context = {"c": conclusion, "language": conclusion.language, "title": conclusion.title}
    return render_pdf("evaluation/conclusion.html", context)


def _paragraph(
    document: WordDocument, text: str, *, align: WD_ALIGN_PARAGRAPH | None = None, bold: bool = False, size: int = 12
) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align


def _cell(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def conclusion_docx(conclusion: Conclusion) -> bytes:
    """The conclusion as an A4 Word document the analyst can still edit."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    core = document.core_properties
    core.title, core.language = conclusion.title, conclusion.language
    _paragraph(document, f"{conclusion.annex}\n{conclusion.form}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=10)
    _paragraph(document, conclusion.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    for value, caption in (
        (conclusion.body_name, conclusion.body_caption),
        (conclusion.period, conclusion.period_caption),
    ):
        _paragraph(document, value, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        _paragraph(document, caption, align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, conclusion.headers, strict=True):
        _cell(cell, header, bold=True, center=True)
    for row, bold in [(row, False) for row in conclusion.rows] + [(row, True) for row in conclusion.summary]:
        cells = table.add_row().cells
        _cell(cells[0], row.number, center=True)
        _cell(cells[1], row.name, bold=bold)
        _cell(cells[2], row.score, bold=bold, center=True)
        _cell(cells[3], row.maximum, bold=bold, center=True)
    for width, column in zip((Mm(12), Mm(115), Mm(24), Mm(24)), table.columns, strict=True):
        for cell in column.cells:
            cell.width = width
    _paragraph(document, conclusion.analysis_heading, bold=True)
    for criterion in conclusion.analysis:
        _paragraph(document, criterion.heading, bold=True)
        for sentence in criterion.sentences:
            _paragraph(document, sentence)
    _paragraph(document, conclusion.recommendations_heading, bold=True)
    for line in conclusion.recommendations:
        _paragraph(document, line)
    sign = document.add_table(rows=2, cols=3)
    _cell(sign.cell(0, 0), conclusion.head_title)
    _cell(sign.cell(0, 1), "_______________", center=True)
    _cell(sign.cell(0, 2), conclusion.head_name, center=True)
    _cell(sign.cell(1, 1), conclusion.signature_caption, center=True)
    _cell(sign.cell(1, 2), conclusion.signature_name_caption, center=True)
    _paragraph(document, conclusion.signed_on)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def conclusion_file(conclusion: Conclusion, file_format: ConclusionFormat) -> tuple[bytes, str]:
    """The document in the format, with its file name (``conclusion-<body>-<language>.<format>``)."""
    content = conclusion_pdf(conclusion) if file_format == "pdf" else conclusion_docx(conclusion)
    return content, f"conclusion-{conclusion.body_id}-{conclusion.language}.{file_format}"
