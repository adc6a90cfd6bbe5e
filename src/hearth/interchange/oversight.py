"""Oversight in a bundle: Regulation 44 visit reports with their distribution, Regulation 45
reviews, Ofsted inspections (as their parsed reports), and actions (docs/bundle-format.md). Export and load live together so they stay in step.

Each is loaded once: a record whose id is stored changes nothing if it matches and is refused if
it differs (a submitted report or completed review is signed; an action's later changes are made
in Hearth, where history keeps them).
"""

from collections.abc import Iterable
from typing import Any

from hearth.children.models import Child
from hearth.inspections.models import Inspection
from hearth.inspections.services import inspection_record
from hearth.interchange.timeformat import format_datetime
from hearth.oversight import services
from hearth.oversight.models import Action, Reg44Distribution, Reg44Visit, Reg45Review
from hearth.staff.models import StaffMember

VISIT_TEXT = (
    "others_spoken_to",
    "records_sampled",
    "premises",
    "safeguarding_opinion",
    "safeguarding_reasons",
    "wellbeing_opinion",
    "wellbeing_reasons",
    "conflict_of_interest",
)
REVIEW_TEXT = ("views_of_children", "views_of_parents", "views_of_placing_authorities", "views_of_staff", "summary")
ACTION_TEXT = ("title", "detail", "regulation", "source_reference", "finding_code", "finding_subject")


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _ref(obj: Any) -> str | None:
    return obj.bundle_id if obj is not None else None


# --- export --------------------------------------------------------------------------------


def export_distribution(d: Reg44Distribution) -> dict[str, Any]:
    return {
        "id": d.bundle_id,
        "recipient": d.recipient,
        "recipient_name": d.recipient_name,
        "sent_on": _date(d.sent_on),
        "method": d.method,
        "recorded_by_name": d.recorded_by_name,
    }


def export_reg44_visit(v: Reg44Visit) -> dict[str, Any]:
    return {
        "id": v.bundle_id,
        "home": v.home.bundle_id,
        "visitor_name": v.visitor_name,
        "visited_on": _date(v.visited_on),
        "announced": v.announced,
        "children_spoken_to": sorted(c.bundle_id for c in v.children_spoken_to.all()),
        "staff_spoken_to": sorted(s.bundle_id for s in v.staff_spoken_to.all()),
        **{name: getattr(v, name) for name in VISIT_TEXT},
        "submitted_at": format_datetime(v.submitted_at),
        "distribution": sorted((export_distribution(d) for d in v.distribution.all()), key=lambda d: d["id"]),
    }


def export_reg45_review(r: Reg45Review) -> dict[str, Any]:
    return {
        "id": r.bundle_id,
        "home": r.home.bundle_id,
        "period_start": _date(r.period_start),
        "period_end": _date(r.period_end),
        "figures": r.figures,
        "findings": r.findings,
        "evaluation": r.evaluation,
        **{name: getattr(r, name) for name in REVIEW_TEXT},
        "completed_on": _date(r.completed_on),
        "completed_by_name": r.completed_by_name,
        "sent_to_ofsted_on": _date(r.sent_to_ofsted_on),
        "sent_by_name": r.sent_by_name,
    }


def export_action(a: Action) -> dict[str, Any]:
    return {
        "id": a.bundle_id,
        "home": a.home.bundle_id,
        "source": a.source,
        **{name: getattr(a, name) for name in ACTION_TEXT},
        "reg44_visit": _ref(a.reg44_visit),
        "reg45_review": _ref(a.reg45_review),
        "inspection": _ref(a.inspection),
        "compliance_notice": a.compliance_notice,
        "owner": _ref(a.owner),
        "due_on": _date(a.due_on),
        "status": a.status,
        "completed_on": _date(a.completed_on),
        "completion_evidence": a.completion_evidence,
        "completed_by_name": a.completed_by_name,
    }


def export_inspection(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.bundle_id,
        "home": i.home.bundle_id,
        "report": i.report,
        "source_name": i.source_name,
        "source_sha256": i.source_sha256,
        "imported_by_name": i.imported_by_name,
    }


