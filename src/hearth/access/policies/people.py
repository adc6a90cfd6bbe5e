"""Sign-in, setting up providers and homes, a child's details and placement, and a home's people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from hearth.access.models import HOME_ROLES, Membership, Role
from hearth.homes.models import Home, Provider

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from hearth.access.policies.base import *  # noqa: F403 - the base every policy stands on
from hearth.access.policies.base import _active_memberships, _today

# --- sign-in -----------------------------------------------------------------------------


def requires_second_factor(user: User) -> bool:
    """Managers, responsible individuals and administrators must sign in with a TOTP code.

    They see every child in a home (or every home); a stolen password alone must not open that.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    return any(m.role in SECOND_FACTOR_ROLES for m in _active_memberships(user))


def can_issue_set_up_codes(user: User, home: Home) -> bool:
    """The registered manager and the responsible individual give a manager at the home the
    single-use code that lets them set up their second factor: a password alone never enrols one
    (OWASP ASVS 2.5). Administrators issue codes in the administration pages or with
    ``hearth set_up_code``."""
    access = home_access(user, home)
    return Role.REGISTERED_MANAGER in access.roles or access.is_responsible_individual


def set_up_code_recipients(user: User, home: Home) -> QuerySet[Membership]:
    """The memberships at the home whose holder needs a second factor (now, or from a later start),
    but never the issuer's own: nobody vouches for themself."""
    today = _today()
    return (
        Membership.objects.filter(home=home, role__in=sorted(SECOND_FACTOR_ROLES))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        .exclude(user_id=cast(int, user.pk))
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def access_set_up_code_recipient(user: User, home: Home, membership_id: UUID | str) -> Membership:
    membership = set_up_code_recipients(user, home).filter(public_id=membership_id).first()
    if membership is None:
        raise Http404("No such person.")
    return membership


# --- setting up providers and homes ---------------------------------------------------------


def can_set_up_providers(user: User, *_: Any) -> bool:
    """Only an administrator sets up a new provider (and invites its first people)."""
    return bool(getattr(user, "is_superuser", False))


def can_add_home(user: User, provider: Provider) -> bool:
    """The responsible individual adds a home to their provider (Reg 2)."""
    return provider in providers_visible_to(user)


def can_edit_home(user: User, home: Home) -> bool:
    """The responsible individual keeps the home's registration details (Reg 2)."""
    return home_access(user, home).is_responsible_individual


def can_write_statement_of_purpose(user: User, home: Home) -> bool:
    """The registered manager and the RI revise the statement of purpose (Reg 16) and review the
    location risk assessment (Reg 46)."""
    access = home_access(user, home)
    return Role.REGISTERED_MANAGER in access.roles or access.is_responsible_individual


# --- a child's details and placement ---------------------------------------------------------


def can_edit_child_details(user: User, home: Home) -> bool:
    """Managers and the RI keep a child's details right (Schedule 3, paragraph 1)."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_end_placement(user: User, home: Home) -> bool:
    """The registered manager, or the RI, records a child leaving (Schedule 4 register)."""
    access = home_access(user, home)
    return Role.REGISTERED_MANAGER in access.roles or access.is_responsible_individual


def can_move_child(user: User, home: Home) -> bool:
    """Moving a child between the provider's homes is the RI's: it changes two homes at once."""
    return home_access(user, home).is_responsible_individual


# --- a home's people ------------------------------------------------------------------------


def can_manage_people(user: User, home: Home) -> bool:
    """The registered manager and the responsible individual invite people to a home, change their
    roles, end their access and reset a lost second factor (Reg 13 leadership; Reg 32 staffing)."""
    access = home_access(user, home)
    return Role.REGISTERED_MANAGER in access.roles or access.is_responsible_individual


def roles_assignable(user: User, home: Home) -> list[str]:
    """The roles the user may give at the home: the responsible individual any; the registered
    manager any but registered manager (the provider appoints the manager, Reg 28)."""
    access = home_access(user, home)
    if access.is_responsible_individual:
        return [r.value for r in Role if r in HOME_ROLES]
    if Role.REGISTERED_MANAGER in access.roles:
        return [r.value for r in Role if r in HOME_ROLES and r != Role.REGISTERED_MANAGER]
    return []


def can_change_membership(user: User, membership: Membership) -> bool:
    """Another person's role at the home, one the user may give: nobody changes their own access."""
    return (
        membership.home is not None
        and membership.user_id != user.pk
        and membership.role in roles_assignable(user, membership.home)
    )


def access_membership(user: User, home: Home, membership_id: UUID | str) -> Membership:
    """A membership at the home that the user may change; 404 otherwise (it may be theirs, or one
    they may not change, which they still see on the people page)."""
    membership = Membership.objects.filter(home=home, public_id=membership_id).select_related("user", "home").first()
    if membership is None or not can_change_membership(user, membership):
        raise Http404("No such person.")
    return membership


def is_signed_in(user: User, *_: Any) -> bool:
    """Pages about the user themself (their list of homes) need only a signed-in user."""
    return bool(getattr(user, "is_authenticated", False))
