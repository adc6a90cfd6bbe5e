"""Who reaches which home and which child: the base every other policy stands on (policies/__init__.py).

Deny by default: a user sees a home only through an active membership at it (or as the
responsible individual of its provider), and a child only through a placement at a home they
see. Anything outside that answers 404, so one home cannot even learn that another home's
child exists. ``access_*`` functions return the object or raise ``Http404``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hearth.access.models import Membership, Role
from hearth.children.models import CaseRecordConsent, Child
from hearth.homes.models import Home, Provider
from hearth.staff.models import StaffMember

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

STAFF_ROLES = frozenset({Role.SUPPORT_WORKER, Role.SENIOR, Role.DEPUTY_MANAGER, Role.REGISTERED_MANAGER})
MANAGER_ROLES = frozenset({Role.DEPUTY_MANAGER, Role.REGISTERED_MANAGER})
SECOND_FACTOR_ROLES = frozenset({Role.DEPUTY_MANAGER, Role.REGISTERED_MANAGER, Role.RESPONSIBLE_INDIVIDUAL})


@dataclass(frozen=True)
class HomeAccess:
    """How a user reaches a home: the roles they hold there, directly or through the provider."""

    roles: frozenset[str]

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def is_manager(self) -> bool:
        return bool(self.roles & MANAGER_ROLES)

    @property
    def is_responsible_individual(self) -> bool:
        return Role.RESPONSIBLE_INDIVIDUAL in self.roles

    @property
    def is_reg44_visitor_only(self) -> bool:
        return self.roles == {Role.REG44_VISITOR}


def _today() -> datetime.date:
    return timezone.localdate()


def _active_memberships(user: User) -> list[Membership]:
    """The user's memberships in force today, cached on the user object for the request. A
    membership ending today (``ends_on``) no longer counts: ending someone's access takes effect
    at once, not at midnight."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Membership] | None = getattr(user, "_hearth_memberships", None)
    if cached is None:
        today = _today()
        cached = list(
            Membership.objects.filter(user_id=cast(int, user.pk), starts_on__lte=today)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
            .select_related("home", "provider")
        )
        user._hearth_memberships = cached  # type: ignore[union-attr]
    return cached


def home_access(user: User, home: Home) -> HomeAccess:
    roles = set()
    for m in _active_memberships(user):
        if m.home_id == home.pk or (m.provider_id is not None and m.provider_id == home.provider_id):
            roles.add(m.role)
    return HomeAccess(frozenset(roles))


# --- homes and providers -----------------------------------------------------------------


def homes_visible_to(user: User) -> QuerySet[Home]:
    """Homes the user holds a role at, or that belong to a provider they are the RI of."""
    memberships = _active_memberships(user)
    home_ids = [m.home_id for m in memberships if m.home_id]
    provider_ids = [m.provider_id for m in memberships if m.provider_id]
    return Home.objects.filter(Q(pk__in=home_ids) | Q(provider_id__in=provider_ids)).select_related("provider")


def providers_visible_to(user: User) -> QuerySet[Provider]:
    """Providers whose every home the user oversees as responsible individual (Reg 2, Reg 45)."""
    ids = [m.provider_id for m in _active_memberships(user) if m.role == Role.RESPONSIBLE_INDIVIDUAL]
    return Provider.objects.filter(pk__in=ids)


def access_home(user: User, home_id: UUID | str) -> Home:
    """The home, if the user may see it at all; 404 whether it is missing or forbidden."""
    home = homes_visible_to(user).filter(public_id=home_id).first()
    if home is None:
        raise Http404("No such home.")
    return home


def access_provider(user: User, provider_id: UUID | str) -> Provider:
    provider = providers_visible_to(user).filter(public_id=provider_id).first()
    if provider is None:
        raise Http404("No such provider.")
    return provider


def can_view_home(user: User, home: Home) -> bool:
    """Anyone with a role at the home, the provider's RI, and the home's Reg 44 visitor (Reg 44(4))."""
    return bool(home_access(user, home).roles)


def can_view_provider(user: User, provider: Provider) -> bool:
    """The responsible individual supervises the management of all the provider's homes."""
    return providers_visible_to(user).filter(pk=provider.pk).exists()


