"""Writes for a home's people: inviting someone, changing their role, ending their access (and
with it every session they hold), and resetting a lost second factor.

Kept beside ``services.py`` (accounts and second factors) so that each stays short; both are the
access app's services. Every change is an audit or security event naming who made it.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import HOME_ROLES, PROVIDER_ROLES, Invitation, Membership, Role, SignedInSession
from hearth.access.services import IssuedSetUpCode, membership_grant, set_up_code_issue
from hearth.audit.models import SecurityEvent
from hearth.audit.services import audit_event_record, security_event_record
from hearth.core.services import Actor, actor_or_none
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    link: str  # shown once, to the sender, and mailed to the person invited; only a digest is kept


def _digest(token: str) -> str:
    return hashlib.sha256(f"hearth-invitation:{token}".encode()).hexdigest()


def invitation_link(token: str) -> str:
    return settings.HEARTH_SITE_URL.rstrip("/") + reverse("access:invitation", kwargs={"token": token})


@transaction.atomic
def invitation_send(
    *,
    actor: Actor,
    home: Home,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    starts_on: datetime.date,
    staff_member: StaffMember | None = None,
) -> SentInvitation:
    """Invite someone to take up ``role`` at ``home``: a link that works once, for
    ``HEARTH_INVITATION_HOURS``. Any invitation to the same address at the home not yet used stops
    working."""
    errors: dict[str, str] = {}
    if not first_name.strip():
        errors["first_name"] = "Enter their first name."
    if not last_name.strip():
        errors["last_name"] = "Enter their last name."
    if role not in HOME_ROLES | PROVIDER_ROLES:
        errors["role"] = "Choose a role at the home."
    if starts_on < timezone.localdate():
        errors["starts_on"] = "Their access cannot start before today."
    email = email.strip().lower()
    holder = get_user_model().objects.filter(email__iexact=email).first() if email else None
    if holder is not None and Membership.objects.filter(user=holder, home=home, ends_on__isnull=True).exists():
        errors["email"] = f"{holder.get_full_name() or email} already has a role at {home.name}: change it instead."
    if staff_member is not None and staff_member.home_id != home.pk:
        errors["staff_member"] = "That staff file belongs to another home."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    Invitation.objects.filter(
        home=home, email__iexact=email, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        home=home,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        starts_on=starts_on,
        staff_member=staff_member,
        token_digest=_digest(token),
        issued_by=actor_or_none(actor),
        issued_at=now,
        expires_at=now + datetime.timedelta(hours=settings.HEARTH_INVITATION_HOURS),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="invitation.sent", obj=invitation, home=home)
    link = invitation_link(token)
    sender = actor_or_none(actor)
    by = sender.get_full_name() if sender is not None else "Hearth"
    transaction.on_commit(
        lambda: send_mail(
            f"You are invited to Hearth at {home.name}",
            f"{by} has invited you to Hearth, the records system at {home.name}, as "
            f"{Role(role).label.lower()}.\n\nSet your password here (the link works once, for "
            f"{settings.HEARTH_INVITATION_HOURS} hours):\n{link}\n\nIf you were not expecting this, ignore it.",
            None,
            [email],
        )
    )
    return SentInvitation(invitation, link)


def invitation_for(token: str) -> Invitation | None:
    """The invitation a link's token names, whatever its state (the page says which)."""
    return Invitation.objects.select_related("home", "issued_by").filter(token_digest=_digest(token)).first()


