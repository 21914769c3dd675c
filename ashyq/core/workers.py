"""Background work that survives its worker's death (issue 16 item 1; ADR 0045).

Every task worker (``manage.py db_worker``, ours) holds a *liveness lock* for as long as its process lives:
a PostgreSQL advisory lock on a connection of its own, or an ``flock`` on a file beside the SQLite database.
The operating system or the database server releases it the moment the process dies, whatever killed it
(SIGKILL, the out-of-memory killer, a restart), so no clock or heartbeat is involved: a task row left
RUNNING whose worker's lock can be taken belongs to a dead worker.

A worker sweeps such rows when it starts and every ``ASHYQ_WORKER_SWEEP_SECONDS`` afterwards. A task that
declares what to do when its worker is lost (``on_worker_lost``) is asked: while its attempts are below
``ASHYQ_TASK_ATTEMPTS`` it may run again (its row goes back to READY and a worker claims it as a new attempt;
work done in one transaction, like an import, is safe to redo because the dead attempt's transaction was rolled
back); on the last attempt it records, on its own job, a message the user can act on. A task that declares
nothing is marked failed.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils.module_loading import import_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 0x415351  # "ASQ": the first key of Ashyq's PostgreSQL advisory locks


class WorkerLost(Exception):
    """Recorded on a task row whose worker died while running it."""


class WorkerIdInUse(Exception):
    """Another live worker holds this worker id's liveness lock."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(f"another worker is running with the worker id {worker_id!r}; give each worker its own id")


# Told, inside the recovery's transaction, that a task's worker died, with the task's arguments and
# ``last_attempt``; returns True when the task should run again. On the last attempt the handler records on
# its job why it stopped and what the user can do, and returns False.
LostWorkHandler = Callable[..., bool]

_HANDLERS: dict[str, LostWorkHandler] = {}


def on_worker_lost(task: Any) -> Callable[[LostWorkHandler], LostWorkHandler]:
    """Declare what a task's job does when its worker dies (``@on_worker_lost(import_run)``)."""

    def register(handler: LostWorkHandler) -> LostWorkHandler:
        _HANDLERS[task.module_path] = handler
        return handler

    return register


def _lock_key(worker_id: str) -> int:
    return zlib.crc32(worker_id.encode()) - 2**31  # a signed 32-bit int, pg_advisory_lock's second key


def _lock_path(worker_id: str) -> Path:
    """Beside the SQLite file (every worker of one database sees the same folder); an in-memory database (the
    tests') is one process's own, so a folder of that process's temporary files serves."""
    name = hashlib.sha256(worker_id.encode()).hexdigest()[:32]
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        return Path(tempfile.gettempdir()) / f"ashyq-workers-{os.getpid()}" / f"{name}.lock"
    database = Path(str(connection.settings_dict["NAME"]))
    return database.parent / f"{database.name}.workers" / f"{name}.lock"


@contextmanager
def worker_liveness(worker_id: str) -> Iterator[None]:
    """Hold the worker's liveness lock while the block runs (the worker's whole life)."""
    if connection.vendor == "postgresql":
        holder = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with holder.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, _lock_key(worker_id)])
                if not cursor.fetchone()[0]:
                    raise WorkerIdInUse(worker_id)
            yield
        finally:
            holder.close()
        return
    path = _lock_path(worker_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WorkerIdInUse(worker_id) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            with suppress(FileNotFoundError):
                path.unlink()


def worker_alive(worker_id: str) -> bool:
    """Whether the worker's liveness lock is held by a live process (probed without keeping it)."""
    if connection.vendor == "postgresql":
        probe = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with probe.cursor() as cursor:
                key = [LOCK_NAMESPACE, _lock_key(worker_id)]
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
                taken = cursor.fetchone()[0]
                if taken:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)
            return not taken
        finally:
            probe.close()
    path = _lock_path(worker_id)
    try:
        handle: IO[str] = path.open("r")
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    with suppress(FileNotFoundError):
        path.unlink()
    return False


def sweep_lost_work(*, backend_name: str = "default", own_worker_id: str = "", starting: bool = False) -> list[str]:
    """Find task rows left RUNNING by dead workers and retry or fail each; returns what was done, one line each.

    The sweeping worker's own rows are its running task, except when it is ``starting``: then they were left by
    an earlier process that ran under the same worker id (a fixed ``--worker-id`` restarted by its supervisor).
    """
    done = []
    running = DBTaskResult.objects.running().filter(backend_name=backend_name).values_list("id", "worker_ids")
    for task_id, worker_ids in list(running):
        worker = worker_ids[-1] if worker_ids else ""
        if worker == own_worker_id and not starting:
            continue
        if worker and worker != own_worker_id and worker_alive(worker):
            continue
        try:
            outcome = _recover(task_id)
        except Exception:  # one task's job that cannot be recovered must not stop the others'
            logger.exception("The task %s of a dead worker could not be recovered.", task_id)
            continue
        if outcome:
            done.append(outcome)
    return done


def _recover(task_id: Any) -> str:
    with transaction.atomic():
        result = DBTaskResult.objects.select_for_update(skip_locked=True).filter(id=task_id).first()
        if result is None or result.status != TaskResultStatus.RUNNING:
            return ""
        attempts = len(result.worker_ids)
        last_attempt = attempts >= settings.ASHYQ_TASK_ATTEMPTS
        handler = _handler(result.task_path)
        again = handler is not None and handler(
            *result.args_kwargs["args"], last_attempt=last_attempt, **result.args_kwargs["kwargs"]
        )
        if again:
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            outcome = f"{result.task_path} {task_id}: its worker died during attempt {attempts}; queued again"
        else:
            result.set_failed(WorkerLost(f"the worker {result.worker_ids[-1:]} died during attempt {attempts}"))
            outcome = f"{result.task_path} {task_id}: its worker died during attempt {attempts}; marked failed"
    logger.warning("%s", outcome)
    return outcome


def _handler(task_path: str) -> LostWorkHandler | None:
    with suppress(ImportError):
        import_string(task_path)  # importing the task's module registers its handler
    return _HANDLERS.get(task_path)
