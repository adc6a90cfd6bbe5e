"""``hearth worker [--batch]``: run Hearth's background work (docs/live-oversight.md).

It takes tasks from the queue in the database (``django-tasks-db``) one at a time, and each
minute enqueues the work that is due by the clock (the nightly audit, the digests). Run as many
as you like, on as many machines as share the database (PostgreSQL); ``--batch`` runs what is
queued and stops (tests, the benchmark, a cron job).
"""

import os
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from hearth.oversight.scheduling import worker_heartbeat
from hearth.oversight.tasks import strategy_indexes_publish, timed_work_enqueue

CLOCK_SECONDS = 60


class Command(BaseCommand):
    help = "Run Hearth's background work: re-audits after saves, the nightly audit, notifications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument(
            "--nice",
            type=int,
            default=10,
            help="Lower this process's priority by so much (0 to keep it): on a shared machine the web server comes first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nice"] and hasattr(os, "nice"):
            os.nice(options["nice"])
        worker = Worker(
            queue_names=["default"],
            interval=0 if options["batch"] else options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if options["batch"]:
            timed_work_enqueue()
            ran, failed = run_queued(worker)
            self.stdout.write(f"Ran {ran} task(s).")
            if failed:
                raise CommandError(f"{len(failed)} task(s) failed: " + "; ".join(failed))
            return
        strategy_indexes_publish.enqueue()  # web requests load the indexes; none is stored yet after a deploy
        threading.Thread(target=_clock, daemon=True, name="hearth-clock").start()
        self.stdout.write("Hearth worker running (Ctrl-C to stop).")
        worker.configure_signals()
        worker.run()


def run_queued(worker: Worker) -> tuple[int, list[str]]:
    """Run every task in the queue, one by one, until none is left (not waiting for a deferred one's
    time); how many ran, and the failures (task and error). Unlike the worker's loop this never closes the database connection,
    so it also runs inside a test's transaction."""
    ran, failed = 0, list[str]()
    while True:
        with exclusive_transaction():
            # Everything queued, including runs waiting for a burst of saves to settle; the
            # highest priority first, as the worker's own loop takes them.
            found = (
                DBTaskResult.objects.filter(status="READY", backend_name="default")
                .order_by("-priority", "enqueued_at")
                .get_locked()
            )
            if found is not None:
                found.claim(worker.worker_id)
        if found is None:
            return ran, failed
        worker.run_task(found)
        ran += 1
        found.refresh_from_db()
        if found.status == "FAILED":
            failed.append(f"{found.task_path}: {found.exception_class_path}")


def _clock() -> None:
    """Each minute, say this worker is alive and enqueue the work that is due by the clock."""
    while True:
        try:
            worker_heartbeat()
            timed_work_enqueue()
        finally:
            close_old_connections()
        time.sleep(CLOCK_SECONDS)
