"""Shared write helpers: change a record's fields with a version check, never last-write-wins."""

from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from hearth.core.models import HearthModel

Actor = AbstractBaseUser | AnonymousUser | None
M = TypeVar("M", bound=HearthModel)


class ConcurrentEditError(Exception):
    """Someone else changed the record after it was opened; their change must not be lost."""

    def __init__(self, instance: models.Model, expected: int, found: int) -> None:
        self.instance = instance
        self.expected = expected
        self.found = found
        super().__init__(
            f"{instance._meta.verbose_name} was changed by someone else "
            f"(you opened version {expected}, it is now version {found}); reload and try again."
        )


def actor_or_none(actor: Actor) -> Any:
    """The user to stamp on a record, or None for the system (bundle loads, demo set-up)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def claim_next_version(instance: Any, expected_version: int | None = None) -> None:
    """Move the stored record from ``expected_version`` (default: the version ``instance`` was read
    at) to the next, in one conditional UPDATE that locks the row for the rest of the transaction;
    ``ConcurrentEditError`` if someone else got there first. The caller then saves its changes."""
    model = type(instance)
    expected = (instance.version or 0) if expected_version is None else expected_version
    if not model._base_manager.filter(pk=instance.pk, version=expected).update(version=expected + 1):
        current = model._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        raise ConcurrentEditError(instance, expected, current or 0)
    instance.version = expected + 1


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
    loading the same bundle twice change nothing. The update lands only if the stored version is
    still ``expected_version`` (the one the editor's form was opened at), or else the one
    ``instance`` was read at; the check and the claim are one conditional UPDATE, which holds the
    row until the caller's transaction ends, so of two simultaneous edits exactly one wins and
    the other gets ``ConcurrentEditError`` (core.conflicts shows that person the difference).
    """
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    if not changed:
        return []
    claim_next_version(instance, expected_version)
    for name in changed:
        setattr(instance, name, changes[name])
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


def sign_off(
    *,
    actor: Actor,
    obj: HearthModel,
    fields: tuple[str, str, str],
    comment: str,
    at: Any,
    home: Any,
    action: str,
    reason: str,
    already: str,
    comment_needed: str = "",
    separation: tuple[str, Any, str] | None = None,
) -> None:
    """Stamp a one-time signature on a record: ``fields`` are its (time, person, comment) fields.

    Used for a manager's review and the Reg 35 steps. A signature is given once; a second attempt
    is refused rather than overwriting the first. The record keeps a history version and the
    action an audit event.
    """
    from django.core.exceptions import ValidationError

    from hearth.audit.services import audit_event_record

    at_field, by_field, comment_field = fields
    if getattr(obj, at_field) is not None:
        raise ValidationError({"comment": already})
    if separation is not None:
        _check_separation(actor, *separation)
    if comment_needed and not comment.strip():
        raise ValidationError({"comment": comment_needed})
    try:
        claim_next_version(obj)
    except ConcurrentEditError:
        obj.refresh_from_db()
        if getattr(obj, at_field) is not None:
            raise ValidationError({"comment": already}) from None
        raise
    setattr(obj, at_field, historical_time(actor, at, at_field))
    setattr(obj, by_field, actor_or_none(actor))
    setattr(obj, comment_field, comment.strip())
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save(update_fields=[at_field, by_field, comment_field, "version", "updated_at"])
    audit_event_record(actor=actor, action=action, obj=obj, home=home, reason=comment)


# Regulation 35(3)(b): the registered person hears from the staff who used a restraint, so none of
# them signs it off, whatever the provider's settings say.
ALWAYS_BY_ANOTHER = {"restraint"}


def _check_separation(actor: Actor, kind: str, involved: Any, refusal: str) -> None:
    """Separation of duties: for a sign-off kind listed in ``HEARTH_SIGN_OFF_BY_ANOTHER``, refuse a
    person among ``involved`` (users, or a callable giving them) with ``refusal``."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    user = actor_or_none(actor)
    required = kind in ALWAYS_BY_ANOTHER or settings.HEARTH_SIGN_OFF_BY_ANOTHER.get(kind, False)
    if user is None or not required:
        return
    people = involved() if callable(involved) else involved
    if any(getattr(p, "pk", None) == user.pk for p in people if p is not None):
        raise ValidationError({"comment": refusal})


def approve(
    *,
    actor: Actor,
    obj: Any,
    comment: str,
    at: Any,
    approver_name: str | None,
    home: Any,
    action: str,
) -> None:
    """Give a manager's approval to a draft (``core.models.Approval``): who, when, what they said.

    A person approves now; a records bundle brings the time and name the old system held.
    """
    from hearth.audit.services import audit_event_record

    claim_next_version(obj)
    obj.approved_at = historical_time(actor, at, "approved_at")
    obj.approved_by = actor_or_none(actor)
    obj.approved_by_name = approver_name or signature_name(actor)
    obj.approval_comment = comment.strip()
    obj._change_reason = "Approved"
    obj.save()
    audit_event_record(actor=actor, action=action, obj=obj, home=home, reason=comment)


VOID_FIELDS = ("voided_at", "voided_by", "void_reason")


def void(*, actor: Actor, obj: Any, comment: str, home: Any, action: str) -> None:
    """Void a signed record that got in twice: never deleted, kept in its history with who voided
    it, when and why; left out of queues, counts and the rules from then on (core.models.Voidable).
    Only the registered manager voids (access.policies.can_void_records)."""
    sign_off(
        actor=actor,
        obj=obj,
        fields=VOID_FIELDS,
        comment=comment,
        at=None,
        home=home,
        action=action,
        reason=f"Voided: {comment.strip()}",
        already="This record is already void.",
        comment_needed="Say why it is void, for example which record it repeats.",
    )


def signed_record_create(
    model: type[M], audit_as: str, /, *, actor: Actor, errors: dict[str, str], home: Any = None, **fields: Any
) -> M:
    """The end of most "record something about a child" services: refuse with every error at once
    (each naming its field), else save the record signed with the writer's name (``recorded_by_name``,
    unless a bundle gives the name it was signed with) and audit it as ``audit_as``."""
    from django.core.exceptions import ValidationError

    from hearth.audit.services import audit_event_record

    if errors:
        raise ValidationError(errors)
    fields["recorded_by_name"] = fields.get("recorded_by_name") or signature_name(actor)
    if home is not None:
        fields["home"] = home
    record = model._default_manager.create(created_by=actor_or_none(actor), **fields)
    audit_event_record(actor=actor, action=audit_as, obj=record, home=home)
    return record
