"""Issue 11 item 6: a DOCX has the PDF's page: A4 (landscape for a wide table), set column widths, black headings."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Mm

from ashyq.reports.docx import DocxSection, docx_document


def _open(content: bytes):
    return Document(io.BytesIO(content))


def test_a_wide_table_is_on_landscape_a4_with_the_given_column_widths():
    headers = [f"Column {n}" for n in range(8)]
    content = docx_document(
        title="Есеп",
        sections=[DocxSection(headers=headers, rows=[["x"] * 8], widths=(4, 10, 24, 9, 10, 9, 17, 17))],
    )
    document = _open(content)
    page = document.sections[0]
    assert abs(page.page_width - Mm(297)) < Mm(1) and abs(page.page_height - Mm(210)) < Mm(1)
    widths = [cell.width for cell in document.tables[0].rows[0].cells]
    assert widths[2] > 5 * widths[0]  # 24 % against 4 %, not eight equal columns
    assert abs(sum(widths) - (Mm(297) - Mm(35))) < Mm(2)
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "000000" and heading.font.name == "Times New Roman"


def test_a_narrow_document_is_on_portrait_a4_not_us_letter():
    page = _open(docx_document(title="Хат", sections=[DocxSection(paragraphs=["Мәтін"])])).sections[0]
    assert abs(page.page_width - Mm(210)) < Mm(1) and abs(page.page_height - Mm(297)) < Mm(1)
