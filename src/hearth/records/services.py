"""Writes for the daily record: log entries, addenda, reviews, concern responses and outings."""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, historical_time, sign_off, signature_name, void
from hearth.core.validation import (
    CLOCK_SKEW,
    check_addendum,
    check_children_placed,
    check_not_future,
    check_staff_of_home,
)
from hearth.homes.models import Home
from hearth.records.models import ConcernResponse, LogEntry, LogEntryAddendum, Outing
from hearth.risk.indicators import LEXICON_VERSION, categories_in
from hearth.staff.models import StaffMember


@transaction.atomic
def log_entry_create(
    *,
    actor: Actor,
    home: Home,
    children: Sequence[Child],
    occurred_at: datetime.datetime,
    text: str,
    kind: str = LogEntry.Kind.DAILY,
    external_id: str | None = None,
    author_name: str | None = None,
    recorded_at: datetime.datetime | None = None,
) -> LogEntry:
    """Write and sign a log entry (Reg 36). Indicators found in the text are stored with it."""
    if not text.strip():
        raise ValidationError({"text": "Write what happened."})
    if not children:
        raise ValidationError({"children": "Choose at least one child the entry is about."})
    recorded_at = historical_time(actor, recorded_at, "recorded_at")
    check_not_future(occurred_at, "occurred_at", "The time of the event")
    if occurred_at > recorded_at + CLOCK_SKEW:
        raise ValidationError({"occurred_at": "The event cannot happen after it was written down."})
    check_children_placed(children, home, timezone.localtime(occurred_at).date())
    found = categories_in(text)
    entry = LogEntry.objects.create(
        external_id=external_id,
        home=home,
        author=actor_or_none(actor),
        author_name=author_name or signature_name(actor),
        occurred_at=occurred_at,
        recorded_at=recorded_at,
        kind=kind,
        text=text.strip(),
        indicator_categories=sorted(found),
        indicator_matches=found,
        lexicon_version=LEXICON_VERSION,
        created_by=actor_or_none(actor),
    )
    # A new entry has no children yet: the links are inserted without ``set``'s look for existing ones.
    link = LogEntry.children.through
    link.objects.bulk_create([link(logentry_id=entry.pk, child_id=child.pk) for child in dict.fromkeys(children)])
    audit_event_record(actor=actor, action="log_entry.created", obj=entry, home=home)
    return entry


@transaction.atomic
def log_entry_add_addendum(
    *,
    actor: Actor,
    entry: LogEntry,
    reason: str,
    text: str,
    author_name: str | None = None,
    external_id: str | None = None,
) -> LogEntryAddendum:
    """Correct or add to a signed entry: the entry stays as written, the addendum is signed too."""
    check_addendum(reason, text, "entry")
    addendum = LogEntryAddendum.objects.create(
        external_id=external_id,
        entry=entry,
        author=actor_or_none(actor),
        author_name=author_name or signature_name(actor),
        reason=reason.strip(),
        text=text.strip(),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="log_entry.addendum_added", obj=entry, home=entry.home, reason=reason)
    return addendum


@transaction.atomic
def log_entry_review(
    *, actor: Actor, entry: LogEntry, comment: str = "", at: datetime.datetime | None = None
) -> LogEntry:
    """A manager reads and signs an entry; corrections after this are addenda only."""
    when = f"{timezone.localtime(entry.reviewed_at):%d %B %Y at %H:%M}" if entry.reviewed_at else ""
    sign_off(
        actor=actor,
        obj=entry,
        fields=("reviewed_at", "reviewed_by", "review_comment"),
        comment=comment,
        at=at,
        home=entry.home,
        action="log_entry.reviewed",
        reason="Manager review",
        already=f"Already signed by a manager on {when}.",
        separation=("log_entry_review", [entry.created_by], "You wrote this entry, so another manager signs it."),
    )
    return entry


@transaction.atomic
def concern_respond(
    *,
    actor: Actor,
    entry: LogEntry,
    response: str,
    reason: str = "",
    incident: Any = None,
    external_id: str | None = None,
    responded_at: datetime.datetime | None = None,
) -> ConcernResponse:
    """Record what was done about a possible concern the indicators found (a human decides).

    A person answers now; a records bundle carries when the old system's answer was given. A carried
    answer is kept even where today's detector finds nothing in the entry: it is a record of what a
    person decided about the prompt they were shown."""
    if not entry.indicator_categories and responded_at is None:
        raise ValidationError({"response": "This entry raised no possible concern."})
    if response not in ConcernResponse.Response.values:
        raise ValidationError({"response": "Choose what was done about the possible concern."})
    if response == ConcernResponse.Response.NO_CONCERN and not reason.strip():
        raise ValidationError({"reason": "Say why this is not a concern."})
    if response == ConcernResponse.Response.INCIDENT_RAISED and incident is None:
        raise ValidationError({"incident": "Link the incident that was raised."})
    answer = ConcernResponse.objects.create(
        external_id=external_id,
        entry=entry,
        response=response,
        reason=reason.strip(),
        incident=incident,
        responded_by=actor_or_none(actor),
        responded_at=historical_time(actor, responded_at, "responded_at"),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action=f"concern.{response}", obj=entry, home=entry.home, reason=reason)
    return answer


