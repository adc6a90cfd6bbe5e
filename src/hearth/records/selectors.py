"""Reads of the daily record."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hearth.children.models import Child
from hearth.core.dates import day_start
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.records.models import LogEntry, LogEntryAddendum, Outing


def log_entries_for_home(*, home: Home, limit: int | None = 100) -> QuerySet[LogEntry]:
    """Newest first; ``limit=None`` for all of them (to be paged)."""
    entries = (
        LogEntry.objects.filter(home=home)
        .prefetch_related("children", "concern_responses")
        .select_related("reviewed_by")
        .order_by("-occurred_at", "-id")
    )
    return entries if limit is None else entries[:limit]


def log_entry_detail(*, home: Home, entry_id: Any) -> LogEntry | None:
    return (
        LogEntry.with_voided.filter(home=home)  # a voided entry's own page says it is void
        .select_related("voided_by")
        .prefetch_related(
            "children",
            Prefetch("addenda", queryset=LogEntryAddendum.objects.order_by("created_at")),
            "concern_responses",
        )
        .filter(public_id=entry_id)
        .first()
    )


def outings_for_home(*, home: Home, limit: int | None = 100) -> QuerySet[Outing]:
    """Newest first; ``limit=None`` for all of them (to be paged)."""
    outings = (
        Outing.objects.filter(home=home).select_related("child").prefetch_related("staff").order_by("-starts_at", "-id")
    )
    return outings if limit is None else outings[:limit]


@dataclass(frozen=True)
class ChronologyItem:
    at: datetime.datetime
    kind: str  # "log" or "incident"
    type_code: str
    type_label: str
    summary: str
    record: Any
    withheld: bool = False  # about another child whose record the viewer may not read


def chronology_filters() -> list[tuple[str, str]]:
    """The types a chronology can be filtered by: log entry kinds, then incident types."""
    return [(f"log:{v}", str(label)) for v, label in LogEntry.Kind.choices] + [
        (f"incident:{v}", str(label)) for v, label in Incident.Type.choices
    ]


def child_chronology(
    *,
    child: Child,
    home: Home,
    type_filter: str = "",
    limit: int = 300,
    readable_child_ids: set[int] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[ChronologyItem]:
    """Log entries and incidents about the child at this home, newest first: three queries, whatever
    the size. An entry that is also about a child outside ``readable_child_ids`` (``None``: every
    child; see ``policies.children_readable_by``) is listed as withheld, without its words."""
    kind, _, code = type_filter.partition(":")
    items: list[ChronologyItem] = []
    when = Q()
    if date_from:
        when &= Q(occurred_at__gte=day_start(date_from))
    if date_to:
        when &= Q(occurred_at__lt=day_start(date_to + datetime.timedelta(days=1)))
    if kind in ("", "log"):
        entries = LogEntry.objects.filter(when, home=home, children=child).prefetch_related("children")
        if code:
            entries = entries.filter(kind=code)
        for e in entries.order_by("-occurred_at")[:limit]:
            withheld = readable_child_ids is not None and any(c.pk not in readable_child_ids for c in e.children.all())
            text = "" if withheld else e.text
            items.append(ChronologyItem(e.occurred_at, "log", e.kind, e.get_kind_display(), text, e, withheld))
    if kind in ("", "incident"):
        incidents = Incident.objects.filter(when, home=home, involved_children__child=child)
        if code:
            incidents = incidents.filter(type=code)
        for i in incidents.order_by("-occurred_at")[:limit]:
            items.append(ChronologyItem(i.occurred_at, "incident", i.type, i.get_type_display(), i.what_happened, i))
    items.sort(key=lambda it: it.at, reverse=True)
    return items[:limit]