@transaction.atomic
def invitation_withdraw(*, actor: Actor, invitation: Invitation) -> Invitation:
    if invitation.state(timezone.now()) != "waiting":
        raise ValidationError("This invitation was already used, withdrawn or has expired.")
    invitation.withdrawn_at = timezone.now()
    invitation.updated_by = actor_or_none(actor)
    invitation.save(update_fields=["withdrawn_at", "updated_by", "updated_at"])
    audit_event_record(actor=actor, action="invitation.withdrawn", obj=invitation, home=invitation.home)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, username: str, password: str, path: str = "") -> Any:
    """Make the invited person's account with the password they chose, and give them the role. The
    role is granted by the person who sent the invitation (its audit event names them)."""
    invitation = Invitation.objects.select_for_update().select_related("home").get(pk=invitation.pk)
    if invitation.state(timezone.now()) != "waiting":
        raise ValidationError("This invitation link has been used, withdrawn or has expired.")
    User = get_user_model()
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = ["Choose a username."]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = ["That username is taken: choose another."]
    user = User(
        username=username, first_name=invitation.first_name, last_name=invitation.last_name, email=invitation.email
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    membership_grant(  # a responsible individual's role is across the provider of the home named
        actor=invitation.issued_by,
        user=user,
        role=invitation.role,
        starts_on=invitation.starts_on,
        home=invitation.home if invitation.role in HOME_ROLES else None,
        provider=invitation.home.provider if invitation.role in PROVIDER_ROLES else None,
    )
    if invitation.staff_member is not None and invitation.staff_member.user_id is None:
        StaffMember.objects.filter(pk=invitation.staff_member.pk).update(user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    security_event_record(
        user=user, kind=SecurityEvent.Kind.INVITATION_ACCEPTED, about=username, path=path or invitation.home.name
    )
    return user


def record_unusable_invitation(request: Any, state: str) -> None:
    """A link that no longer works was opened: kept as a security event (never with its token)."""
    security_event_record(
        user=None,
        kind=SecurityEvent.Kind.INVITATION_FAILED,
        path=f"{reverse('access:invitation', kwargs={'token': 'x'})[:-2]}: {state}",
        ip=request.META.get("REMOTE_ADDR"),
    )


def _check_not_own(actor: Actor, membership: Membership, what: str) -> None:
    user = actor_or_none(actor)
    if user is not None and membership.user_id == user.pk:
        raise ValidationError(f"You cannot {what} yourself: the responsible individual does that.")


@transaction.atomic
def membership_change_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    """A new role at the same home (a support worker made senior). The history keeps the old one."""
    _check_not_own(actor, membership, "change the role of")
    if role not in HOME_ROLES:
        raise ValidationError({"role": "Choose a role at the home."})
    if role == membership.role:
        raise ValidationError({"role": f"They are already {Role(role).label.lower()}."})
    before = Role(membership.role).label
    membership.role = role
    membership.version += 1
    membership.updated_by = actor_or_none(actor)
    membership.save(update_fields=["role", "version", "updated_by", "updated_at"])
    audit_event_record(
        actor=actor,
        action="membership.changed",
        obj=membership,
        home=membership.home,
        changed_fields=["role"],
        reason=f"From {before} to {Role(role).label}",
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, ends_on: datetime.date, reason: str) -> Membership:
    """End someone's access from ``ends_on`` (today: at once). Ended today or before, every session
    they hold ends now too, so a tablet left signed in shows nothing more. The row is kept: who
    could see what stays auditable."""
    _check_not_own(actor, membership, "end the access of")
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if membership.ends_on is not None and membership.ends_on <= today:
        raise ValidationError(f"Their access already ended on {membership.ends_on:%-d %B %Y}.")
    if ends_on < membership.starts_on:
        errors["ends_on"] = f"Access cannot end before it started, on {membership.starts_on:%-d %B %Y}."
    elif ends_on < today:
        errors["ends_on"] = "Access ends today at the earliest: it cannot be ended in the past."
    if not reason.strip():
        errors["reason"] = "Say why their access ends (for example, left the home's employment)."
    if errors:
        raise ValidationError(errors)
    membership.ends_on = ends_on
    membership.version += 1
    membership.updated_by = actor_or_none(actor)
    membership.save(update_fields=["ends_on", "version", "updated_by", "updated_at"])
    audit_event_record(
        actor=actor, action="membership.ended", obj=membership, home=membership.home, reason=reason.strip()
    )
    if ends_on <= today:
        sessions_end(actor=actor, user=membership.user)
    return membership


def sessions_end(*, actor: Actor, user: Any) -> int:
    """Sign ``user`` out everywhere now. Returns how many sessions were ended."""
    store: type[SessionBase] = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    keys = list(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(user=user).delete()
    security_event_record(user=actor, kind=SecurityEvent.Kind.SESSIONS_ENDED, about=user.get_username())
    return len(keys)


@transaction.atomic
def second_factor_reset(*, actor: Actor, membership: Membership) -> IssuedSetUpCode:
    """A person has lost their phone: remove their authenticator app, sign them out everywhere, and
    issue the set-up code with which they enrol a new one. Recorded with who did it."""
    _check_not_own(actor, membership, "reset the second factor of")
    from django_otp.plugins.otp_static.models import StaticDevice

    user = membership.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # the old recovery codes go with the old app
    security_event_record(
        user=actor,
        kind=SecurityEvent.Kind.SECOND_FACTOR_RESET,
        about=user.get_username(),
        path=membership.home.name if membership.home else "",
    )
    sessions_end(actor=actor, user=user)
    return set_up_code_issue(actor=actor, user=user, home=membership.home)


def session_recorded(*, user: Any, session_key: str | None) -> None:
    """On signing in: remember the session (``sessions_end``), and forget this person's sessions
    too old to be alive still."""
    if not session_key:
        return
    now = timezone.now()
    SignedInSession.objects.filter(
        user=user, signed_in_at__lt=now - datetime.timedelta(hours=settings.HEARTH_SESSION_MAX_HOURS)
    ).delete()
    SignedInSession.objects.update_or_create(session_key=session_key, defaults={"user": user, "signed_in_at": now})
