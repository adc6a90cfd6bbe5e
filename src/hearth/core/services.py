"""Shared write helpers: change a record's fields with a version check, never last-write-wins."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from hearth.core.models import HearthModel

Actor = AbstractBaseUser | AnonymousUser | None


class ConcurrentEditError(Exception):
    """Someone else changed the record after it was opened; their change must not be lost."""

    def __init__(self, instance: models.Model, expected: int, found: int) -> None:
        self.instance = instance
        super().__init__(
            f"{instance._meta.verbose_name} was changed by someone else "
            f"(you opened version {expected}, it is now version {found}); reload and try again."
        )


def actor_or_none(actor: Actor) -> Any:
    """The user to stamp on a record, or None for the system (bundle loads, demo set-up)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def apply_changes(
    *,
    instance: HearthModel,
    changes: dict[str, Any],
    actor: Actor,
    expected_version: int | None = None,
    reason: str = "",
) -> list[str]:
    """Set the given fields where they differ, bump the version, save; return the changed names.

    Nothing is saved (and no history version written) when nothing differs, which is what makes
    loading the same bundle twice change nothing. With ``expected_version`` the update only lands
    if the stored version is still the one the editor opened.
    """
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    if not changed:
        return []
    model = type(instance)
    if expected_version is not None:
        current = model._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        if current != expected_version:
            raise ConcurrentEditError(instance, expected_version, current or 0)
    for name in changed:
        setattr(instance, name, changes[name])
    instance.version = (instance.version or 0) + 1
    instance.updated_by = actor_or_none(actor)
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()
    return changed


def historical_time(actor: Actor, given: Any, field: str) -> Any:
    """A time a records bundle carries from the system it migrates from; a person always signs now.

    Returns ``given`` for a bundle load (no actor), the current time otherwise, and refuses a
    person's attempt to back-date a signature.
    """
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    if given is not None and actor_or_none(actor) is not None:
        raise ValidationError({field: "The time of signing is set by Hearth when a person signs."})
    return given or timezone.now()


def signature_name(actor: Actor) -> str:
    """The name an entry is signed with: the author's full name, fixed at the time of writing."""
    user = actor_or_none(actor)
    if user is None:
        return "Hearth (records bundle)"
    return str(user.get_full_name() or user.get_username())