def can_view_staff_list(user: User, home: Home) -> bool:
    """Staff, managers, the RI, and the Reg 44 visitor, who may inspect the home's records (Reg 44(4)(c))."""
    return can_view_home(user, home)


def can_view_history(user: User, home: Home) -> bool:
    """Field-level history and audit trails are for managers and the RI, who oversee recording (Reg 13)."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_record_case_record_consent(user: User, home: Home) -> bool:
    """The registered person (manager or deputy) records Reg 44 consent, never the visitor."""
    return home_access(user, home).is_manager


# --- children ----------------------------------------------------------------------------


def children_visible_to(user: User, home: Home) -> QuerySet[Child]:
    """Children who are or were placed at the home, if the user may see the home."""
    if not can_view_home(user, home):
        return Child.objects.none()
    return Child.objects.filter(placements__home=home).distinct()


def referrable_children(user: User, home: Home) -> QuerySet[Child]:
    """Children the user may refer to ``home`` from their existing record: those placed (now or
    before) at any home the user sees, and not living at ``home`` now: a child coming back, or
    moving from another home the same manager works at. Nobody learns of another home's children
    this way; a move from a home the manager does not see is referred as a new record (or in a
    records bundle)."""
    today = _today()
    living_here = Child.objects.filter(
        Q(placements__left_on__isnull=True) | Q(placements__left_on__gt=today),
        placements__home=home,
        placements__admitted_on__lte=today,
    ).values("pk")
    return (
        Child.objects.filter(placements__home__in=homes_visible_to(user))
        .exclude(pk__in=living_here)
        .distinct()
        .order_by("first_name", "last_name")
    )


def _consents_in_force(home: Home, day: datetime.date) -> QuerySet[CaseRecordConsent]:
    return (
        CaseRecordConsent.objects.filter(home=home)
        .filter(child_consented_on__lte=day, placing_authority_consented_on__lte=day)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
    )


def has_case_record_consent(child: Child, home: Home, as_of: datetime.date | None = None) -> bool:
    """Both the child's and the placing authority's consent recorded and not withdrawn (Reg 44(4)(c))."""
    return _consents_in_force(home, as_of or _today()).filter(child=child).exists()


def can_view_child_record(user: User, home: Home, child: Child) -> bool:
    """Staff and managers of a home the child is or was placed at, and the provider's RI.

    A Reg 44 visitor sees the case record only with the child's and the placing authority's
    recorded consent (Reg 44(4)(c)).
    """
    access = home_access(user, home)
    if access.is_staff or access.is_responsible_individual:
        return True
    if Role.REG44_VISITOR in access.roles:
        return has_case_record_consent(child, home)
    return False


def children_readable_by(user: User, home: Home) -> set[int] | None:
    """Whose records at the home the user may read in full: ``None`` for every child (staff and the
    RI), else the children with recorded consent (the Reg 44 visitor, Reg 44(4)(c)). A record about
    several children is readable only if every one of them is."""
    access = home_access(user, home)
    if access.is_staff or access.is_responsible_individual:
        return None
    if Role.REG44_VISITOR not in access.roles:
        return set()
    return set(_consents_in_force(home, _today()).values_list("child_id", flat=True))


def child_lives_at(child: Child, home: Home) -> bool:
    """The child is placed at the home today. Staff of a home the child has left still read what
    was written there, but write nothing new about the child (their new home does)."""
    today = _today()
    return (
        child.placements.filter(home=home, admitted_on__lte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .exists()
    )


def access_child(user: User, home: Home, child_id: UUID | str) -> Child:
    """The child's record at this home: 404 if not visible at all, 403 if the visitor lacks consent."""
    child = children_visible_to(user, home).filter(public_id=child_id).first()
    if child is None:
        raise Http404("No such child.")
    if not can_view_child_record(user, home, child):
        raise PermissionDenied(
            "You can see this child's record only when the child and the placing authority have "
            "both consented to the independent visitor reading it (Regulation 44(4)(c)). "
            "Ask the registered manager to record their consent."
        )
    return child


def access_staff_member(user: User, home: Home, staff_id: UUID | str) -> StaffMember:
    if not can_view_staff_list(user, home):
        raise Http404("No such staff member.")
    member = StaffMember.objects.filter(home=home, public_id=staff_id).first()
    if member is None:
        raise Http404("No such staff member.")
    return member
