"""Writes for accounts and memberships."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.access.models import HOME_ROLES, PROVIDER_ROLES, Membership, Role
from hearth.audit.services import audit_event_record
from hearth.core.services import Actor, actor_or_none
from hearth.homes.models import Home, Provider


@transaction.atomic
def membership_grant(
    *,
    actor: Actor,
    user: Any,
    role: str,
    starts_on: datetime.date,
    home: Home | None = None,
    provider: Provider | None = None,
) -> Membership:
    """Give a user a role at a home, or across a provider (responsible individual)."""
    if role in HOME_ROLES and home is None:
        raise ValidationError({"home": f"The role {Role(role).label} belongs to a home: choose one."})
    if role in PROVIDER_ROLES and provider is None:
        raise ValidationError({"provider": f"The role {Role(role).label} belongs to a provider: choose one."})
    membership = Membership.objects.create(
        user=user,
        role=role,
        home=home if role in HOME_ROLES else None,
        provider=provider if role in PROVIDER_ROLES else None,
        starts_on=starts_on,
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="membership.granted", obj=membership, home=home)
    return membership


@transaction.atomic
def membership_changed_by_administrator(
    *, actor: Actor, membership: Membership, created: bool, changed_fields: list[str]
) -> Membership:
    """Save a membership an administrator gave or changed in the admin, with its audit event
    (granting oneself a role is recorded like any other grant)."""
    membership.updated_by = actor_or_none(actor)
    if created:
        membership.created_by = actor_or_none(actor)
    else:
        membership.version = (membership.version or 0) + 1
    membership.save()
    audit_event_record(
        actor=actor,
        action="membership.granted" if created else "membership.changed",
        obj=membership,
        home=membership.home,
        changed_fields=changed_fields,
        reason="In the administration pages",
    )
    return membership


@transaction.atomic
def second_factor_removed(*, actor: Actor, device: Any) -> None:
    """An administrator removes a person's lost second factor; they enrol a new one at next sign-in.
    Kept as a security event naming whose it was."""
    from hearth.audit.models import SecurityEvent
    from hearth.audit.services import security_event_record

    security_event_record(
        user=actor, kind=SecurityEvent.Kind.SECOND_FACTOR_REMOVED, about=device.user.get_username(), path="admin"
    )
    device.delete()
