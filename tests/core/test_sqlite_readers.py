"""SQLite serves readers while an import writes (issue 16 item 2, ADR 0046).

A real worker imports 20,000 rows into a SQLite file while a real server (``runserver``, threaded) answers
pages read from four threads. The server's busy timeout is cut to one second, so a reader made to wait for
the writer (a rollback journal) would answer 500 "database is locked" within the test; with write-ahead
logging no reader waits.
"""

from __future__ import annotations

import datetime
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from ashyq.feedback.models import ImportJob
from ashyq.feedback.services.imports import import_job_create
from tests.feedback.factories import SourceFactory
from tests.workers import SharedDatabase, start_server, start_worker, stop, template_rows, wait_for

pytestmark = [
    pytest.mark.worker_process,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's readers and writer (ADR 0046)"),
]

PAGES = ["/ru/registry/", "/kk/registry/", "/en/registry/"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(base: str) -> bool:
    try:
        return _read(base, PAGES[0])[0] == 200
    except urllib.error.URLError:
        return False


def _read(base: str, page: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + page, timeout=60) as response:  # noqa: S310 (our own test server)
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")[:300]


def test_pages_answer_while_an_import_writes(tmp_path, settings, officer_a, body_a):
    # given a 20,000-row import queued, a server whose writers would give up after one second, and a worker
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    shared = SharedDatabase(tmp_path)
    source = SourceFactory(body=body_a, period_start=datetime.date(2026, 9, 1), period_end=datetime.date(2026, 9, 9))
    upload = SimpleUploadedFile("big.csv", template_rows(20_000))
    job = import_job_create(source=source, upload=upload, file_format="template", encoding="auto", actor=officer_a)
    shared.push()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(shared, port, ASHYQ_SQLITE_BUSY_TIMEOUT_SECONDS="1")
    worker = None
    status = "SELECT status FROM feedback_importjob WHERE id = ?"
    try:
        wait_for(lambda: _answers(base), "the server to answer", server)
        worker = start_worker(shared, "writer")
        wait_for(lambda: shared.value(status, [job.pk]) == "running", "the import to start", worker)

        # when pages are read from four threads for as long as the import writes
        answers: list[tuple[int, str]] = []
        during = 0
        with ThreadPoolExecutor(max_workers=4) as readers:
            while shared.value(status, [job.pk]) == "running":
                answers += readers.map(lambda page: _read(base, page), PAGES + PAGES[:1])
                during += shared.value(status, [job.pk]) == "running"
    finally:
        if worker is not None:
            stop(worker)
        stop(server)

    # then every page answered, many of them while the import was still writing, and the import finished
    assert during >= 2, "the import ended before the pages were read"
    assert [answer for answer in answers if answer[0] != 200] == []
    assert shared.value(status, [job.pk]) == ImportJob.Status.DONE
