"""The page of a document being made by the task worker, and its download (issue 11 item 7)."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

from ashyq.core.http import AuthedRequest
from ashyq.reports.http import CONTENT_TYPES
from ashyq.reports.selectors import document_job_detail


@login_required
def job_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The rows written so far; htmx polls the progress fragment until the document is ready or has failed."""
    job = document_job_detail(user=request.user, pk=pk)
    template = "reports/job_progress.html" if request.htmx else "reports/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@login_required
def job_download(request: AuthedRequest, pk: int) -> FileResponse:
    job = document_job_detail(user=request.user, pk=pk)
    if not job.can_download():
        raise Http404
    extension = PurePath(job.file_name).suffix.lstrip(".")
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=CONTENT_TYPES[extension]
    )