def export_oversight_records(home_ids: Iterable[int]) -> dict[str, list[dict[str, Any]]]:
    ids = list(home_ids)
    visits = (
        Reg44Visit.objects.filter(home_id__in=ids)
        .select_related("home")
        .prefetch_related("children_spoken_to", "staff_spoken_to", "distribution")
    )
    reviews = Reg45Review.objects.filter(home_id__in=ids).select_related("home")
    inspections = Inspection.objects.filter(home_id__in=ids).select_related("home")
    actions = Action.objects.filter(home_id__in=ids).select_related(
        "home", "reg44_visit", "reg45_review", "inspection", "owner"
    )
    return {
        "reg44_visits": sorted((export_reg44_visit(v) for v in visits), key=lambda v: v["id"]),
        "reg45_reviews": sorted((export_reg45_review(r) for r in reviews), key=lambda r: r["id"]),
        "inspections": sorted((export_inspection(i) for i in inspections), key=lambda i: i["id"]),
        "actions": sorted((export_action(a) for a in actions), key=lambda a: a["id"]),
    }


# --- load ----------------------------------------------------------------------------------


def _created(call: Any) -> Any:
    """A service that creates, adapted to the loader's (record, changed) convention."""
    return lambda actor, **kw: (call(actor=actor, **kw), True)


def _inspection_saved(actor: Any, **kw: Any) -> tuple[Inspection, bool]:
    inspection, history_added = inspection_record(actor=actor, **kw)
    return inspection, history_added is not None


