"""A rendered document handed to the browser as a download (every export and printable form)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

if TYPE_CHECKING:
    from ashyq.core.http import AuthedRequest
    from ashyq.orgs.models import Body
    from ashyq.reports.jobs import DocumentKind

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


def document_offer(
    request: AuthedRequest,
    *,
    kind: DocumentKind,
    params: dict[str, Any],
    file_format: str,
    language: str,
    body: Body | None,
) -> HttpResponse:
    """A document of at most ``ASHYQ_DOCUMENT_SYNC_ROWS`` rows at once; a larger one is offered to be made in the
    background (GET: a page with one button; POST: queued, then its progress page) — issue 11 item 7."""
    from ashyq.reports.jobs import DocumentRequest, document_build_now, document_job_create

    wanted = DocumentRequest(params=params, file_format=file_format, language=language, user=request.user)
    rows = kind.rows(wanted)
    limit = settings.ASHYQ_PDF_SYNC_ROWS if file_format == "pdf" else settings.ASHYQ_DOCUMENT_SYNC_ROWS
    if rows <= limit:
        content, filename = document_build_now(kind, wanted)
        return document_response(content, filename=filename)
    if request.method == "POST":
        job = document_job_create(kind=kind, request=wanted, body=body, actor=request.user)
        return redirect("reports:job_detail", pk=job.pk)
    context = {"rows": rows, "title": kind.title(wanted), "file_format": file_format.upper()}
    return render(request, "reports/document_offer.html", context)