# The kind of incident a possible concern most likely is, most serious first (never a default).
CONCERN_INCIDENT_TYPES: tuple[tuple[str, str], ...] = (
    ("cse", "exploitation"),
    ("cce", "exploitation"),
    ("exploitation", "exploitation"),
    ("self_harm", "self_harm"),
    ("online_harm", "exploitation"),
    ("bullying", "bullying"),
    ("radicalisation", "other"),
    ("missing", "other"),
)


def concern_incident_type(categories: Sequence[str]) -> str:
    """The incident type to offer for an entry's possible-concern categories."""
    return next((kind for category, kind in CONCERN_INCIDENT_TYPES if category in categories), "other")


@transaction.atomic
def concern_incident_raise(*, actor: Actor, entry: LogEntry, **incident: Any) -> Any:
    """Raise an incident from a log entry's possible concern, and answer the concern with it, in one
    go: the entry leaves the manager's concern queue (rules.md protection.concern_not_actioned)."""
    from hearth.incidents.services import incident_create

    if entry.concern_responses.exists():
        raise ValidationError("This possible concern has already been answered; the entry shows how.")
    raised = incident_create(actor=actor, home=entry.home, **incident)
    concern_respond(actor=actor, entry=entry, response=ConcernResponse.Response.INCIDENT_RAISED, incident=raised)
    return raised


@transaction.atomic
def outing_create(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    kind: str,
    destination: str,
    starts_at: datetime.datetime,
    staff: Sequence[StaffMember] = (),
    address: str = "",
    ends_at: datetime.datetime | None = None,
    address_verified: bool = False,
    verification: str = "",
    adults: list[dict[str, Any]] | None = None,
    notes: str = "",
    external_id: str | None = None,
    author_name: str | None = None,
) -> Outing:
    """Record where a child went or was taken, with whom, and what was checked (Reg 12(2)(a))."""
    adults = adults or []
    errors = {}
    if address_verified and not verification.strip():
        errors["verification"] = "Say how the address was checked and by whom."
    if ends_at is not None and ends_at < starts_at:
        errors["ends_at"] = "The end is before the start."
    for i, adult in enumerate(adults):
        if not str(adult.get("name", "")).strip():
            errors["adults"] = (
                f"Adult {i + 1}: give a name, or describe them if unknown (e.g. 'unknown man, about 30')."
            )
    if errors:
        raise ValidationError(errors)
    check_children_placed([child], home, timezone.localtime(starts_at).date(), field="child")
    check_staff_of_home(staff, home)
    outing = Outing.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        kind=kind,
        destination=destination,
        address=address,
        starts_at=starts_at,
        ends_at=ends_at,
        address_verified=address_verified,
        verification=verification.strip(),
        adults=[
            {
                "name": a["name"].strip(),
                "relationship": a.get("relationship", ""),
                "identified": bool(a.get("identified")),
            }
            for a in adults
        ],
        notes=notes,
        author=actor_or_none(actor),
        author_name=author_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    outing.staff.set(staff)
    audit_event_record(actor=actor, action="outing.created", obj=outing, home=home)
    return outing


@transaction.atomic
def log_entry_void(*, actor: Actor, entry: LogEntry, comment: str) -> LogEntry:
    """Void an entry written twice (Reg 36: a signed record is never deleted; see core.services.void)."""
    void(actor=actor, obj=entry, comment=comment, home=entry.home, action="log_entry.voided")
    return entry


@dataclass(frozen=True)
class SignedTogether:
    """What signing several routine entries at once did: those signed, and each one refused with why."""

    signed: list[LogEntry]
    refused: list[tuple[LogEntry, str]]
    not_found: int  # ids not of this home's entries (another home's, or voided)
    already_yours: int = 0  # signed by this manager already (the button pressed twice)


MAX_SIGNED_TOGETHER = 200


def log_entries_review_together(
    *, actor: Actor, home: Home, entry_ids: Sequence[Any], comment: str = ""
) -> SignedTogether:
    """A manager signs routine entries they have read, with one comment (Reg 13 oversight of the
    daily record). Each is signed on its own, as ``log_entry_review`` signs one: an entry holding a
    possible concern not yet answered is left for its own decision, one the manager wrote is left
    for another manager, and one already signed keeps its first signature."""
    wanted = list(dict.fromkeys(str(i) for i in entry_ids))
    if not wanted:
        raise ValidationError({"entries": "Choose the entries you have read and are signing."})
    if len(wanted) > MAX_SIGNED_TOGETHER:
        raise ValidationError({"entries": f"Sign at most {MAX_SIGNED_TOGETHER} entries at once."})
    entries = list(
        LogEntry.objects.filter(home=home, public_id__in=[u for u in map(_uuid_or_none, wanted) if u])
        .prefetch_related("concern_responses")
        .order_by("occurred_at", "id")
    )
    signed: list[LogEntry] = []
    refused: list[tuple[LogEntry, str]] = []
    user = actor_or_none(actor)
    already_yours = 0
    for entry in entries:
        if entry.reviewed_at is not None and user is not None and entry.reviewed_by_id == user.pk:
            already_yours += 1
            continue
        if entry.indicator_categories and not entry.concern_responses.all():
            refused.append((entry, "It holds a possible concern: raise an incident or say why not, from the entry."))
            continue
        try:
            with transaction.atomic():
                log_entry_review(actor=actor, entry=entry, comment=comment)
        except ValidationError as exc:
            refused.append((entry, " ".join(exc.messages)))
        else:
            signed.append(entry)
    return SignedTogether(signed, refused, len(wanted) - len(entries), already_yours)


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
