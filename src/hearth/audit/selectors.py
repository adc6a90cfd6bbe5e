"""Reads of history: field-level versions (simple-history) and audit events, for a person to read."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet

from hearth.audit.models import AccessEvent, AuditEvent
from hearth.core.models import HearthModel

HIDDEN_FIELDS = {"updated_at", "updated_by", "version", "created_at", "created_by", "public_id"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime.datetime
    who: str
    record: str
    kind: str  # "Created", "Changed", "Deleted"
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model: type[Model], name: str, value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    f = model._meta.get_field(name)
    choices = dict(f.flatchoices) if getattr(f, "choices", None) else None  # type: ignore[union-attr]
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    if isinstance(value, datetime.date):
        return value.strftime("%d %B %Y")
    return str(value)


def _who(version: Any) -> str:
    user = version.history_user
    if user is None:
        return "Hearth (bundle load or system)"
    return user.get_full_name() or user.username


def history_entries(*, records: Iterable[HearthModel]) -> list[HistoryEntry]:
    """Every version of the given records, newest first, each with its field changes.

    One query per model type (versions with their users), whatever the number of versions.
    """
    by_model: dict[type[HearthModel], list[int]] = {}
    names: dict[tuple[type[HearthModel], int], str] = {}
    for r in records:
        by_model.setdefault(type(r), []).append(r.pk)
        names[type(r), r.pk] = str(r)  # named once from the record, not per version
    entries: list[HistoryEntry] = []
    for model, pks in by_model.items():
        label = str(model._meta.verbose_name).capitalize()
        versions = list(
            model.history.filter(id__in=pks).select_related("history_user").order_by("id", "history_date", "history_id")  # type: ignore[attr-defined]
        )
        previous: dict[int, Any] = {}
        for v in versions:
            prior = previous.get(v.id)
            changes = []
            if prior is not None:
                delta = v.diff_against(prior)
                changes = [
                    FieldChange(
                        str(getattr(model._meta.get_field(c.field), "verbose_name", c.field)).capitalize(),
                        _display(model, c.field, c.old),
                        _display(model, c.field, c.new),
                    )
                    for c in delta.changes
                    if c.field not in HIDDEN_FIELDS
                ]
            previous[v.id] = v
            kind = {"+": "Created", "~": "Changed", "-": "Deleted"}[v.history_type]
            if kind == "Changed" and not changes:
                continue
            entries.append(
                HistoryEntry(
                    v.history_date,
                    _who(v),
                    f"{label}: {names[model, v.id]}",
                    kind,
                    v.history_change_reason or "",
                    changes,
                )
            )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def audit_events_for(*, records: Iterable[HearthModel], home: Any = None) -> QuerySet[AuditEvent]:
    """The changes made to the records; with ``home``, only those made there (or at no home)."""
    events = AuditEvent.objects.filter(object_id__in=[r.public_id for r in records])
    if home is not None:
        events = events.filter(Q(home=home) | Q(home__isnull=True))
    return events.select_related("actor")


def access_events_for_child(*, child: Any, home: Any, limit: int = 50) -> QuerySet[AccessEvent]:
    """Who opened the child's record at this home (not at a home the child lived at before or since)."""
    return AccessEvent.objects.filter(child=child, home=home).select_related("user", "home")[:limit]


def access_events_for_staff_member(*, member: Any, limit: int = 50) -> QuerySet[AccessEvent]:
    """Who opened the staff member's file (their home's managers, the RI, the Reg 44 visitor)."""
    return AccessEvent.objects.filter(staff_member=member).select_related("user", "home")[:limit]
