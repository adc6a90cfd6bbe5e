"""Reads for admissions: the statement-of-purpose check, referrals, and admissions by override."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from hearth.admissions.models import ImpactAssessment, Referral
from hearth.children.models import Child
from hearth.children.selectors import children_current
from hearth.homes.models import Home, Provider, StatementOfPurpose
from hearth.homes.needs import SEXES, need_label
from hearth.homes.selectors import statement_of_purpose_current


@dataclass(frozen=True)
class PurposeMismatch:
    """One way the child falls outside the home's statement of purpose (Reg 14(1); Schedule 1)."""

    field: str
    message: str


def purpose_check(
    *, home: Home, child: Child, on: datetime.date, emergency: bool = False, needs: list[str] | None = None
) -> list[PurposeMismatch]:
    """Check the child against the statement of purpose in force on ``on``: needs (none excluded, all
    within the accepted range), age on the day, sex, capacity, and emergency admissions.

    Reg 14(1)(a): a child may be admitted only if their needs are within the range the statement
    of purpose sets out; Reg 14(1)(b) and the SoP limit emergency admissions.
    """
    sop = statement_of_purpose_current(home=home, as_of=on)
    living = children_current(home=home, as_of=on).exclude(pk=child.pk).count()
    return purpose_mismatches(sop=sop, home=home, child=child, on=on, living=living, emergency=emergency, needs=needs)


def purpose_mismatches(
    *,
    sop: StatementOfPurpose | None,
    home: Home,
    child: Child,
    on: datetime.date,
    living: int,
    emergency: bool = False,
    needs: list[str] | None = None,
) -> list[PurposeMismatch]:
    """``purpose_check`` on facts already loaded: the SoP in force and how many other children live there."""
    if sop is None:
        return [
            PurposeMismatch("statement_of_purpose", f"{home} has no statement of purpose in force on {on:%d %B %Y}.")
        ]
    out: list[PurposeMismatch] = []
    needs = child.needs if needs is None else needs
    excluded = [n for n in needs if n in sop.excluded_needs]
    if excluded:
        out.append(
            PurposeMismatch(
                "needs",
                f"The statement of purpose excludes: {', '.join(need_label(n).lower() for n in excluded)}.",
            )
        )
    outside = [n for n in needs if n not in sop.accepted_needs and n not in sop.excluded_needs]
    if outside:
        out.append(
            PurposeMismatch(
                "needs",
                f"Not in the range of needs the home meets: {', '.join(need_label(n).lower() for n in outside)}.",
            )
        )
    age = child.age_on(on)
    if not sop.age_min <= age <= sop.age_max:
        out.append(
            PurposeMismatch("age", f"Aged {age} on {on:%d %B %Y}; the home takes {sop.age_min} to {sop.age_max}.")
        )
    if sop.sexes != "mixed" and child.sex != sop.sexes:
        out.append(PurposeMismatch("sex", f"The home takes {SEXES[sop.sexes].lower()} only."))
    if living >= sop.capacity:
        out.append(
            PurposeMismatch(
                "capacity", f"{living} children already live here on {on:%d %B %Y}; the home is for {sop.capacity}."
            )
        )
    if emergency and not sop.emergency_admissions:
        out.append(PurposeMismatch("emergency", "The statement of purpose does not allow emergency admissions."))
    return out


def residents_without_section(*, assessment: ImpactAssessment, on: datetime.date) -> list[Child]:
    """Children living in the home on ``on`` whom the impact assessment does not consider."""
    referral = assessment.referral
    covered = assessment.residents.values("child_id")
    return list(children_current(home=referral.home, as_of=on).exclude(pk=referral.child_id).exclude(pk__in=covered))


def referrals_for_home(*, home: Home) -> QuerySet[Referral]:
    return Referral.objects.filter(home=home).select_related("child", "impact_assessment", "placement")


def admission_overrides(
    *, homes: QuerySet[Home] | list[Home] | None = None, provider: Provider | None = None
) -> QuerySet[Referral]:
    """Admissions the responsible individual let through despite a failed check: each is reported."""
    rows = Referral.objects.filter(override_at__isnull=False).select_related("child", "home").order_by("-override_at")
    if provider is not None:
        rows = rows.filter(home__provider=provider)
    if homes is not None:
        rows = rows.filter(home__in=homes)
    return rows
