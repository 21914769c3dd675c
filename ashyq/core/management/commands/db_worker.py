"""``manage.py db_worker``: django-tasks-db's worker, which also finds the work of dead workers (ADR 0045).

The worker holds its liveness lock for its whole life, sweeps the task rows of dead workers when it starts,
then every ``ASHYQ_WORKER_SWEEP_SECONDS`` from a thread of its own while it runs tasks.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import ExitStack
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from ashyq.core.workers import WorkerIdInUse, sweep_lost_work, worker_liveness

logger = logging.getLogger("django_tasks_db")


class Command(DatabaseWorkerCommand):
    help = "Run a task worker that also retries or fails the tasks of workers that died."

    def handle(self, *args: Any, **options: Any) -> None:
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            super().handle(*args, **options)  # the reloader's parent only starts the worker process
            return
        worker_id, backend_name = options["worker_id"], options["backend_name"]
        with ExitStack() as stack:
            try:
                stack.enter_context(worker_liveness(worker_id))
            except WorkerIdInUse as error:
                raise CommandError(str(error)) from None
            _sweep(worker_id, backend_name, starting=True)
            stop = threading.Event()
            stack.callback(stop.set)
            sweeper = threading.Thread(
                target=_sweep_every, args=(stop, worker_id, backend_name), name="lost-work-sweeper", daemon=True
            )
            sweeper.start()
            super().handle(*args, **options)


def _sweep(worker_id: str, backend_name: str, *, starting: bool = False) -> None:
    try:
        sweep_lost_work(backend_name=backend_name, own_worker_id=worker_id, starting=starting)
    except Exception:  # a locked SQLite database or a lost connection: the next sweep tries again
        logger.exception("The sweep for the work of dead workers stopped; it runs again later.")
    finally:
        connections.close_all()  # this thread's connections only


def _sweep_every(stop: threading.Event, worker_id: str, backend_name: str) -> None:
    while not stop.wait(settings.ASHYQ_WORKER_SWEEP_SECONDS):
        _sweep(worker_id, backend_name)
