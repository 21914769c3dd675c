"""PDF documents from Django templates (WeasyPrint): the acts' forms, printable as the law shows them.

WeasyPrint lays a whole document out in memory: a table of 20,000 rows reached 3.8 GB (issue 11 item 7). A
document of many rows is therefore laid out ``PDF_CHUNK_ROWS`` rows at a time, each part its own small PDF
(the table's header repeated; the heading only in the first part, the closing lines only in the last), and
the parts are joined with pypdf; the page numbers "n / N" are stamped on afterwards, from a document of empty
pages of the same size, because no part knows the pages before it or the total. Each part begins on a new page.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

from django.template.loader import render_to_string

from ashyq.reports.hyphenation import hyphenate_html

PDF_CHUNK_ROWS = 500
NUMBERS_PER_RENDER = 500
HTML_LANGUAGE = re.compile(r'<html lang="([a-z]{2})')


def _html_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs ~0.3 s, needed only for PDFs

    return bytes(HTML(string=html).write_pdf())


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_name`` (extending ``reports/document.html``) to PDF bytes; fonts are local. The body's
    long words get soft hyphens by the rules of the document's language (``ashyq.reports.hyphenation``)."""
    html = render_to_string(template_name, context)
    language = HTML_LANGUAGE.search(html)
    return _html_pdf(hyphenate_html(html, language.group(1) if language else ""))


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[tuple[list[Sequence[Any]], bool]]:
    """Lists of ``size`` rows, each with whether it is the last (at least one, maybe empty, list)."""
    rows = iter(rows)
    chunk = list(itertools.islice(rows, size))
    while True:
        following = list(itertools.islice(rows, size))
        yield chunk, not following
        if not following:
            return
        chunk = following


def _number_pages(writer: Any) -> None:
    """Stamp "n / N" on every page of the joined parts, ``NUMBERS_PER_RENDER`` pages at a time: a document of
    empty pages of the same size whose first page number is set (``counter-reset`` on ``@page :first``), merged
    onto the parts' pages. Numbering all 5,000 pages of 20,000 rows at once took the worker from 0.5 to over 0.9 GB."""
    from pypdf import PdfReader

    box, total = writer.pages[0].mediabox, len(writer.pages)
    for first in range(0, total, NUMBERS_PER_RENDER):
        pages = writer.pages[first : first + NUMBERS_PER_RENDER]
        context = {"width": float(box.width), "height": float(box.height), "first": first + 1, "total": total}
        numbers = PdfReader(io.BytesIO(render_pdf("reports/page_numbers.html", {**context, "pages": pages})))
        for page, number in zip(pages, numbers.pages, strict=True):
            page.merge_page(number)
            page.compress_content_streams()


def write_pdf_rows(
    output: IO[bytes],
    template_name: str,
    context: dict[str, Any],
    rows: Iterable[Sequence[Any]],
    *,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = PDF_CHUNK_ROWS,
) -> None:
    """Write the document whose template shows ``rows`` in a table to ``output``, ``chunk_rows`` rows per part.

    The template hides its heading when ``continued`` and its closing lines when ``continues`` is true, and its
    page numbers when ``unnumbered``."""
    from pypdf import PdfReader, PdfWriter

    writer, written = PdfWriter(), 0
    for index, (chunk, last) in enumerate(_chunks(rows, chunk_rows)):
        if index == 0 and last:  # one part: the document as it always was, numbered by WeasyPrint
            output.write(render_pdf(template_name, {**context, "rows": chunk}))
            if progress is not None:
                progress(len(chunk))
            return
        part = {**context, "rows": chunk, "continued": index > 0, "continues": not last, "unnumbered": True}
        writer.append(PdfReader(io.BytesIO(render_pdf(template_name, part))))
        written += len(chunk)
        if progress is not None:
            progress(written)
    _number_pages(writer)
    writer.write(output)
