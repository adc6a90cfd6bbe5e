"""Care planning (Regulation 14): admissions weighed before they happen, within the statement of
purpose, and a placement plan soon after (rules.md "Care planning").

Judged for every child living in the homes on ``as_of`` and every admission in the year before,
from facts loaded once (``admissions``): placements, the statements of purpose, referrals with
their impact assessments and resident sections, and placement plans.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone

from hearth.admissions.models import ImpactAssessment, ImpactResidentSection, Referral
from hearth.admissions.selectors import purpose_mismatches
from hearth.children.models import Placement, PlacementPlan
from hearth.children.selectors import PLACEMENT_PLAN_WORKING_DAYS
from hearth.core.dates import add_working_days
from hearth.homes.models import StatementOfPurpose
from hearth.oversight.engine import CARE_PLANNING, HIGH, MEDIUM, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.links import child_url


@dataclass
class Admission:
    placement: Placement
    referral: Referral | None = None
    assessment: ImpactAssessment | None = None
    sections: list[ImpactResidentSection] = field(default_factory=list)
    residents: list[Placement] = field(default_factory=list)  # others living there on the day
    plans: list[PlacementPlan] = field(default_factory=list)

    def subject(self) -> Ref:
        p = self.placement
        return ref(p.child, "child", p.child.display_name, url=child_url(p.child, p.home))

    def placement_ref(self) -> Ref:
        p = self.placement
        return ref(
            p, "placement", f"{p.child.display_name} admitted {p.admitted_on:%-d %B %Y}", url=child_url(p.child, p.home)
        )


def admissions(ctx: AuditContext) -> list[Admission]:
    """Placements to judge, with what bears on them. Six queries whatever the numbers."""

    def load() -> list[Admission]:
        year_ago = ctx.as_of - datetime.timedelta(days=365)
        at_homes = list(
            Placement.objects.filter(home_id__in=ctx.home_ids, admitted_on__lte=ctx.as_of).select_related(
                "child", "home"
            )
        )
        judged = [
            Admission(p) for p in at_homes if p.admitted_on >= year_ago or p.left_on is None or p.left_on > ctx.as_of
        ]
        by_home: dict[int, list[Placement]] = {}
        for p in at_homes:
            by_home.setdefault(p.home_id, []).append(p)
        for a in judged:
            day = a.placement.admitted_on
            a.residents = [
                o
                for o in by_home[a.placement.home_id]
                if o.child_id != a.placement.child_id
                and o.child_id != a.placement.child_id
                and o.admitted_on < day
                and (o.left_on is None or o.left_on > day)
            ]
        by_placement = {a.placement.pk: a for a in judged}
        for r in Referral.objects.filter(placement_id__in=by_placement).select_related("home"):
            by_placement[r.placement_id].referral = r  # type: ignore[index]
        by_referral = {a.referral.pk: a for a in judged if a.referral}
        for ia in ImpactAssessment.objects.filter(referral_id__in=by_referral):
            ia.referral = by_referral[ia.referral_id].referral  # type: ignore[assignment]
            by_referral[ia.referral_id].assessment = ia
        by_assessment = {a.assessment.pk: a for a in judged if a.assessment}
        for s in ImpactResidentSection.objects.filter(assessment_id__in=by_assessment):
            by_assessment[s.assessment_id].sections.append(s)
        for plan in PlacementPlan.objects.filter(placement_id__in=by_placement):
            by_placement[plan.placement_id].plans.append(plan)
        return judged

    result: list[Admission] = ctx.once("admissions", load)
    return result


@rule("admission.no_impact_assessment", regulation="14(1)", standard=CARE_PLANNING, severity=HIGH)
def no_impact_assessment(ctx: AuditContext) -> Iterator[Finding]:
    """A placement began without an impact risk assessment approved before the admission date
    (Reg 14(1): the registered person must weigh the effect on the children already living there)."""
    for a in admissions(ctx):
        ia = a.assessment
        approved_on = timezone.localtime(ia.approved_at).date() if ia and ia.approved_at else None
        if approved_on is not None and approved_on <= a.placement.admitted_on:
            continue
        why = (
            "with no impact risk assessment"
            if ia is None
            else "before its impact risk assessment was approved"
            if approved_on is None or approved_on > a.placement.admitted_on
            else ""
        )
        yield ctx.finding(
            home=a.placement.home,
            subject=a.subject(),
            message=f"{a.placement.child.display_name} was admitted on {a.placement.admitted_on:%-d %B %Y} {why}.",
            evidence=[a.placement_ref()] + ([ref(a.referral, "referral", "Referral")] if a.referral else []),
        )


@rule("admission.residents_not_considered", regulation="14(1)", standard=CARE_PLANNING, severity=HIGH)
def residents_not_considered(ctx: AuditContext) -> Iterator[Finding]:
    """The impact risk assessment does not consider every child living in the home at the time, or
    gives no reasons for its decision (Reg 14(1))."""
    for a in admissions(ctx):
        if a.assessment is None:
            continue
        considered = {
            s.child_id for s in a.sections if s.risks_to.strip() and s.risks_from.strip() and s.management.strip()
        }
        missed = sorted(o.child.display_name for o in a.residents if o.child_id not in considered)
        problems = []
        if missed:
            problems.append(f"it does not weigh the effect on {', '.join(missed)}")
        if not a.assessment.decision_reasons.strip():
            problems.append("it gives no reasons for the decision")
        if problems:
            yield ctx.finding(
                home=a.placement.home,
                subject=a.subject(),
                message=f"{a.placement.child.display_name}'s impact risk assessment is incomplete: {'; '.join(problems)}.",
                evidence=[
                    ref(
                        a.assessment,
                        "impact_assessment",
                        f"Impact risk assessment for {a.placement.child.display_name}",
                    )
                ],
            )


@rule("admission.outside_purpose", regulation="14(1)(a) and 16", standard=CARE_PLANNING, severity=HIGH)
def outside_purpose(ctx: AuditContext) -> Iterator[Finding]:
    """At admission the child's needs, age or sex fell outside the range in the home's statement of
    purpose (Reg 14(1)(a); Reg 16). Capacity and emergency admissions are checked too."""
    sops: dict[int, list[StatementOfPurpose]] = defaultdict(list)
    for sop in StatementOfPurpose.objects.filter(home_id__in=ctx.home_ids).order_by("number"):
        sops[sop.home_id].append(sop)
    for a in admissions(ctx):
        p = a.placement
        in_force = [s for s in sops.get(p.home_id, []) if s.effective_from <= p.admitted_on]
        found = purpose_mismatches(
            sop=in_force[-1] if in_force else None,
            home=p.home,
            child=p.child,
            on=p.admitted_on,
            living=len(a.residents),
            emergency=p.emergency,
        )
        if found:
            yield ctx.finding(
                home=p.home,
                subject=a.subject(),
                message=f"{p.child.display_name} was admitted on {p.admitted_on:%-d %B %Y} outside the statement of "
                f"purpose: {' '.join(m.message for m in found)}",
                evidence=[a.placement_ref()],
            )


@rule("plan.placement_plan_missing", regulation="14(2)", standard=CARE_PLANNING, severity=MEDIUM)
def placement_plan_missing(ctx: AuditContext) -> Iterator[Finding]:
    """No placement plan within 5 working days of admission (Reg 14(2); England's bank holidays skipped)."""
    for a in admissions(ctx):
        due = add_working_days(a.placement.admitted_on, PLACEMENT_PLAN_WORKING_DAYS)
        if due >= ctx.as_of or any(plan.agreed_on <= due for plan in a.plans):
            continue
        yield ctx.finding(
            home=a.placement.home,
            subject=a.subject(),
            message=f"{a.placement.child.display_name}'s placement plan was due by {due:%-d %B %Y} and "
            + ("was agreed late." if a.plans else "has not been recorded."),
            evidence=[a.placement_ref()],
        )
