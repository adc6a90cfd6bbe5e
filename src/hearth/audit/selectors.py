"""Reads of history: field-level versions (simple-history) and audit events, for a person to read."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet

from hearth.audit.models import AccessEvent, AuditEvent
from hearth.core.models import HearthModel

HIDDEN_FIELDS = {"updated_at", "updated_by", "version", "created_at", "created_by", "public_id"}
REF_MARK = "\x00ref:"


def _concern_labels() -> dict[str, str]:
    from hearth.risk.indicators import CATEGORY_LABELS

    return dict(CATEGORY_LABELS)


def _domain_labels() -> dict[str, str]:
    from hearth.risk.domains import DOMAINS

    return dict(DOMAINS)


# Lists of codes kept in a record, shown by their names (``cse`` is "Child sexual exploitation").
LIST_LABELS = {"indicator_categories": _concern_labels, "risk_domains": _domain_labels}


def _named_refs(refs: dict[Any, set[Any]]) -> dict[str, str]:
    """The names of the records referred to: one query per kind of record."""
    names: dict[str, str] = {}
    for related, pks in refs.items():
        for pk, obj in related._default_manager.in_bulk(list(pks)).items():
            name = obj.get_full_name() if hasattr(obj, "get_full_name") else ""
            names[f"{REF_MARK}{related._meta.label_lower}:{pk}"] = str(name or obj)
    return names


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


def _display(model: type[Model], name: str, value: Any, refs: dict[Any, set[Any]] | None = None) -> str:
    """A field's value in words. A reference to another record (a foreign key) is noted in ``refs``
    and named once they are all known (``_named_refs``), never shown as a bare number."""
    if value is None or value == "":
        return "(blank)"
    f = model._meta.get_field(name)
    related: Any = f.related_model
    if f.is_relation and f.many_to_one and refs is not None and related is not None:
        refs.setdefault(related, set()).add(value)
        return f"{REF_MARK}{related._meta.label_lower}:{value}"
    labels = LIST_LABELS.get(name)
    if labels is not None and isinstance(value, list):
        return ", ".join(str(labels().get(v, v)) for v in value) or "(none)"
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
    refs: dict[Any, set[Any]] = {}
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
                        _display(model, c.field, c.old, refs),
                        _display(model, c.field, c.new, refs),
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
    named = _named_refs(refs) if refs else {}
    for entry in entries:
        entry.changes = [
            FieldChange(c.field, named.get(c.old, _gone(c.old)), named.get(c.new, _gone(c.new))) for c in entry.changes
        ]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def _gone(value: str) -> str:
    return "(a record no longer there)" if value.startswith(REF_MARK) else value


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
