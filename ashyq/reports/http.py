"""A rendered document handed to the browser as a download (every export and printable form)."""

from __future__ import annotations

from pathlib import PurePath

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def document_response(content: bytes, *, filename: str) -> HttpResponse:
    """The document as an attachment; its type follows the file name's extension (pdf, docx, xlsx, csv),
    and a Kazakh or Russian file name is encoded as RFC 6266 asks."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[PurePath(filename).suffix.lstrip(".")])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    return response
