"""Documents that grow with the data, made in the web request when small and by the task worker when large
(issue 11 item 7).

A ``DocumentKind`` is declared once by the app that owns the document (the draft report, the items export): how
many rows a request will hold, its title, and how to write the file to an open binary file while reporting the
rows written. ``document_offer`` (the views') makes a document of at most ``ASHYQ_DOCUMENT_SYNC_ROWS`` rows at
once; a larger one is queued as a ``DocumentJob`` (``document_job_create``), which the task
``ashyq.reports.tasks.document_build`` runs (``document_job_run``) while the job's page shows the rows written
and offers the file when it is ready. A job whose worker dies runs again, or stops on the last attempt (ADR 0045).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.reports.models import DocumentJob

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 500  # rows between two writes of the progress

Progress = Callable[[int], None]  # told the number of rows written so far


@dataclass(frozen=True)
class DocumentRequest:
    """What a document is made from: its kind's parameters, format, language and the user who asked (whose
    scope the rows are read in)."""

    params: dict[str, Any]
    file_format: str
    language: str
    user: User


@dataclass(frozen=True)
class DocumentKind:
    """A document whose size grows with the data. ``path`` is the dotted path of this object (stored on a job);
    ``build`` writes the file to an open binary file and returns its file name."""

    path: str
    rows: Callable[[DocumentRequest], int]
    title: Callable[[DocumentRequest], str]
    build: Callable[[DocumentRequest, IO[bytes], Progress], str]


def document_kind(path: str) -> DocumentKind:
    kind = import_string(path)
    if not isinstance(kind, DocumentKind) or kind.path != path:
        raise ValueError(f"{path} is not a document kind")
    return kind


def document_build_now(kind: DocumentKind, request: DocumentRequest) -> tuple[bytes, str]:
    """A small document made at once, in memory."""
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as output:
        name = kind.build(request, output, lambda done: None)
        output.seek(0)
        return output.read(), name


@transaction.atomic
def document_job_create(*, kind: DocumentKind, request: DocumentRequest, body: Body | None, actor: User) -> DocumentJob:
    """Queue a large document for the task worker; the same request still being made is not queued twice."""
    same = DocumentJob.objects.filter(
        created_by=actor,
        kind=kind.path,
        params=request.params,
        file_format=request.file_format,
        language=request.language,
        status__in=[DocumentJob.Status.QUEUED, DocumentJob.Status.RUNNING],
    ).first()
    if same is not None:
        return same
    with override(request.language):
        title = kind.title(request)
    job = DocumentJob.objects.create(
        kind=kind.path,
        params=request.params,
        file_format=request.file_format,
        language=request.language,
        title=title[:300],
        body=body,
        total_rows=kind.rows(request),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        event="reports.document.queued",
        target=job,
        body=body,
        new={"kind": kind.path, "params": request.params, "format": job.file_format, "rows": job.total_rows},
    )
    _enqueue(job)
    return job


def _enqueue(job: DocumentJob) -> None:
    from ashyq.reports.tasks import document_build

    transaction.on_commit(lambda: document_build.enqueue(job.pk))


def _set(job: DocumentJob, **values: Any) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    DocumentJob.objects.filter(pk=job.pk).update(**values, updated_at=timezone.now())


def document_job_run(*, job_id: int) -> DocumentJob:
    """Make a queued document (the task's body) into a temporary file, then keep it as the job's file."""
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update(of=("self",)).select_related("created_by").get(pk=job_id)
        if not job.can_start():
            raise InvalidTransition(_("This document has already been made."))
        _set(job, status=DocumentJob.Status.RUNNING, processed_rows=0)
    request = DocumentRequest(job.params, job.file_format, job.language, job.created_by)

    def progress(done: int) -> None:
        if done % PROGRESS_EVERY == 0:
            _set(job, processed_rows=done)

    try:
        kind = document_kind(job.kind)
        with tempfile.TemporaryFile() as output, override(job.language):
            name = kind.build(request, output, progress)
            output.seek(0)
            job.file.save(name, File(output), save=False)
    except Exception:  # the user is told the document could not be made; the cause goes to the log
        logger.exception("The document job %s failed.", job.pk)
        _set(job, status=DocumentJob.Status.FAILED)
        return job
    _set(job, status=DocumentJob.Status.DONE, file=job.file.name, file_name=name, processed_rows=job.total_rows)
    return job


def document_job_worker_lost(job_id: int, *, last_attempt: bool) -> bool:
    """The worker making this document died (ADR 0045). Nothing of the file was kept, so it is made again from
    the first row, or, on the last attempt, the job stops and its page asks the user to request it again.
    Returns whether the task should run again."""
    job = DocumentJob.objects.select_for_update(of=("self",)).select_related("body").filter(pk=job_id).first()
    if job is None or job.finished:
        return False
    old = {"status": job.status}
    if not last_attempt:
        _set(job, status=DocumentJob.Status.QUEUED, processed_rows=0)
        audit_record(actor=None, event="reports.document.retried", target=job, body=job.body, old=old)
        return True
    _set(job, status=DocumentJob.Status.STOPPED, processed_rows=0)
    audit_record(actor=None, event="reports.document.stopped", target=job, body=job.body, old=old)
    return False
