"""The daily record exported as bundle sections (see daily_load.py for loading, docs/bundle-format.md)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from hearth.incidents.models import Incident, IncidentChild, IncidentStaff, MissingAction
from hearth.interchange.timeformat import format_datetime
from hearth.records.models import LogEntry, Outing
from hearth.visitors.models import Visitor

# --- export --------------------------------------------------------------------------------


def _review(at: Any, comment: str) -> dict[str, Any] | None:
    return None if at is None else {"reviewed_at": format_datetime(at), "comment": comment}


def export_log_entry(e: LogEntry) -> dict[str, Any]:
    return {
        "id": e.bundle_id,
        "home": e.home.bundle_id,
        "children": sorted(c.bundle_id for c in e.children.all()),
        "kind": e.kind,
        "occurred_at": format_datetime(e.occurred_at),
        "recorded_at": format_datetime(e.recorded_at),
        "author_name": e.author_name,
        "text": e.text,
        "review": _review(e.reviewed_at, e.review_comment),
        "addenda": [
            {"id": a.bundle_id, "author_name": a.author_name, "reason": a.reason, "text": a.text}
            for a in e.addenda.all()
        ],
        "concern_responses": [
            {
                "id": r.bundle_id,
                "response": r.response,
                "incident": r.incident.bundle_id if r.incident else None,
                "reason": r.reason,
                "responded_at": format_datetime(r.responded_at),
            }
            for r in e.concern_responses.all()
        ],
    }


def export_incident(i: Incident) -> dict[str, Any]:
    m = getattr(i, "missing_episode", None)
    p = getattr(i, "physical_intervention", None)
    return {
        "id": i.bundle_id,
        "home": i.home.bundle_id,
        "type": i.type,
        "severity": i.severity,
        "occurred_at": format_datetime(i.occurred_at),
        "recorded_at": format_datetime(i.recorded_at),
        "location": i.location,
        "what_happened": i.what_happened,
        "action_taken": i.action_taken,
        "risk_domains": list(i.risk_domains),
        "reported_by_name": i.reported_by_name,
        "children": sorted(
            ({"child": r.child.bundle_id, "role": r.role} for r in i.involved_children.all()), key=lambda r: r["child"]
        ),
        "staff": sorted(
            ({"staff": r.staff_member.bundle_id, "role": r.role} for r in i.involved_staff.all()),
            key=lambda r: r["staff"],
        ),
        "review": _review(i.reviewed_at, i.review_comment),
        "addenda": [
            {"id": a.bundle_id, "author_name": a.author_name, "reason": a.reason, "text": a.text}
            for a in i.addenda.all()
        ],
        "notifications": [
            {
                "id": n.bundle_id,
                "recipient": n.recipient,
                "sent_at": format_datetime(n.sent_at),
                "method": n.method,
                "reference": n.reference,
                "sent_by_name": n.sent_by_name,
            }
            for n in i.notifications.all()
        ],
        "missing_episode": None
        if m is None
        else {
            "id": m.bundle_id,
            "whereabouts_known": m.whereabouts_known,
            "last_seen_where": m.last_seen_where,
            "risk_level": m.risk_level,
            "police_informed_at": format_datetime(m.police_informed_at),
            "police_reference": m.police_reference,
            "placing_authority_informed_at": format_datetime(m.placing_authority_informed_at),
            "returned_at": format_datetime(m.returned_at),
            "return_condition": m.return_condition,
            "return_interview_offered_at": format_datetime(m.return_interview_offered_at),
            "return_interview_held_at": format_datetime(m.return_interview_held_at),
            "return_interview_by": m.return_interview_by,
            "actions": [
                {"at": format_datetime(a.at), "kind": a.kind, "description": a.description, "by_name": a.by_name}
                for a in m.actions.all()
            ],
        },
        "physical_intervention": None
        if p is None
        else {
            "id": p.bundle_id,
            "behaviour_before": p.behaviour_before,
            "steps_tried_first": p.steps_tried_first,
            "technique": p.technique,
            "duration_minutes": p.duration_minutes,
            "staff_used": sorted(s.bundle_id for s in p.staff_used.all()),
            "witnesses": p.witnesses,
            "injuries": p.injuries,
            "injury_treatment": p.injury_treatment,
            "outcome": p.outcome,
            "staff_spoken_signed": _review(p.staff_spoken_signed_at, p.staff_spoken_comment),
            "child_spoken": _review(p.child_spoken_at, p.child_spoken_comment),
        },
    }


def export_outing(o: Outing) -> dict[str, Any]:
    return {
        "id": o.bundle_id,
        "home": o.home.bundle_id,
        "child": o.child.bundle_id,
        "kind": o.kind,
        "destination": o.destination,
        "address": o.address,
        "starts_at": format_datetime(o.starts_at),
        "ends_at": format_datetime(o.ends_at),
        "staff": sorted(s.bundle_id for s in o.staff.all()),
        "address_verified": o.address_verified,
        "verification": o.verification,
        "adults": list(o.adults),
        "notes": o.notes,
        "author_name": o.author_name,
    }


def export_visitor(v: Visitor) -> dict[str, Any]:
    return {
        "id": v.bundle_id,
        "home": v.home.bundle_id,
        "name": v.name,
        "kind": v.kind,
        "organisation": v.organisation,
        "related_staff_member": v.related_staff_member.bundle_id if v.related_staff_member else None,
        "relationship": v.relationship,
        "dbs": {
            "certificate_number": v.dbs_certificate_number,
            "issued_on": v.dbs_issued_on.isoformat(),
            "barred_list_checked": True,
        }
        if v.has_dbs and v.dbs_issued_on
        else None,
        "risk_assessment": {"text": v.risk_assessment, "approved_at": format_datetime(v.risk_assessment_approved_at)}
        if v.risk_assessment_approved_at
        else None,
        "visits": [
            {
                "id": x.bundle_id,
                "arrived_at": format_datetime(x.arrived_at),
                "left_at": format_datetime(x.left_at),
                "reason": x.reason,
                "contact": x.contact,
                "children": sorted(c.bundle_id for c in x.children.all()),
                "supervised_by": x.supervised_by.bundle_id if x.supervised_by else None,
                "recorded_by_name": x.recorded_by_name,
            }
            for x in sorted(v.visits.all(), key=lambda x: x.arrived_at)
        ],
    }


def export_daily_records(home_ids: Iterable[int]) -> dict[str, list[dict[str, Any]]]:
    ids = list(home_ids)
    entries = (
        LogEntry.objects.filter(home_id__in=ids)
        .select_related("home")
        .prefetch_related("children", "addenda", "concern_responses__incident")
    )
    incidents = (
        Incident.objects.filter(home_id__in=ids)
        .select_related("home", "missing_episode", "physical_intervention")
        .prefetch_related(
            Prefetch("involved_children", queryset=IncidentChild.objects.select_related("child")),
            Prefetch("involved_staff", queryset=IncidentStaff.objects.select_related("staff_member")),
            "notifications",
            "addenda",
            Prefetch("missing_episode__actions", queryset=MissingAction.objects.order_by("at", "id")),
            "physical_intervention__staff_used",
        )
    )
    outings = Outing.objects.filter(home_id__in=ids).select_related("home", "child").prefetch_related("staff")
    visitors = (
        Visitor.objects.filter(home_id__in=ids)
        .select_related("home", "related_staff_member")
        .prefetch_related("visits__children", "visits__supervised_by")
    )

    def by_id(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(items, key=lambda x: x["id"])

    return {
        "log_entries": by_id(export_log_entry(e) for e in entries),
        "incidents": by_id(export_incident(i) for i in incidents),
        "outings": by_id(export_outing(o) for o in outings),
        "visitors": by_id(export_visitor(v) for v in visitors),
    }
