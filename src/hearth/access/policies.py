"""Every permission decision in Hearth. Views ask here; nothing else decides.

Deny by default: a user sees a home only through an active membership at it (or as the
responsible individual of its provider), and a child only through a placement at a home they
see. Anything outside that answers 404, so one home cannot even learn that another home's
child exists. ``access_*`` functions return the object or raise ``Http404``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hearth.access.models import HOME_ROLES, Membership, Role
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


# --- the daily record --------------------------------------------------------------------


def can_write_records(user: User, home: Home) -> bool:
    """Staff on shift write the daily record, incidents and visits (Reg 36: signed by the author).

    The responsible individual and the Reg 44 visitor read; they do not write a home's records.
    """
    return home_access(user, home).is_staff


def can_view_shift(user: User, home: Home) -> bool:
    """The shift page (what happened since one was last on, who is missing, who is in the building)
    is for the staff who work shifts there; the RI and the Reg 44 visitor have their own pages."""
    return home_access(user, home).is_staff


def lands_on_shift(user: User, home: Home) -> bool:
    """Support workers and seniors start at the shift page (what happened since they were last on);
    managers at the home's page, with their review queue (the shift page is a link away)."""
    access = home_access(user, home)
    return access.is_staff and not access.is_manager


SHIFT_LEAD_ROLES = frozenset({Role.SENIOR, Role.DEPUTY_MANAGER, Role.REGISTERED_MANAGER})


def can_lead_shift(user: User, home: Home) -> bool:
    """A senior or a manager leads a shift: they acknowledge the handover and chase the restraint
    sign-offs (Reg 13 leadership; Reg 35(3)(b))."""
    return bool(home_access(user, home).roles & SHIFT_LEAD_ROLES)


def can_record_medicines(user: User, home: Home) -> bool:
    """Staff on shift give medicines and sign the MAR (Reg 23; the Guide 7.15: trained staff)."""
    return home_access(user, home).is_staff


def can_manage_prescriptions(user: User, home: Home) -> bool:
    """A senior or a manager enters a medicine on the MAR from its label, and stops it, and records
    consent for homely remedies: a second pair of eyes on what everyone else then gives (Reg 23)."""
    return bool(home_access(user, home).roles & SHIFT_LEAD_ROLES)


def can_review_records(user: User, home: Home) -> bool:
    """Managers review and sign records (Reg 13 oversight; Reg 35(3)(b)-(c) for restraint)."""
    return home_access(user, home).is_manager


def can_void_records(user: User, home: Home) -> bool:
    """Only the registered manager voids a record that got in twice: the person accountable for the
    home's records (Reg 36), not a deputy, and never by deleting it."""
    return Role.REGISTERED_MANAGER in home_access(user, home).roles


def can_view_daily_log(user: User, home: Home) -> bool:
    """The daily log is part of children's case records: staff and the RI, not the Reg 44 visitor
    (who reads a child's entries only through that child's consented record)."""
    access = home_access(user, home)
    return access.is_staff or access.is_responsible_individual


def can_view_home_records(user: User, home: Home) -> bool:
    """Incident, restraint, missing and visitor records are records of the home (Reg 35, Schedule 4)
    that the Reg 44 visitor may inspect (Reg 44(4)(c)), as well as staff and the RI."""
    return can_view_home(user, home)


# --- risk assessments, admissions and plans -------------------------------------------------


def can_write_risk_assessments(user: User, home: Home) -> bool:
    """Staff who know the child draft and revise the risk assessment (key workers, seniors)."""
    return home_access(user, home).is_staff


def can_approve_risk_assessments(user: User, home: Home) -> bool:
    """A manager approves each version before staff follow it (Reg 13 leadership of risk; Reg 12)."""
    return home_access(user, home).is_manager


def can_view_referrals(user: User, home: Home) -> bool:
    """Referrals hold a child's details before they live here: the home's managers, who decide on
    them, and the responsible individual, who answers for admissions, see them (Reg 14)."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_manage_referrals(user: User, home: Home) -> bool:
    """Managers record referrals, write and approve impact risk assessments (Reg 14)."""
    return home_access(user, home).is_manager


def can_admit(user: User, home: Home) -> bool:
    """Managers admit a child whose admission passes every check; the RI may override."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_override_admission(user: User, home: Home) -> bool:
    """Only the responsible individual may admit despite a failed check, with a reason that is then
    reported: the registered provider answers for running the home within its statement of
    purpose (Reg 14(1), Reg 16)."""
    return home_access(user, home).is_responsible_individual