class OversightLoader:
    """Loads oversight for a bundle ``_Loader``, after staff and children (reports name them)."""

    def __init__(self, loader: Any, daily: Any) -> None:
        self.l = loader
        self.daily = daily

    def run(self, doc: dict[str, Any]) -> None:
        for i, item in enumerate(doc.get("reg44_visits", [])):
            self.reg44_visit(item, f"$.reg44_visits[{i}]")
        for i, item in enumerate(doc.get("reg45_reviews", [])):
            self.reg45_review(item, f"$.reg45_reviews[{i}]")
        for i, item in enumerate(doc.get("inspections", [])):
            self.inspection(item, f"$.inspections[{i}]")
        for i, item in enumerate(doc.get("actions", [])):
            self.action(item, f"$.actions[{i}]")

    def _people(self, model: Any, table: dict[str, Any], ids: list[str], path: str, kind: str) -> list[Any] | None:
        found = [self.l.ref(table, model, ref, f"{path}[{k}]", kind) for k, ref in enumerate(ids)]
        return None if None in found else found

    def reg44_visit(self, item: dict[str, Any], path: str) -> None:
        if self.daily.existing(Reg44Visit, item, path, export_reg44_visit, "reg44_visits"):
            return
        home = self.daily.home(item["home"], f"{path}.home")
        visited = self.l.date(item["visited_on"], f"{path}.visited_on")
        children = self._people(
            Child, self.l.children, item.get("children_spoken_to", []), f"{path}.children_spoken_to", "child"
        )
        staff = self._people(
            StaffMember, self.l.staff, item.get("staff_spoken_to", []), f"{path}.staff_spoken_to", "staff member"
        )
        if home is None or visited is None or children is None or staff is None:
            self.l.failed.add(item["id"])  # its own error says why; what cites it stays quiet
            return
        visit = self.l.save(
            "reg44_visits",
            path,
            _created(services.reg44_visit_record),
            external_id=item["id"],
            home=home,
            visited_on=visited,
            visitor_name=item["visitor_name"],
            announced=item.get("announced", False),
            children=children,
            staff=staff,
            **{name: item.get(name, "") for name in VISIT_TEXT},
        )
        if visit is None or not item.get("submitted_at"):
            return
        submitted = self.daily.when(item["submitted_at"], f"{path}.submitted_at")
        if submitted is None:
            return
        self.l.save(
            "reg44_visits",
            f"{path}.submitted_at",
            lambda actor, **kw: (services.reg44_visit_submit(actor=actor, **kw), False),
            visit=visit,
            submitted_at=submitted,
        )
        for j, copy in enumerate(item.get("distribution", [])):
            cpath = f"{path}.distribution[{j}]"
            sent = self.l.date(copy["sent_on"], f"{cpath}.sent_on")
            if sent is None:
                continue
            self.l.save(
                "reg44_distribution",
                cpath,
                _created(services.reg44_distribution_record),
                external_id=copy["id"],
                visit=visit,
                recipient=copy["recipient"],
                recipient_name=copy.get("recipient_name", ""),
                sent_on=sent,
                method=copy.get("method", ""),
                recorded_by_name=copy["recorded_by_name"],
            )

    def reg45_review(self, item: dict[str, Any], path: str) -> None:
        if self.daily.existing(Reg45Review, item, path, export_reg45_review, "reg45_reviews"):
            return
        home = self.daily.home(item["home"], f"{path}.home")
        start = self.l.date(item["period_start"], f"{path}.period_start")
        end = self.l.date(item["period_end"], f"{path}.period_end")
        completed = self.l.date(item.get("completed_on"), f"{path}.completed_on")
        sent = self.l.date(item.get("sent_to_ofsted_on"), f"{path}.sent_to_ofsted_on")
        if home is None or start is None or end is None:
            self.l.failed.add(item["id"])
            return
        extra = {k: item[k] for k in ("figures", "findings") if item.get(k)}
        review = self.l.save(
            "reg45_reviews",
            path,
            _created(services.reg45_review_start),
            external_id=item["id"],
            home=home,
            period_start=start,
            period_end=end,
            evaluation=item.get("evaluation", {}),
            **{name: item.get(name, "") for name in REVIEW_TEXT},
            **extra,
        )
        if review is None or completed is None:
            return
        review = self.l.save(
            "reg45_reviews",
            path,  # the service names the field at fault: completed_on, summary, a view
            lambda actor, **kw: (services.reg45_review_complete(actor=actor, **kw), False),
            review=review,
            completed_on=completed,
            completed_by_name=item.get("completed_by_name", ""),
        )
        if review is not None and sent is not None:
            self.l.save(
                "reg45_reviews",
                f"{path}.sent_to_ofsted_on",
                lambda actor, **kw: (services.reg45_review_mark_sent(actor=actor, **kw), False),
                review=review,
                sent_on=sent,
                sent_by_name=item.get("sent_by_name", ""),
            )

    def inspection(self, item: dict[str, Any], path: str) -> None:
        """An imported inspection: stored from its parsed report, with its history rows; its
        requirements arrive as the bundle's actions."""
        if self.daily.existing(Inspection, item, path, export_inspection, "inspections"):
            return
        home = self.daily.home(item["home"], f"{path}.home")
        if home is None:
            self.l.failed.add(item["id"])
            return
        self.l.save(
            "inspections",
            path,
            _inspection_saved,
            external_id=item["id"],
            home=home,
            report=item["report"],
            source_name=item["source_name"],
            source_sha256=item.get("source_sha256", ""),
            by_name=item["imported_by_name"],
        )

    def action(self, item: dict[str, Any], path: str) -> None:
        if self.daily.existing(Action, item, path, export_action, "actions"):
            return
        home = self.daily.home(item["home"], f"{path}.home")
        due = self.l.date(item["due_on"], f"{path}.due_on")
        completed = self.l.date(item.get("completed_on"), f"{path}.completed_on")
        owner = self.daily.staff(item["owner"], f"{path}.owner") if item.get("owner") else None
        visit = (
            self.l.ref({}, Reg44Visit, item["reg44_visit"], f"{path}.reg44_visit", "Regulation 44 visit")
            if item.get("reg44_visit")
            else None
        )
        review = (
            self.l.ref({}, Reg45Review, item["reg45_review"], f"{path}.reg45_review", "Regulation 45 review")
            if item.get("reg45_review")
            else None
        )
        inspection = (
            self.l.ref({}, Inspection, item["inspection"], f"{path}.inspection", "inspection")
            if item.get("inspection")
            else None
        )
        if home is None or due is None or (item.get("owner") and owner is None):
            return
        self.l.save(
            "actions",
            path,
            _created(services.action_create),
            external_id=item["id"],
            home=home,
            source=item["source"],
            owner=owner,
            due_on=due,
            reg44_visit=visit,
            reg45_review=review,
            inspection=inspection,
            compliance_notice=item.get("compliance_notice", False),
            status=item.get("status", Action.Status.OPEN),
            completed_on=completed,
            completion_evidence=item.get("completion_evidence", ""),
            completed_by_name=item.get("completed_by_name", ""),
            **{name: item.get(name, "") for name in ACTION_TEXT},
        )
