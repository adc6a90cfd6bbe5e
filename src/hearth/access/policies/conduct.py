"""Complaints, allegations against staff, measures of control, notices to Ofsted and the Annex A
pack: who records and who reads them (Regulations 19, 20, 34, 39, 46 to 49)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from hearth.access.models import Role
from hearth.homes.models import Home

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from hearth.access.policies.base import *  # noqa: F403 - the base every policy stands on

REGISTERED_PERSONS = frozenset({Role.REGISTERED_MANAGER, Role.RESPONSIBLE_INDIVIDUAL})


def _is_registered_person(user: User, home: Home) -> bool:
    return bool(home_access(user, home).roles & REGISTERED_PERSONS)


def can_record_complaint(user: User, home: Home) -> bool:
    """Anyone on the staff takes a complaint down as it is made (a child tells whoever is there);
    the managers and the RI deal with it (Reg 39)."""
    return home_access(user, home).is_staff or home_access(user, home).is_responsible_individual


def can_manage_complaints(user: User, home: Home) -> bool:
    """The managers and the RI read the home's complaints, name who investigates, and answer them.
    Support workers do not browse them: many are about staff."""
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_manage_allegations(user: User, home: Home) -> bool:
    """Only the registered manager and the responsible individual record allegations against staff,
    refer them to the LADO and see the home's list of them (Reg 34; not a deputy, who may be a
    colleague of the person concerned, unless named on one)."""
    return _is_registered_person(user, home)


def can_list_allegations(user: User, home: Home) -> bool:
    """The list: the registered manager and the RI see every allegation at the home (but any about
    themselves); someone named to read one sees those they were named for."""
    if can_manage_allegations(user, home):
        return True
    from hearth.allegations.models import AllegationReader

    if not user.is_authenticated or not home_access(user, home).roles:
        return False
    return AllegationReader.objects.filter(
        allegation__home=home, user_id=cast(int, user.pk), withdrawn_at__isnull=True
    ).exists()


def can_view_allegation(user: User, home: Home, allegation: Any) -> bool:
    """The registered manager, the RI, and people they named (while they still reach the home);
    never the person the allegation is about, whatever their role."""
    if not user.is_authenticated or allegation.home_id != home.pk:
        return False
    if allegation.staff_member.user_id is not None and allegation.staff_member.user_id == user.pk:
        return False
    if _is_registered_person(user, home):
        return True
    return (
        bool(home_access(user, home).roles)
        and allegation.readers.filter(user_id=user.pk, withdrawn_at__isnull=True).exists()
    )


def can_change_allegation(user: User, home: Home, allegation: Any) -> bool:
    """Referral, meetings, outcome and readers: the registered manager or the RI, never its subject."""
    return _is_registered_person(user, home) and can_view_allegation(user, home, allegation)


def can_record_control_measure(user: User, home: Home) -> bool:
    """Staff who impose a consequence or a restriction record it (Reg 35(3)(a))."""
    return home_access(user, home).is_staff


def can_view_control_measures(user: User, home: Home) -> bool:
    """The home's measures: its staff, and the RI, who oversees them (Reg 45)."""
    access = home_access(user, home)
    return access.is_staff or access.is_responsible_individual


def can_review_control_measures(user: User, home: Home) -> bool:
    """A manager reviews each measure (Reg 13(2)(h); Reg 20 for restrictions of liberty)."""
    return home_access(user, home).is_manager


def can_view_notices(user: User, home: Home) -> bool:
    access = home_access(user, home)
    return access.is_manager or access.is_responsible_individual


def can_manage_notices(user: User, home: Home) -> bool:
    """Part 7 notices are the registered person's: the registered manager and the RI."""
    return _is_registered_person(user, home)


def can_produce_annex_a(user: User, home: Home) -> bool:
    """The Annex A pack, with every child named and every allegation in it: the registered manager
    and the RI, who answer the inspector."""
    return _is_registered_person(user, home)


def can_manage_subject_access(user: User, home: Home) -> bool:
    """Requests to see one's records are answered by the registered person (UK GDPR Article 15):
    the registered manager and the RI."""
    return _is_registered_person(user, home)


def can_view_records_due(user: User, home: Home) -> bool:
    """Records whose keeping time is up: the registered manager and the RI see the list."""
    return _is_registered_person(user, home)


def can_decide_retention(user: User, home: Home) -> bool:
    """Whether a record past its time is kept, destroyed or anonymised is the responsible
    individual's decision (rules.md, ``records.retention_due``)."""
    return home_access(user, home).is_responsible_individual
