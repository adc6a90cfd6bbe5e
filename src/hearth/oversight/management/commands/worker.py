"""``hearth worker [--batch]``: run Hearth's background work (docs/live-oversight.md).

It takes tasks from the queues in the database (``django-tasks-db``): ``default`` (a save's
re-audit, the clock's quick work) and ``provider`` (work over every home of a provider), each
from a process of its own (this one starts the second), so that a re-audit never waits behind a
provider-wide run. Each minute it
enqueues the work that is due by the clock (the nightly audit, the digests). Run as many as you
like, on as many machines as share the database (PostgreSQL); ``--queues`` names the queues one
serves. ``--batch`` runs what is queued and stops (tests, the benchmark, a cron job).
"""

import logging
import os
import subprocess
import sys
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from hearth.oversight.scheduling import worker_heartbeat
from hearth.oversight.tasks import PROVIDER_QUEUE, strategy_indexes_publish, timed_work_enqueue

logger = logging.getLogger(__name__)
CLOCK_SECONDS = 60
QUEUES = ("default", PROVIDER_QUEUE)


class Command(BaseCommand):
    help = "Run Hearth's background work: re-audits after saves, the nightly audit, notifications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument(
            "--queues",
            default=",".join(QUEUES),
            help="The queues to serve, by name, separated by commas (default: both). Each is served by a "
            "process of its own, so a save's re-audit ('default') never waits behind provider-wide work ('provider').",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=0,
            help="Lower this process's priority by so much (0, the default, keeps it): give 10 on a machine the web "
            "server shares, if pages matter more there than how soon findings and notifications follow a save.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queues = list(dict.fromkeys(q.strip() for q in options["queues"].split(",") if q.strip()))
        unknown = sorted(set(queues) - set(QUEUES))
        if unknown or not queues:
            raise CommandError(
                f"--queues: name one or both of {', '.join(QUEUES)} (not {', '.join(unknown) or 'none'})."
            )
        if options["nice"] and hasattr(os, "nice"):
            os.nice(options["nice"])
        worker = _worker(queues[0], options)
        if options["batch"]:
            timed_work_enqueue()
            ran, failed = run_queued(worker, queues)
            self.stdout.write(f"Ran {ran} task(s).")
            if failed:
                raise CommandError(f"{len(failed)} task(s) failed: " + "; ".join(failed))
            return
        # Each further queue is served by a process of its own, started and stopped with this one:
        # in a thread, a provider-wide run held the interpreter's lock and slowed the re-audits
        # beside it for a minute at a time.
        children = _Children([_child_command(q, options) for q in queues[1:]])
        if queues[0] == PROVIDER_QUEUE:
            strategy_indexes_publish.enqueue()  # web requests load the indexes; none is stored yet after a deploy
        _warm_up()
        threading.Thread(target=_clock, daemon=True, name="hearth-clock").start()
        self.stdout.write(f"Hearth worker running, serving {' and '.join(queues)} (Ctrl-C to stop).")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            children.stop()


def _child_command(queue: str, options: dict[str, Any]) -> list[str]:
    argv = ["hearth", "worker", "--queues", queue, "--interval", str(options["interval"]), "--nice", "0"]
    return [
        sys.executable,
        "-c",
        f"from django.core.management import execute_from_command_line; execute_from_command_line({argv!r})",
    ]


class _Children:
    """Worker processes for the other queues: started now, started again if one stops, stopped
    with this one."""

    def __init__(self, commands: list[list[str]]) -> None:
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        self.commands = commands
        self.running = [self._start(c) for c in commands]
        self.stopping = False
        if commands:
            threading.Thread(target=self._watch, daemon=True, name="hearth-children").start()

    def _start(self, command: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(command, env=self.env)  # noqa: S603  (this interpreter, this command)

    def _watch(self) -> None:
        while not self.stopping:
            for i, process in enumerate(self.running):
                if process.poll() is not None and not self.stopping:
                    logger.error("A worker for another queue stopped (exit %s); starting it again", process.returncode)
                    self.running[i] = self._start(self.commands[i])
            time.sleep(5)

    def stop(self) -> None:
        self.stopping = True
        for process in self.running:
            process.terminate()
        for process in self.running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _warm_up() -> None:
    """Audit one home without storing anything, before taking tasks and before the first
    heartbeat: the rules' word lists and phrase indexes are built on first use, so the first
    save's re-audit does not pay for them."""
    from hearth.core.dates import today
    from hearth.homes.models import Home
    from hearth.oversight.engine import home_rule_codes, run_audit

    home = Home.objects.order_by("pk").first()
    if home is not None:
        run_audit(homes=[home], as_of=today(), codes=home_rule_codes())
    close_old_connections()


def _worker(queue: str, options: dict[str, Any]) -> Worker:
    return Worker(
        queue_names=[queue],
        interval=0 if options["batch"] else options["interval"],
        batch=options["batch"],
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_queued(worker: Worker, queues: list[str] | None = None) -> tuple[int, list[str]]:
    """Run every task in the queues (all if not given), one by one, until none is left (not waiting for a deferred one's
    time); how many ran, and the failures (task and error). Unlike the worker's loop this never closes the database connection,
    so it also runs inside a test's transaction."""
    ran, failed = 0, list[str]()
    while True:
        with exclusive_transaction():
            # Everything queued, including runs waiting for a burst of saves to settle; the
            # highest priority first, as the worker's own loop takes them.
            ready = DBTaskResult.objects.filter(status="READY", backend_name="default")
            found = (
                (ready if queues is None else ready.filter(queue_name__in=queues))
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