def can_record_placement_plan(user: User, home: Home) -> bool:
    """Managers record the placement plan agreed with the placing authority (Reg 14)."""
    return home_access(user, home).is_manager


# --- staffing: vetting, training, supervision and the rota -----------------------------------


def can_view_staff_records(user: User, home: Home) -> bool:
    """Vetting, qualifications, training and supervision files: the home's managers, the RI, and the
    Reg 44 visitor, who may inspect the home's records including staff records (Reg 44(4)(c),
    Schedule 4). Support workers see the training matrix and the rota, not colleagues' files."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual or Role.REG44_VISITOR in access.roles


def can_manage_staff(user: User, home: Home) -> bool:
    """Managers add staff, verify checks, record training, supervision and the rota (Reg 32-33)."""
    return home_access(user, home).is_manager


def can_record_vetting_exception(user: User, home: Home) -> bool:
    """Only the registered manager may let someone work before every check is verified, on a
    recorded risk assessment (Reg 32: the registered person answers for fitness of workers)."""
    return Role.REGISTERED_MANAGER in home_access(user, home).roles


def can_view_training_matrix(user: User, home: Home) -> bool:
    """Everyone with a role at the home: staff see their own gaps, the visitor checks training."""
    return can_view_home(user, home)


def can_view_rota(user: User, home: Home) -> bool:
    """Staff see who is on shift; the RI oversees staffing levels."""
    access = home_access(user, home)
    return access.is_staff or access.is_responsible_individual


def can_manage_training_catalogue(user: User, provider: Provider) -> bool:
    """The responsible individual sets which courses are mandatory across the provider's homes."""
    return can_view_provider(user, provider)


# --- oversight findings ------------------------------------------------------------------------


def can_view_findings(user: User, home: Home) -> bool:
    """What the rules find is for those who put it right and answer for it: the home's managers and
    the responsible individual (Reg 13 leadership; Reg 45 review)."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


# --- oversight: actions, Regulation 44 and 45 ---------------------------------------------------


def can_view_actions(user: User, home: Home) -> bool:
    """The home's improvement actions: for its managers and the responsible individual, who own and
    answer for them, and the independent visitor, who follows up earlier actions (Reg 44(4))."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual or Role.REG44_VISITOR in access.roles


def can_manage_actions(user: User, home: Home) -> bool:
    """Creating, assigning and completing actions is leadership's work (Reg 13(2)(h))."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_view_reg44_reports(user: User, home: Home) -> bool:
    """Regulation 44 reports go to the registered manager and the responsible individual (Reg 44(7));
    the visitor sees their own reports."""
    return can_view_actions(user, home)


def can_write_reg44_report(user: User, home: Home) -> bool:
    """Only the independent person writes the report: its value is that it is independent (Reg 44(2))."""
    return Role.REG44_VISITOR in home_access(user, home).roles


def can_record_reg44_distribution(user: User, home: Home) -> bool:
    """Whoever sends a copy logs it: the visitor, the managers or the responsible individual (Reg 44(7))."""
    return can_view_actions(user, home)


def can_view_reg45_reviews(user: User, home: Home) -> bool:
    """The quality-of-care review is the registered person's (Reg 45): managers and the RI."""
    return can_manage_actions(user, home)


def can_write_reg45_review(user: User, home: Home) -> bool:
    """Written, completed and sent by the registered person: managers and the RI (Reg 45)."""
    return can_manage_actions(user, home)


# --- Ofsted inspections -----------------------------------------------------------------------------


def can_view_inspections(user: User, home: Home) -> bool:
    """The home's inspection reports and what they require: for those who act on them (managers, the
    responsible individual) and the independent visitor, who checks progress against them (Reg 44(4))."""
    return can_view_actions(user, home)


def can_import_inspection_report(user: User, home: Home) -> bool:
    """Importing a report creates the home's requirement actions: leadership's work (Reg 13(2)(h))."""
    return can_manage_actions(user, home)
