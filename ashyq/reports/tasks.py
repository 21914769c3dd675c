"""Background work of the reports app (django-tasks, enqueued on commit)."""

from __future__ import annotations

from django_tasks import task

from ashyq.core.workers import on_worker_lost
from ashyq.reports.jobs import document_job_run, document_job_worker_lost


@task()
def document_build(job_id: int) -> None:
    """Make a large document (issue 11 item 7); its page polls the rows written."""
    document_job_run(job_id=job_id)


on_worker_lost(document_build)(document_job_worker_lost)
