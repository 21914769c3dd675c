"""Background work of the analysis app (django-tasks, enqueued on commit)."""

from __future__ import annotations

from django_tasks import task

from ashyq.analysis.services import run_execute


@task()
def analyse_quarter(run_id: int) -> None:
    """Analyse a body's quarter (issue 12 item 6); the page polls its progress."""
    run_execute(run_id=run_id)
