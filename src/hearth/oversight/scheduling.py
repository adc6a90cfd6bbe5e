"""Keeping stored findings current: every change at a home asks for a re-audit of that home.

Every service that writes a record at a home writes an audit event naming the home (design.md,
convention 4), so one receiver here hears every save. After the save commits, a ``QueuedRun``
for the home is marked queued and one ``audit_home`` task is enqueued; while it waits, further
saves find it queued and enqueue nothing more, so a burst of saves makes one run. The task clears
the mark as it starts, so a save during a run asks for one more. The provider-wide comparisons
are coalesced the same way.
"""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from hearth.oversight.models import QueuedRun

logger = logging.getLogger(__name__)

# A home's re-audit waits this long after the save that asks for it, so that the saves of one
# burst (a form and the records it touches, a worker's run of entries) make one run.
SETTLE_SECONDS = 2


def home_audit_request(home_id: int) -> None:
    """Ask, once this transaction commits, for the home's findings to be worked out again."""
    from hearth.oversight.tasks import audit_home

    def enqueue() -> None:
        later = timezone.now() + datetime.timedelta(seconds=SETTLE_SECONDS)
        audit_home.using(run_after=later).enqueue(home_id)

    def request() -> None:
        # The save has committed: a failure to queue must not turn it into an error page. The
        # nightly audit, and the next save, catch up.
        try:
            run_request(f"home:{home_id}", enqueue)
        except DatabaseError:
            logger.exception("Could not queue a re-audit of home %s", home_id)

    transaction.on_commit(request)


def run_request(name: str, enqueue: Callable[[], Any]) -> bool:
    """Mark the run ``name`` queued and call ``enqueue``, unless it is queued already. True if
    this call enqueued it."""
    now = timezone.now()
    if QueuedRun.objects.filter(name=name, queued=False).update(queued=True, requested_at=now):
        enqueue()
        return True
    try:
        with transaction.atomic():
            QueuedRun.objects.create(name=name, queued=True, requested_at=now)
    except IntegrityError:
        return False  # there already, queued by another process a moment ago
    enqueue()
    return True


def run_started(name: str) -> None:
    """A worker has started the run ``name``: saves from now on ask for another."""
    QueuedRun.objects.filter(name=name).update(queued=False)


def audit_event_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """``post_save`` of an audit event: a record changed at its home."""
    if created and instance.home_id is not None:
        home_audit_request(instance.home_id)


HEARTBEAT = "worker:alive"
HEARTBEAT_SECONDS = 150  # a worker's clock beats each minute; two missed beats and it is gone


def worker_heartbeat() -> None:
    """A worker is running (its clock calls this each minute)."""
    QueuedRun.objects.update_or_create(name=HEARTBEAT, defaults={"requested_at": timezone.now()})


def worker_running() -> bool:
    """Whether a worker has beaten recently: then pages trust it to bring stored findings up to
    date after a save, rather than working them out themselves."""
    since = timezone.now() - datetime.timedelta(seconds=HEARTBEAT_SECONDS)
    return QueuedRun.objects.filter(name=HEARTBEAT, requested_at__gte=since).exists()
