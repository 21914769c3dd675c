"""Reading the PDF documents Ashyq renders, so tests check what a reader sees, not only the file's header."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All pages' text on one line: WeasyPrint's own hyphenation (U+2010 at a line end) is joined away,
    a real hyphen at a line end is kept and its word joined."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    text = re.sub(r"\u2010\s+", "", text)
    text = re.sub(r"-\n", "-", text)
    return re.sub(r"\s+", " ", text)


def pdf_is_landscape(content: bytes) -> bool:
    page = PdfReader(io.BytesIO(content)).pages[0]
    return float(page.mediabox.width) > float(page.mediabox.height)
