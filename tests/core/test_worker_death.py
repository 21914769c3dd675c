"""Background work survives its worker's death (issue 16 item 1, ADR 0045).

A real ``manage.py db_worker`` runs a real import and is killed with SIGKILL in the middle of it; a second
worker finds the dead worker's task when it starts and runs it again. Runs on SQLite and on PostgreSQL
(whichever ``DATABASE_URL`` names).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from ashyq.core.models import AuditEvent
from ashyq.feedback.models import ImportJob, Item
from ashyq.feedback.services.imports import import_job_create
from tests.feedback.factories import SourceFactory
from tests.workers import SharedDatabase, kill, start_worker, stop, template_rows, wait_for

pytestmark = [pytest.mark.worker_process, pytest.mark.django_db(transaction=True)]

ROWS = 20_000  # a few seconds of import on SQLite and on PostgreSQL: long enough to be killed in the middle


@pytest.fixture
def shared(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return SharedDatabase(tmp_path)


def test_an_import_whose_worker_is_killed_runs_again_in_the_next_worker(shared, officer_a, body_a):
    # given an officer's import of 20,000 rows queued for the task worker
    source = SourceFactory(body=body_a, period_start=datetime.date(2026, 9, 1), period_end=datetime.date(2026, 9, 9))
    upload = SimpleUploadedFile("big.csv", template_rows(ROWS))
    job = import_job_create(source=source, upload=upload, file_format="template", encoding="auto", actor=officer_a)
    shared.push()
    status = "SELECT status FROM feedback_importjob WHERE id = %s"
    checked = "SELECT processed_rows FROM feedback_importjob WHERE id = %s"
    items = "SELECT COUNT(*) FROM feedback_item WHERE source_id = %s"
    if shared.sqlite:
        status, checked, items = (sql.replace("%s", "?") for sql in (status, checked, items))

    # when the first worker is killed with SIGKILL in the middle of the import
    first = start_worker(shared, "first")
    try:
        wait_for(lambda: shared.value(status, [job.pk]) == "running", "the import to start", first)
        if shared.sqlite:  # no progress before the commit: the import's transaction holds the write lock
            wait_for(lambda: shared.writing() and shared.value(status, [job.pk]) == "running", "the writes", first)
        else:
            wait_for(lambda: shared.value(checked, [job.pk]) > 0, "the first rows to be checked", first)
    finally:
        kill(first)
    # then nothing of the import was written and it is still marked running (nobody else knows it died)
    assert shared.value(status, [job.pk]) == "running"
    assert shared.value(items, [source.pk]) == 0

    # when a second worker starts
    second = start_worker(shared, "second")
    try:
        wait_for(lambda: shared.value(status, [job.pk]) in {"done", "failed", "stopped"}, "the import to end", second)
    finally:
        stop(second)
    shared.pull()

    # then it found the dead worker's task and ran the import again, whole, as the second attempt
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.created_count == ROWS == Item.objects.filter(source=source).count()
    task = DBTaskResult.objects.get()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["first", "second"])
    events = (
        AuditEvent.objects.filter(target_type="feedback.importjob", target_id=str(job.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert list(events) == ["feedback.import.queued", "feedback.import.retried", "feedback.import.completed"]
