"""Real task-worker processes for the fault tests (issue 16): the test's database shared with child processes.

On PostgreSQL the children use the test database itself. SQLite's test database lives in memory, so it is
copied to a file for the children (``push``) and copied back for the test's assertions (``pull``).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

WAIT_SECONDS = 120


class SharedDatabase:
    """The test's database as child processes see it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sqlite = connection.vendor == "sqlite"
        self.file = folder / "shared.sqlite3"

    @property
    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        config = connection.settings_dict
        password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
        port = f":{config['PORT']}" if config.get("PORT") else ""
        return f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}{port}/{config['NAME']}"

    def push(self) -> None:
        """Make the children see what the test has written."""
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)
                target.execute("PRAGMA journal_mode=WAL")

    def pull(self) -> None:
        """Make the test see what the children have written."""
        if self.sqlite:
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)

    def value(self, sql: str, params: list[Any]) -> Any:
        """One value read as the children wrote it (the test's ORM sees it only after ``pull`` on SQLite)."""
        if self.sqlite:
            with sqlite3.connect(self.file, timeout=30) as reader:
                row = reader.execute(sql, params).fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
        return row[0] if row else None

    def writing(self) -> bool:
        """SQLite: whether another connection holds the write lock (an import's transaction is open)."""
        reader = sqlite3.connect(self.file, timeout=0, isolation_level=None)
        try:
            reader.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        finally:
            reader.close()
        return False


def template_rows(rows: int) -> bytes:
    """An import file of the Ashyq template with ``rows`` comments received in September 2026."""
    lines = ["external_id,kind,author,text,clause,received_at"]
    lines += [f"K-{n},comment,Автор {n},Пікір мәтіні {n} жоба туралы,,2026-09-0{1 + n % 9}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def child_environment(database: SharedDatabase, **environment: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database.url,
        "ASHYQ_VAR_DIR": str(Path(settings.MEDIA_ROOT).parent),
        "ASHYQ_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_DEBUG": "false",
        **environment,
    }


def start_worker(database: SharedDatabase, worker_id: str, **environment: str) -> subprocess.Popen[bytes]:
    """``manage.py db_worker`` as a separate process on the shared database and the test's media folder."""
    env = child_environment(database, **environment)
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--no-reload", "--interval", "0.1"]
    command += ["--no-startup-delay", "--worker-id", worker_id, "--queue-name", "*"]
    log = (database.folder / f"{worker_id}.log").open("wb")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)  # noqa: S603


def start_server(database: SharedDatabase, port: int, **environment: str) -> subprocess.Popen[bytes]:
    """``manage.py runserver`` (threaded, as in ``make run``) on the shared database."""
    env = child_environment(database, DJANGO_ALLOWED_HOSTS="127.0.0.1", **environment)
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"]
    log = (database.folder / "server.log").open("wb")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)  # noqa: S603


def wait_for(condition: Callable[[], bool], what: str, worker: subprocess.Popen[bytes] | None = None) -> None:
    """Poll until the condition holds; fail with the worker's log when it never does or the worker exits."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if worker is not None and worker.poll() is not None:
            raise AssertionError(f"the worker exited ({worker.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT_SECONDS} s for {what}")
        time.sleep(0.05)


def kill(worker: subprocess.Popen[bytes]) -> None:
    """SIGKILL, as the out-of-memory killer or a restart does: no handler, no clean-up."""
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)


def stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill(worker)
