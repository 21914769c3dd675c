"""An import whose task worker died: retried once, then stopped with a message, and started again from its page
(issue 16 item 1, ADR 0045). The sweep is called directly here; tests/core/test_worker_death.py kills real
workers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ashyq.core import workers
from ashyq.core.models import AuditEvent
from ashyq.core.workers import WorkerIdInUse, sweep_lost_work, worker_alive, worker_liveness
from ashyq.feedback.models import ImportJob
from ashyq.feedback.services.imports import import_job_create
from tests.feedback.factories import SourceFactory

pytestmark = pytest.mark.django_db

ROWS = b"external_id,kind,text,received_at\nA-1,comment,Hello,2026-09-02\n"


@pytest.fixture(autouse=True)
def database_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ASHYQ_TASK_ATTEMPTS = 2


def _running_import(officer, body, django_capture_on_commit_callbacks, *, workers: list[str]) -> ImportJob:
    """An import claimed by the given workers in turn (the last one is running it), none of them alive."""
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            source=SourceFactory(body=body),
            upload=SimpleUploadedFile("a.csv", ROWS),
            file_format="template",
            encoding="auto",
            actor=officer,
        )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, processed_rows=7)
    DBTaskResult.objects.update(status="RUNNING", worker_ids=workers)
    return job


def test_a_dead_workers_import_is_queued_again_on_its_first_attempt(
    officer_a, body_a, django_capture_on_commit_callbacks
):
    # given an import running in a worker that died (its liveness lock is free)
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["dead"])
    # when a worker sweeps
    done = sweep_lost_work(own_worker_id="sweeper")
    # then the task is ready for another attempt and the import queued, its progress reset
    assert len(done) == 1
    assert DBTaskResult.objects.get().status == "READY"
    job.refresh_from_db()
    assert (job.status, job.processed_rows) == (ImportJob.Status.QUEUED, 0)
    assert AuditEvent.objects.filter(event_type="feedback.import.retried", target_id=str(job.pk)).count() == 1


def test_a_dead_workers_import_stops_on_its_last_attempt_and_says_what_to_do(
    officer_a, body_a, django_capture_on_commit_callbacks, client
):
    # given an import whose second attempt's worker died too
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["dead", "dead-too"])
    # when a worker sweeps
    sweep_lost_work(own_worker_id="sweeper")
    # then the task failed, the import stopped, and its page tells the officer what to do, with the button
    task = DBTaskResult.objects.get()
    assert (task.status, task.exception_class_path) == ("FAILED", "ashyq.core.workers.WorkerLost")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.STOPPED
    client.force_login(officer_a)
    page = client.get(reverse("feedback:import_detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "retrying did not finish it. Nothing was written." in page
    assert reverse("feedback:import_start_again", args=[job.pk]) in page


def test_a_live_workers_import_is_left_alone(officer_a, body_a, django_capture_on_commit_callbacks):
    # given an import running in a worker whose process holds its liveness lock
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["alive"])
    with worker_liveness("alive"):
        assert worker_alive("alive")
        # when another worker sweeps
        assert sweep_lost_work(own_worker_id="sweeper") == []
    # then nothing changed; once the worker has ended, its lock is free
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING
    assert not worker_alive("alive")


def test_the_officer_starts_a_stopped_import_again(officer_a, body_a, django_capture_on_commit_callbacks, client):
    # given an import stopped on its last attempt
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["dead", "dead-too"])
    sweep_lost_work(own_worker_id="sweeper")
    # when its officer starts it again from its page
    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback:import_start_again", args=[job.pk]))
    # then it is queued with a new task, and the audit says who did it
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "READY"]
    event = AuditEvent.objects.get(event_type="feedback.import.started_again", target_id=str(job.pk))
    assert event.actor == officer_a


@pytest.mark.parametrize("status", [ImportJob.Status.DONE, ImportJob.Status.FAILED, ImportJob.Status.QUEUED])
def test_only_a_stopped_import_can_be_started_again(
    status, officer_a, body_a, django_capture_on_commit_callbacks, client
):
    # given an import that did not stop (a refused file would be refused again)
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["w"])
    ImportJob.objects.filter(pk=job.pk).update(status=status)
    # when its officer posts "start again"
    client.force_login(officer_a)
    client.post(reverse("feedback:import_start_again", args=[job.pk]))
    # then nothing changed
    job.refresh_from_db()
    assert job.status == status
    assert not AuditEvent.objects.filter(event_type="feedback.import.started_again").exists()


def test_another_bodys_officer_cannot_start_an_import_again(
    officer_a, officer_b, body_a, django_capture_on_commit_callbacks, client
):
    # given body A's stopped import
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["dead", "dead-too"])
    sweep_lost_work(own_worker_id="sweeper")
    # when body B's officer posts "start again"
    client.force_login(officer_b)
    response = client.post(reverse("feedback:import_start_again", args=[job.pk]))
    # then the import is not found for them and stays stopped
    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob.Status.STOPPED


def test_a_worker_restarted_under_the_same_id_recovers_its_earlier_lifes_import(
    officer_a, body_a, django_capture_on_commit_callbacks
):
    # given an import left running by a worker whose supervisor restarts it with the same --worker-id
    job = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["fixed-id"])
    with worker_liveness("fixed-id"):
        # when the new process sweeps while it runs tasks, the row is its own running task
        assert sweep_lost_work(own_worker_id="fixed-id") == []
        # when it sweeps as it starts, the row is its earlier life's
        assert len(sweep_lost_work(own_worker_id="fixed-id", starting=True)) == 1
    # then the import is queued again
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert DBTaskResult.objects.get().status == "READY"


def test_a_job_that_cannot_be_recovered_does_not_stop_the_sweep(
    officer_a, body_a, django_capture_on_commit_callbacks, monkeypatch
):
    # given two imports of dead workers, the first of which the import's handler cannot recover
    first = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["dead"])
    second = _running_import(officer_a, body_a, django_capture_on_commit_callbacks, workers=["dead"])
    from ashyq.feedback.services import imports

    real = imports.import_job_worker_lost

    def broken(job_id: int, *, last_attempt: bool) -> bool:
        if job_id == first.pk:
            raise RuntimeError("the job's row is damaged")
        return real(job_id, last_attempt=last_attempt)

    monkeypatch.setitem(workers._HANDLERS, "ashyq.feedback.tasks.import_run", broken)
    # when a worker sweeps
    done = sweep_lost_work(own_worker_id="sweeper")
    # then the second import is recovered all the same
    assert len(done) == 1
    second.refresh_from_db()
    assert second.status == ImportJob.Status.QUEUED


def test_a_second_worker_with_a_live_workers_id_is_refused(db):
    # given a live worker
    with worker_liveness("only-one"):
        # when another process starts under its id / then it is refused with the reason
        with pytest.raises(WorkerIdInUse, match="give each worker its own id"), worker_liveness("only-one"):
            pass
        assert worker_alive("only-one")
