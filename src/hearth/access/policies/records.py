"""The records of a home: the daily record, medicines, risk assessments, admissions and plans,
staffing, oversight and inspections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearth.access.models import Role
from hearth.homes.models import Home, Provider

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from hearth.access.policies.base import *  # noqa: F403 - the base every policy stands on

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
