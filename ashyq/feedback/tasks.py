"""Background work of the feedback app (django-tasks, enqueued on commit)."""

from __future__ import annotations

from django_tasks import task

from ashyq.core.workers import on_worker_lost
from ashyq.feedback.services.imports import import_job_run, import_job_worker_lost


@task()
def import_run(job_id: int) -> None:
    """Run a queued import (issue 5 item 3); the page polls its progress."""
    import_job_run(job_id=job_id)


on_worker_lost(import_run)(import_job_worker_lost)
