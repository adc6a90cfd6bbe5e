"""Forms are pressed twice: a double click, a retried request, Back and Save again. Each must
return the record the first press made, never make a second.

Every POST form carries a one-time key (``{% submission_key %}`` beside ``{% csrf_token %}``).
:func:`submit_once` stores the key in the same transaction as the record, so of two presses only
one can save: the other finds the key (after waiting for the first press's transaction, on
PostgreSQL) and is sent to the first record. Back can also reload a form with a new key (a page
that may not be cached is fetched again); so a form that creates a record also remembers what was
sent, and the same fields sent again by the same person within ``HEARTH_RESUBMISSION_HOURS`` are
the same record. An edit form does not: sending an earlier value back is a real change.
"""

import datetime
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from hearth.core.models import Submission

SUBMISSION_FIELD = "submission_key"
KEPT = datetime.timedelta(days=7)
_NOT_SENT = {SUBMISSION_FIELD, "csrfmiddlewaretoken"}
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """Where to go after a press: the record's page, and whether an earlier press made it."""

    url: str
    repeated: bool
    saved_at: datetime.datetime


def key_for(request: HttpRequest) -> str:
    """The key a form page renders: the one it was sent with (shown again after an error), else new."""
    sent = _parse_key(request.POST.get(SUBMISSION_FIELD)) if request.method == "POST" else None
    return str(sent or uuid.uuid4())


def _parse_key(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def fingerprint(request: HttpRequest) -> str:
    """What was sent, in a stable order, without the keys that change with every page load."""
    digest = hashlib.sha256(request.path.encode())
    for name in sorted(set(request.POST) - _NOT_SENT):
        for value in request.POST.getlist(name):
            digest.update(f"\0{name}={value}".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\0{name}:{upload.name}:{upload.size}".encode())
    return digest.hexdigest()


def _user_id(request: HttpRequest) -> int:
    """The signed-in person (every form sits behind a policy that requires one)."""
    pk = request.user.pk
    if pk is None:
        raise PermissionError("Forms are sent by a signed-in person.")
    return int(pk)


def _earlier(request: HttpRequest, key: uuid.UUID | None, sent: str) -> tuple[Submission | None, bool]:
    """The earlier press by this person that this one repeats (by its key, or for a create form by
    what was sent), and whether the key is someone else's (copied or forged): one query."""
    mine = _user_id(request)
    found = Q(key=key) if key else Q(pk__in=[])
    if sent:
        since = timezone.now() - datetime.timedelta(hours=settings.HEARTH_RESUBMISSION_HOURS)
        found |= Q(user_id=mine, path=request.path, fingerprint=sent, created_at__gte=since)
    rows = list(Submission.objects.filter(found).order_by("created_at"))
    repeat = next((row for row in rows if row.user_id == mine), None)
    return repeat, any(row.key == key and row.user_id != mine for row in rows)


def submit_once(request: HttpRequest, *, save: Callable[[], T], then: Callable[[T], str], creates: bool) -> Outcome:
    """Run ``save`` (a service call) unless this press repeats an earlier one; say where to go.

    ``creates``: the form makes a new record, so the same fields sent again are a repeat too.
    A service's ValidationError propagates, and the key is not spent: the person corrects the
    form and sends it again.
    """
    key = _parse_key(request.POST.get(SUBMISSION_FIELD))
    sent = fingerprint(request) if creates else ""
    earlier, someone_elses = _earlier(request, key, sent)
    if earlier is not None:
        return Outcome(earlier.result_url, True, earlier.created_at)
    if someone_elses:
        key = None  # it says nothing about this press
    try:
        with transaction.atomic():
            now = timezone.now()
            claim = Submission.objects.create(
                key=key or uuid.uuid4(), user_id=_user_id(request), path=request.path, fingerprint=sent, created_at=now
            )
            url = then(save())
            claim.result_url = url
            claim.save(update_fields=["result_url"])
            # Keys are kept long enough for any repeat; older ones say nothing more.
            Submission.objects.filter(user_id=claim.user_id, created_at__lt=now - KEPT).delete()
    except IntegrityError:
        # Another press with the same key saved first; go where it went.
        earlier, _ = _earlier(request, key, sent)
        if earlier is None:
            raise
        return Outcome(earlier.result_url, True, earlier.created_at)
    return Outcome(url, False, now)
