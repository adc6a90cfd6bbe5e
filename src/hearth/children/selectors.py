"""Reads about children and placements."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hearth.children.models import CaseRecordConsent, Child, Placement, PlacementPlan
from hearth.core.dates import add_working_days
from hearth.homes.models import Home


def children_current(*, home: Home, as_of: datetime.date) -> QuerySet[Child]:
    """Children living at the home on ``as_of``."""
    # One filter() call, so that every condition applies to the same placement (a child who left
    # this home and lives at another must not count).
    return (
        Child.objects.filter(
            Q(placements__left_on__isnull=True) | Q(placements__left_on__gt=as_of),
            placements__home=home,
            placements__admitted_on__lte=as_of,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def children_former(*, home: Home, as_of: datetime.date) -> QuerySet[Child]:
    """Children who left the home and are not living there now."""
    current = children_current(home=home, as_of=as_of).values("pk")
    return (
        Child.objects.filter(placements__home=home, placements__left_on__lte=as_of).exclude(pk__in=current).distinct()
    )


def child_placements(*, child: Child) -> QuerySet[Placement]:
    """The child's whole history across homes, newest first."""
    return child.placements.select_related("home", "home__provider").order_by("-admitted_on")


@dataclass(frozen=True)
class ChildRecordAtHome:
    """The part of a child's record written at one home: what that home's staff may read. A child
    who moved on keeps one record, but the former home sees none of what the new home wrote
    (its name, assessments, plans, or who there opened the record)."""

    placements: QuerySet[Placement]
    consents: QuerySet[CaseRecordConsent]
    placement_plans: QuerySet[PlacementPlan]
    risk_assessments: list[Any]
    referrals: QuerySet[Any]


def child_record_at_home(*, child: Child, home: Home) -> ChildRecordAtHome:
    """The records of ``child`` that ``home`` holds (every history and record page reads through this)."""
    return ChildRecordAtHome(
        placements=child.placements.filter(home=home).select_related("home"),
        consents=child.case_record_consents.filter(home=home),
        placement_plans=placement_plans(child=child).filter(placement__home=home),
        risk_assessments=list(child.risk_assessments.filter(home=home).prefetch_related("items")),
        referrals=child.referrals.filter(home=home),
    )


def case_record_consent_in_force(*, child: Child, home: Home) -> CaseRecordConsent | None:
    """The consent that lets the Reg 44 visitor read the child's record now, if any."""
    return (
        child.case_record_consents.filter(home=home, withdrawn_on__isnull=True)
        .order_by("-child_consented_on", "-pk")
        .first()
    )


def case_record_consents(*, child: Child, home: Home) -> QuerySet[CaseRecordConsent]:
    return child.case_record_consents.filter(home=home).select_related("recorded_by")


PLACEMENT_PLAN_WORKING_DAYS = 5


def placement_plan_due(placement: Placement) -> datetime.date:
    """The placement plan is due within 5 working days of admission (domain.md appendix)."""
    return add_working_days(placement.admitted_on, PLACEMENT_PLAN_WORKING_DAYS)


@dataclass(frozen=True)
class PlanDue:
    placement: Placement
    due_on: datetime.date

    def overdue(self, as_of: datetime.date) -> bool:
        return self.due_on < as_of


def placement_plans_missing(*, home: Home, as_of: datetime.date) -> list[PlanDue]:
    """Children living here with no placement plan for this placement, with the date it is due by."""
    placements = (
        Placement.objects.filter(home=home, admitted_on__lte=as_of)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))
        .exclude(pk__in=PlacementPlan.objects.values("placement_id"))
        .select_related("child")
    )
    return sorted((PlanDue(p, placement_plan_due(p)) for p in placements), key=lambda d: d.due_on)


def placement_current(*, child: Child, home: Home, as_of: datetime.date) -> Placement | None:
    return (
        Placement.objects.filter(child=child, home=home, admitted_on__lte=as_of)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))
        .first()
    )


def placement_plans(*, child: Child) -> QuerySet[PlacementPlan]:
    return PlacementPlan.objects.filter(placement__child=child).select_related("placement__home")
