"""Two people editing one record: the edit form carries the version it was opened at, and the one
who saves second is shown what changed meanwhile, keeping everything they typed.

``form_page(version_of=record)`` adds the hidden version field; the service's ``apply_changes``
(core.services.claim_next_version) refuses a stale version in one conditional UPDATE. Then
:func:`merge_conflict` puts the other person's changes onto the form wherever this person left the
field as it was when they opened it, keeps their own changes where they made one, and says so.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from hearth.core.services import ConcurrentEditError

VERSION_FIELD = "expected_version"


def versioned(form: forms.Form, record: Any) -> None:
    """Give ``form`` a hidden field holding the version of ``record`` it was opened at."""
    form.fields[VERSION_FIELD] = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "This page is out of date: open the record again and make your change."},
    )
    form.initial.setdefault(VERSION_FIELD, record.version)


@dataclass(frozen=True)
class Meanwhile:
    """A field someone else changed after this person opened the form."""

    label: str
    was: str
    now: str
    also_typed: bool  # this person changed it too: their value stays on the form


def _words(value: Any) -> str:
    if value in (None, ""):
        return "blank"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%-d %B %Y, %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _opened(record: Any, version: int) -> Any:
    """The record as it stood at ``version`` (its history row), or None if not kept."""
    history = getattr(type(record), "history", None)
    if history is None:
        return None
    return history.filter(id=record.pk, version=version).order_by("-history_id").first()


def merge_conflict(form: forms.Form, exc: ConcurrentEditError) -> list[Meanwhile]:
    """After a refused stale save: refresh the form's version, take the other person's value for
    each field this person did not touch, and return what changed meanwhile (for the message)."""
    record: Any = type(exc.instance)._base_manager.get(pk=exc.instance.pk)
    opened = _opened(record, exc.expected)
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict
    data[VERSION_FIELD] = str(record.version)
    changes: list[Meanwhile] = []
    cleaned = getattr(form, "cleaned_data", {})
    for name, field in form.fields.items():
        if (
            name == VERSION_FIELD
            or opened is None
            or not hasattr(opened, name)
            or isinstance(field.widget, forms.SelectMultiple)
        ):
            continue
        was, now = getattr(opened, name), getattr(record, name)
        if was == now or (was in (None, "") and now in (None, "")):
            continue
        typed = cleaned.get(name, was)
        also_typed = typed != was and not (typed in (None, "") and was in (None, ""))
        if not also_typed:
            shown = field.prepare_value(now)
            data[name] = "" if shown is None else field.widget.format_value(shown) or ""
        changes.append(Meanwhile(str(field.label or name), _words(was), _words(now), also_typed))
    form.data = data
    return changes


def conflict_message(exc: ConcurrentEditError, changes: list[Meanwhile]) -> str:
    """What the second person to save is told, in plain words."""
    what = exc.instance._meta.verbose_name
    if not changes:
        return f"Someone else saved this {what} while you had it open. Check the form and save again."
    parts = []
    for c in changes:
        if c.also_typed:
            parts.append(f"{c.label}: they changed it from {c.was} to {c.now}; your change is kept on the form")
        else:
            parts.append(f"{c.label}: {c.was} became {c.now}, now shown on the form")
    return (
        f"Someone else saved this {what} while you had it open, so nothing of yours was saved yet. "
        f"Meanwhile: {'; '.join(parts)}. Everything else you typed is kept: check it and save again."
    )
