"""Care planning in a bundle: individual risk assessments, referrals with impact risk assessments,
and placement plans (docs/bundle-format.md). Export and load live together so they stay in step.

Approved risk assessments and impact assessments are signed records: loading one whose id is
stored changes nothing if it matches and is refused if it differs.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from hearth.admissions import services as admission_services
from hearth.admissions.models import ImpactAssessment, ImpactResidentSection, Referral
from hearth.children.models import Placement, PlacementPlan
from hearth.children.services import placement_plan_record
from hearth.incidents.models import Incident
from hearth.interchange.timeformat import format_datetime
from hearth.risk import services as risk_services
from hearth.risk.models import RiskAssessment, RiskItem

# --- export --------------------------------------------------------------------------------


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _approval(at: Any, name: str, comment: str) -> dict[str, Any] | None:
    return None if at is None else {"approved_at": format_datetime(at), "by_name": name, "comment": comment}


def export_risk_assessment(a: RiskAssessment) -> dict[str, Any]:
    return {
        "id": a.bundle_id,
        "child": a.child.bundle_id,
        "home": a.home.bundle_id,
        "number": a.number,
        "written_by_name": a.written_by_name,
        "strengths": a.strengths,
        "child_words": a.child_words,
        "history": a.history_text,
        "approval": _approval(a.approved_at, a.approved_by_name, a.approval_comment),
        "items": sorted(
            (
                {
                    "domain": i.domain,
                    "level": i.level,
                    **{f: getattr(i, f) for f in RiskItem.TEXT_FIELDS},
                    "review_by": _date(i.review_by),
                    "incidents": sorted(x.bundle_id for x in i.incidents.all()),
                }
                for i in a.items.all()
            ),
            key=lambda i: i["domain"],
        ),
    }


def export_placement_plan(p: PlacementPlan) -> dict[str, Any]:
    return {
        "id": p.bundle_id,
        "agreed_on": _date(p.agreed_on),
        "agreed_with": p.agreed_with,
        "summary": p.summary,
        "child_views": p.child_views,
        "review_by": _date(p.review_by),
        "recorded_by_name": p.recorded_by_name,
    }


def _impact(ia: ImpactAssessment | None) -> dict[str, Any] | None:
    if ia is None:
        return None
    return {
        "id": ia.bundle_id,
        "needs_and_risks": ia.needs_and_risks,
        "benefits": ia.benefits,
        "decision": ia.decision,
        "decision_reasons": ia.decision_reasons,
        "written_by_name": ia.written_by_name,
        "approval": _approval(ia.approved_at, ia.approved_by_name, ia.approval_comment),
        "residents": sorted(
            (
                {
                    "child": s.child.bundle_id,
                    "risks_to": s.risks_to,
                    "risks_from": s.risks_from,
                    "management": s.management,
                }
                for s in ia.residents.all()
            ),
            key=lambda s: s["child"],
        ),
    }


def export_referral(r: Referral) -> dict[str, Any]:
    return {
        "id": r.bundle_id,
        "home": r.home.bundle_id,
        "child": r.child.bundle_id,
        "received_on": _date(r.received_on),
        "referrer": r.referrer,
        "needs_summary": r.needs_summary,
        "risk_domains": list(r.risk_domains),
        "proposed_admission_on": _date(r.proposed_admission_on),
        "emergency": r.emergency,
        "status": r.status,
        "placement": r.placement.bundle_id if r.placement else None,
        "impact_assessment": _impact(getattr(r, "impact_assessment", None)),
        "admission_problems": list(r.admission_problems),
        "override": None
        if r.override_at is None
        else {"at": format_datetime(r.override_at), "by_name": r.override_by_name, "reason": r.override_reason},
    }


def export_care_records(home_ids: Iterable[int]) -> dict[str, list[dict[str, Any]]]:
    ids = list(home_ids)
    assessments = (
        RiskAssessment.objects.filter(home_id__in=ids)
        .select_related("child", "home")
        .prefetch_related(Prefetch("items", queryset=RiskItem.objects.prefetch_related("incidents")))
    )
    sections = ImpactResidentSection.objects.select_related("child")
    referrals = (
        Referral.objects.filter(home_id__in=ids)
        .select_related("home", "child", "placement", "impact_assessment")
        .prefetch_related(Prefetch("impact_assessment__residents", queryset=sections))
    )
    return {
        "risk_assessments": sorted(
            (export_risk_assessment(a) for a in assessments), key=lambda a: (a["child"], a["number"])
        ),
        "referrals": sorted((export_referral(r) for r in referrals), key=lambda r: r["id"]),
    }


# --- load ----------------------------------------------------------------------------------


class CareLoader:
    """Loads care planning for a bundle ``_Loader``, after the daily record (items cite incidents)."""

    def __init__(self, loader: Any, daily: Any) -> None:
        self.l = loader
        self.daily = daily

    def run(self, doc: dict[str, Any]) -> None:
        ordered = sorted(enumerate(doc.get("risk_assessments", [])), key=lambda p: (p[1]["child"], p[1]["number"]))
        for i, item in ordered:
            self.risk_assessment(item, f"$.risk_assessments[{i}]")
        for i, item in enumerate(doc.get("referrals", [])):
            self.referral(item, f"$.referrals[{i}]")

    def placement_plans(self, placement: Placement, plans: list[dict[str, Any]], path: str) -> None:
        for j, plan in enumerate(plans):
            ppath = f"{path}.plans[{j}]"
            if self.daily.existing(PlacementPlan, plan, ppath, export_placement_plan, "placement_plans"):
                continue
            agreed = self.l.date(plan["agreed_on"], f"{ppath}.agreed_on")
            if agreed is None:
                continue
            self.l.save(
                "placement_plans",
                ppath,
                lambda actor, **kw: (placement_plan_record(actor=actor, **kw), True),
                external_id=plan["id"],
                placement=placement,
                agreed_on=agreed,
                agreed_with=plan["agreed_with"],
                summary=plan["summary"],
                child_views=plan["child_views"],
                review_by=self.l.date(plan.get("review_by"), f"{ppath}.review_by"),
                recorded_by_name=plan.get("recorded_by_name"),
                today=self.l.load_day,
            )

    def risk_assessment(self, item: dict[str, Any], path: str) -> None:
        if self.daily.existing(RiskAssessment, item, path, export_risk_assessment, "risk_assessments"):
            return
        child = self.daily.child(item["child"], f"{path}.child")
        home = self.daily.home(item["home"], f"{path}.home")
        if child is None or home is None:
            return
        draft = self.l.save(
            "risk_assessments",
            path,
            lambda actor, **kw: (risk_services.risk_assessment_start(actor=actor, **kw), True),
            external_id=item["id"],
            child=child,
            home=home,
            number=item["number"],
            author_name=item["written_by_name"],
            strengths=item.get("strengths", ""),
            child_words=item.get("child_words", ""),
            history_text=item.get("history", ""),
            copy_current=False,
        )
        if draft is None:
            return
        for j, it in enumerate(item["items"]):
            ipath = f"{path}.items[{j}]"
            incidents = [
                self.l.ref({}, Incident, ref, f"{ipath}.incidents[{k}]", "incident")
                for k, ref in enumerate(it.get("incidents", []))
            ]
            review_by = self.l.date(it["review_by"], f"{ipath}.review_by")
            if None in incidents or review_by is None:
                continue
            self.l.save(
                "risk_items",
                ipath,
                lambda actor, **kw: (risk_services.risk_item_save(actor=actor, **kw), True),
                assessment=draft,
                incidents=incidents,
                domain=it["domain"],
                level=it["level"],
                review_by=review_by,
                **{f: it.get(f, "") for f in RiskItem.TEXT_FIELDS},
            )
        approval = item.get("approval")
        if approval:
            self.l.save(
                "risk_approvals",
                f"{path}.approval",
                lambda actor, **kw: (risk_services.risk_assessment_approve(actor=actor, **kw), True),
                assessment=draft,
                comment=approval.get("comment", ""),
                at=self.daily.when(approval["approved_at"], f"{path}.approval.approved_at"),
                approver_name=approval["by_name"],
            )

    def referral(self, item: dict[str, Any], path: str) -> None:
        if self.daily.existing(Referral, item, path, export_referral, "referrals"):
            return
        child = self.daily.child(item["child"], f"{path}.child")
        home = self.daily.home(item["home"], f"{path}.home")
        received = self.l.date(item["received_on"], f"{path}.received_on")
        proposed = self.l.date(item["proposed_admission_on"], f"{path}.proposed_admission_on")
        if child is None or home is None or received is None or proposed is None:
            return
        referral = self.l.save(
            "referrals",
            path,
            lambda actor, **kw: (admission_services.referral_create(actor=actor, **kw), True),
            external_id=item["id"],
            home=home,
            child=child,
            received_on=received,
            referrer=item["referrer"],
            needs_summary=item["needs_summary"],
            proposed_admission_on=proposed,
            risk_domains=item.get("risk_domains", []),
            emergency=item.get("emergency", False),
            status=item.get("status", Referral.Status.OPEN),
        )
        if referral is None:
            return
        ia = item.get("impact_assessment")
        if ia:
            self.impact_assessment(referral, ia, f"{path}.impact_assessment")
        if item.get("placement"):
            placement = self.l.ref({}, Placement, item["placement"], f"{path}.placement", "placement")
            override = item.get("override")
            if placement is not None:
                self.l.save(
                    "referrals",
                    f"{path}.placement",
                    lambda actor, **kw: (referral, admission_services.referral_link_placement(actor=actor, **kw)),
                    referral=referral,
                    placement=placement,
                    problems=item.get("admission_problems", []),
                    override=None
                    if not override
                    else {
                        "override_at": self.daily.when(override["at"], f"{path}.override.at"),
                        "override_by_name": override["by_name"],
                        "override_reason": override["reason"],
                    },
                )

    def impact_assessment(self, referral: Referral, ia: dict[str, Any], path: str) -> None:
        assessment = self.l.save(
            "impact_assessments",
            path,
            lambda actor, **kw: (admission_services.impact_assessment_start(actor=actor, **kw), True),
            external_id=ia["id"],
            referral=referral,
            on=None,
            author_name=ia["written_by_name"],
        )
        if assessment is None:
            return
        fields = {k: ia.get(k, "") for k in ("needs_and_risks", "benefits", "decision", "decision_reasons")}
        self.l.save(
            "impact_assessments",
            path,
            lambda actor, **kw: (assessment, bool(admission_services.impact_assessment_update(actor=actor, **kw))),
            assessment=assessment,
            **fields,
        )
        for j, section in enumerate(ia.get("residents", [])):
            spath = f"{path}.residents[{j}]"
            resident = self.daily.child(section["child"], f"{spath}.child")
            if resident is None:
                continue
            self.l.save(
                "impact_sections",
                spath,
                lambda actor, **kw: (admission_services.impact_section_add(actor=actor, **kw), True),
                assessment=assessment,
                child=resident,
                risks_to=section.get("risks_to", ""),
                risks_from=section.get("risks_from", ""),
                management=section.get("management", ""),
            )
        approval = ia.get("approval")
        if approval:
            at = self.daily.when(approval["approved_at"], f"{path}.approval.approved_at")
            if at is None:
                return
            self.l.save(
                "impact_approvals",
                f"{path}.approval",
                lambda actor, **kw: (admission_services.impact_assessment_record_approval(actor=actor, **kw), True),
                assessment=assessment,
                at=at,
                approver_name=approval["by_name"],
                comment=approval.get("comment", ""),
            )
