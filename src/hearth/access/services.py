"""Writes for accounts, memberships and second factors."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import HOME_ROLES, PROVIDER_ROLES, Membership, Role, SecondFactorEnrolment
from hearth.access.selectors import set_up_code_usable
from hearth.audit.models import SecurityEvent
from hearth.audit.services import audit_event_record, security_event_record
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
    security_event_record(
        user=actor, kind=SecurityEvent.Kind.SECOND_FACTOR_REMOVED, about=device.user.get_username(), path="admin"
    )
    device.delete()


# --- second-factor set-up codes (OWASP ASVS 2.5) ---------------------------------------------

SET_UP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
SET_UP_CODE_LENGTH = 12  # 60 random bits, shown in three groups of four


@dataclass(frozen=True)
class IssuedSetUpCode:
    enrolment: SecondFactorEnrolment
    code: str  # shown once, to the issuer; only its digest is stored


def _set_up_code_digest(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"hearth-set-up-code:{normalised}".encode()).hexdigest()


@transaction.atomic
def set_up_code_issue(*, actor: Actor, user: Any, home: Home | None = None) -> IssuedSetUpCode:
    """Issue the single-use code with which ``user`` sets up their authenticator app; any code they
    have not used stops working. ``actor`` None: from the server's command line. Refused for someone
    who already has an app: a lost one is removed by an administrator first."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(
            f"{user.get_full_name() or user.get_username()} already has an authenticator app. To replace a lost "
            "one, an administrator removes it first (Second factors, in the administration pages)."
        )
    now = timezone.now()
    SecondFactorEnrolment.objects.filter(user=user, used_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    raw = "".join(secrets.choice(SET_UP_CODE_ALPHABET) for _ in range(SET_UP_CODE_LENGTH))
    enrolment = SecondFactorEnrolment.objects.create(
        user=user,
        code_digest=_set_up_code_digest(raw),
        issued_at=now,
        issued_by=actor_or_none(actor),
        home=home,
        expires_at=now + datetime.timedelta(hours=settings.HEARTH_SET_UP_CODE_HOURS),
    )
    security_event_record(
        user=actor,
        kind=SecurityEvent.Kind.SET_UP_CODE_ISSUED,
        about=user.get_username(),
        path=home.name if home else "",
    )
    return IssuedSetUpCode(enrolment, "-".join(raw[i : i + 4] for i in range(0, SET_UP_CODE_LENGTH, 4)))


def set_up_code_accept(*, user: Any, code: str, path: str, ip: str | None) -> SecondFactorEnrolment | None:
    """The usable code the person typed, or None, recorded as a wrong try."""
    found = SecondFactorEnrolment.objects.filter(code_digest=_set_up_code_digest(code), user=user).first()
    usable = set_up_code_usable(user=user, enrolment_id=found.pk if found else None)
    if usable is None:
        security_event_record(user=user, kind=SecurityEvent.Kind.SET_UP_CODE_FAILED, path=path, ip=ip)
    return usable


@transaction.atomic
def second_factor_device_new(*, user: Any) -> Any:
    """A new, unconfirmed authenticator key for the person, replacing any unconfirmed one: a key
    shown before is never the one confirmed later."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def second_factor_enrol(*, user: Any, enrolment: SecondFactorEnrolment, device: Any, path: str) -> bool:
    """Confirm the person's authenticator app, using up their set-up code in the same transaction.
    False (and nothing confirmed) if the code was used, withdrawn or expired meanwhile: one
    conditional update, so that a code sent twice at once enrols one device."""
    claimed = SecondFactorEnrolment.objects.filter(
        pk=enrolment.pk, user=user, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).update(used_at=timezone.now())
    if not claimed:
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    security_event_record(user=user, kind=SecurityEvent.Kind.SECOND_FACTOR_ENROLLED, path=path)
    return True


RECOVERY_CODES = 10


@transaction.atomic
def recovery_codes_issue(*, user: Any) -> list[str]:
    """Ten single-use recovery codes, for signing in when the phone with the authenticator app is
    lost; any earlier ones stop working. Shown once, as the app is set up (django-otp keeps them)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    security_event_record(user=user, kind=SecurityEvent.Kind.RECOVERY_CODES_ISSUED)
    return codes


def recovery_code_use(*, user: Any, code: str) -> tuple[Any, bool]:
    """(The recovery-code device, False) if ``code`` is one of the person's unused codes (it is used
    up); (None, True) while wrong tries in a row make them wait (django-otp's throttling); else
    (None, False)."""
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and not device.verify_is_allowed()[0]:
        return None, True
    normalised = "".join(code.split()).lower()
    if device is None or not device.verify_token(normalised):
        return None, False
    security_event_record(user=user, kind=SecurityEvent.Kind.RECOVERY_CODE_USED)
    return device, False


# --- accounts and memberships from a records bundle --------------------------------------------


@transaction.atomic
def account_upsert(*, actor: Actor, username: str, first_name: str, last_name: str, email: str) -> tuple[Any, bool]:
    """The account named ``username``, made (with no usable password: its holder is invited, or an
    administrator sets one) or brought up to date. Returns (user, changed)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model()(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_unusable_password()
        user.save()
        return user, True
    wanted = {"first_name": first_name, "last_name": last_name, "email": email}
    changed = [k for k, v in wanted.items() if getattr(user, k) != v]
    if changed:
        for k in changed:
            setattr(user, k, wanted[k])
        user.save(update_fields=changed)
    return user, bool(changed)


@transaction.atomic
def membership_upsert(
    *,
    actor: Actor,
    external_id: str,
    user: Any,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    home: Home | None = None,
    provider: Provider | None = None,
) -> tuple[Membership, bool]:
    """A role from a records bundle, found again by its id when the bundle is loaded twice."""
    from hearth.core.services import apply_changes

    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "A role cannot end before it starts."})
    membership = Membership.objects.filter(external_id=external_id).first()
    if membership is None:
        membership = membership_grant(
            actor=actor, user=user, role=role, starts_on=starts_on, home=home, provider=provider
        )
        Membership.objects.filter(pk=membership.pk).update(external_id=external_id, ends_on=ends_on)
        membership.refresh_from_db()
        return membership, True
    changed = apply_changes(
        instance=membership,
        changes={
            "user": user,
            "role": role,
            "home": home if role in HOME_ROLES else None,
            "provider": provider if role in PROVIDER_ROLES else None,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
        actor=actor,
    )
    if changed:
        audit_event_record(
            actor=actor, action="membership.changed", obj=membership, home=membership.home, changed_fields=changed
        )
    return membership, bool(changed)
