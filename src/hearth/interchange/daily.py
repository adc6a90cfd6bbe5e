"""The daily record in bundles: log entries, incidents (with missing episodes, physical
interventions and notifications), outings, and visitors with their visits.

These are signed records. Loading one whose id is already stored changes nothing if it matches,
and is refused if it differs: a signed record is corrected by an addendum, never by a bundle.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch

from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.incidents import services as incident_services
from hearth.incidents.models import Incident, IncidentChild, IncidentStaff, MissingAction
from hearth.interchange.errors import BundleError
from hearth.interchange.timeformat import format_datetime, parse_datetime
from hearth.records import services as record_services
from hearth.records.models import LogEntry, Outing
from hearth.staff.models import StaffMember
from hearth.visitors import services as visitor_services
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


# --- load ----------------------------------------------------------------------------------


def _matches(given: Any, stored: Any) -> bool:
    """Does the stored value say what the bundle says? Fields the bundle leaves out are not compared."""
    if isinstance(given, dict) and isinstance(stored, dict):
        return all(_matches(v, stored.get(k)) for k, v in given.items())
    if isinstance(given, list) and isinstance(stored, list):
        if given and all(isinstance(g, dict) and "id" in g for g in given):
            by_id = {s.get("id"): s for s in stored if isinstance(s, dict)}
            return len(given) == len(stored) and all(_matches(g, by_id.get(g["id"])) for g in given)
        return len(given) == len(stored) and all(_matches(g, s) for g, s in zip(given, stored, strict=True))
    return bool(given == stored)


class DailyLoader:
    """Loads the daily record for a bundle ``_Loader`` (which owns errors, references and the report)."""

    def __init__(self, loader: Any) -> None:
        self.l = loader

    def when(self, value: Any, path: str) -> Any:
        if value is None:
            return None
        try:
            return parse_datetime(value, self.l.load_day)
        except ValueError:
            self.l.errors.append(BundleError(path, f"{value!r} is not a real date and time"))
            return None

    def home(self, ref: str, path: str) -> Home | None:
        return self.l.ref(self.l.homes, Home, ref, path, "home")  # type: ignore[no-any-return]

    def child(self, ref: str, path: str) -> Child | None:
        return self.l.ref(self.l.children, Child, ref, path, "child")  # type: ignore[no-any-return]

    def staff(self, ref: str, path: str) -> StaffMember | None:
        return self.l.ref(self.l.staff, StaffMember, ref, path, "staff member")  # type: ignore[no-any-return]

    def existing(
        self, model: Any, item: dict[str, Any], path: str, exporter: Callable[[Any], dict[str, Any]], kind: str
    ) -> bool:
        """True if the record is already stored. It must match the bundle: signed records do not change."""
        found = model.objects.filter(external_id=item["id"]).first()
        if found is None:
            return False
        stored = exporter(found)
        differing = [k for k, v in self.normalise(item).items() if not _matches(v, stored.get(k))]
        if differing:
            self.l.errors.append(
                BundleError(
                    path,
                    f"differs from the signed record already stored ({', '.join(differing)}); "
                    "a signed record is corrected by an addendum, not by loading a bundle",
                )
            )
        else:
            self.l.report.count(kind, created=False, changed=False)
        return True

    UNORDERED = frozenset({"children", "staff", "staff_used", "risk_domains"})

    def normalise(self, value: Any, key: str = "") -> Any:
        """The bundle value as export would write it: relative and naive times made absolute,
        and lists whose order carries no meaning sorted as export sorts them."""
        if isinstance(value, dict):
            if set(value) == {"days_before_load", "time"}:
                return format_datetime(parse_datetime(value, self.l.load_day))
            return {k: self.normalise(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [self.normalise(v) for v in value]
            if key in self.UNORDERED:
                items.sort(key=lambda v: (v.get("child") or v.get("staff") or "") if isinstance(v, dict) else v)
            return items
        if isinstance(value, str) and len(value) >= 16 and value[4] == "-" and value[10:11] == "T":
            try:
                return format_datetime(parse_datetime(value, self.l.load_day))
            except ValueError:
                return value
        return value

    def run(self, doc: dict[str, Any]) -> None:
        # Incidents first: a concern response may name the incident it raised.
        for i, item in enumerate(doc.get("incidents", [])):
            self.incident(item, f"$.incidents[{i}]")
        for i, item in enumerate(doc.get("log_entries", [])):
            self.log_entry(item, f"$.log_entries[{i}]")
        for i, item in enumerate(doc.get("outings", [])):
            self.outing(item, f"$.outings[{i}]")
        for i, item in enumerate(doc.get("visitors", [])):
            self.visitor(item, f"$.visitors[{i}]")

    def log_entry(self, item: dict[str, Any], path: str) -> None:
        if self.existing(LogEntry, item, path, export_log_entry, "log_entries"):
            return
        home = self.home(item["home"], f"{path}.home")
        children = [self.child(c, f"{path}.children[{j}]") for j, c in enumerate(item["children"])]
        occurred, recorded = (
            self.when(item["occurred_at"], f"{path}.occurred_at"),
            self.when(item.get("recorded_at"), f"{path}.recorded_at"),
        )
        if home is None or None in children or occurred is None:
            return
        entry = self.l.save(
            "log_entries",
            path,
            lambda actor, **kw: (record_services.log_entry_create(actor=actor, **kw), True),
            external_id=item["id"],
            home=home,
            children=children,
            occurred_at=occurred,
            recorded_at=recorded,
            text=item["text"],
            kind=item.get("kind", "daily"),
            author_name=item.get("author_name"),
        )
        if entry is None:
            return
        for j, a in enumerate(item.get("addenda", [])):
            self.l.save(
                "addenda",
                f"{path}.addenda[{j}]",
                lambda actor, **kw: (record_services.log_entry_add_addendum(actor=actor, **kw), True),
                external_id=a["id"],
                entry=entry,
                reason=a["reason"],
                text=a["text"],
                author_name=a.get("author_name"),
            )
        for j, r in enumerate(item.get("concern_responses", [])):
            incident = (
                self.l.ref({}, Incident, r["incident"], f"{path}.concern_responses[{j}].incident", "incident")
                if r.get("incident")
                else None
            )
            self.l.save(
                "concern_responses",
                f"{path}.concern_responses[{j}]",
                lambda actor, **kw: (record_services.concern_respond(actor=actor, **kw), True),
                external_id=r["id"],
                entry=entry,
                response=r["response"],
                reason=r.get("reason", ""),
                incident=incident,
            )
        review = item.get("review")
        if review:
            at = self.when(review["reviewed_at"], f"{path}.review.reviewed_at")
            self.l.save(
                "reviews",
                f"{path}.review",
                lambda actor, **kw: (record_services.log_entry_review(actor=actor, **kw), True),
                entry=entry,
                comment=review.get("comment", ""),
                at=at,
            )

    def incident(self, item: dict[str, Any], path: str) -> None:
        if self.existing(Incident, item, path, export_incident, "incidents"):
            return
        home = self.home(item["home"], f"{path}.home")
        occurred, recorded = (
            self.when(item["occurred_at"], f"{path}.occurred_at"),
            self.when(item.get("recorded_at"), f"{path}.recorded_at"),
        )
        children = [
            (self.child(r["child"], f"{path}.children[{j}].child"), r["role"]) for j, r in enumerate(item["children"])
        ]
        staff = [
            (self.staff(r["staff"], f"{path}.staff[{j}].staff"), r["role"]) for j, r in enumerate(item.get("staff", []))
        ]
        if home is None or occurred is None or any(c is None for c, _ in children) or any(s is None for s, _ in staff):
            return
        m, p = item.get("missing_episode"), item.get("physical_intervention")
        if m:
            incident = self._missing(item, m, path, home, children, occurred, recorded)
        elif p:
            incident = self._intervention(item, p, path, home, children, occurred, recorded)
        else:
            incident = self.l.save(
                "incidents",
                path,
                lambda actor, **kw: (incident_services.incident_create(actor=actor, **kw), True),
                external_id=item["id"],
                home=home,
                type=item["type"],
                severity=item["severity"],
                occurred_at=occurred,
                recorded_at=recorded,
                location=item.get("location", ""),
                what_happened=item["what_happened"],
                action_taken=item["action_taken"],
                children=children,
                staff=staff,
                risk_domains=item.get("risk_domains", []),
                reported_by_name=item.get("reported_by_name"),
            )
        if incident is None:
            return
        for j, n in enumerate(item.get("notifications", [])):
            sent = self.when(n["sent_at"], f"{path}.notifications[{j}].sent_at")
            self.l.save(
                "notifications",
                f"{path}.notifications[{j}]",
                lambda actor, **kw: (incident_services.notification_record(actor=actor, **kw), True),
                external_id=n["id"],
                incident=incident,
                recipient=n["recipient"],
                sent_at=sent,
                method=n.get("method", ""),
                reference=n.get("reference", ""),
                sent_by_name=n.get("sent_by_name"),
            )
        review = item.get("review")
        if review:
            at = self.when(review["reviewed_at"], f"{path}.review.reviewed_at")
            self.l.save(
                "reviews",
                f"{path}.review",
                lambda actor, **kw: (incident_services.incident_review(actor=actor, **kw), True),
                incident=incident,
                comment=review.get("comment") or "Reviewed.",
                at=at,
            )

    def _staff_roles(self, item: dict[str, Any], path: str) -> list[tuple[Any, str]]:
        return [
            (self.staff(r["staff"], f"{path}.staff[{j}].staff"), r["role"]) for j, r in enumerate(item.get("staff", []))
        ]

    def _missing(
        self,
        item: dict[str, Any],
        m: dict[str, Any],
        path: str,
        home: Home,
        children: list[Any],
        occurred: Any,
        recorded: Any,
    ) -> Any:
        mpath = f"{path}.missing_episode"
        subject = next((c for c, role in children if role == "subject"), children[0][0])
        episode = self.l.save(
            "missing_episodes",
            mpath,
            lambda actor, **kw: (incident_services.missing_episode_create(actor=actor, **kw), True),
            external_id=m["id"],
            incident_external_id=item["id"],
            home=home,
            child=subject,
            whereabouts_known=m["whereabouts_known"],
            last_seen_at=occurred,
            last_seen_where=m["last_seen_where"],
            circumstances=item["what_happened"],
            risk_level=m["risk_level"],
            action_taken=item["action_taken"],
            reported_by_name=item.get("reported_by_name"),
            risk_domains=item.get("risk_domains") or ["missing"],
            staff=[(s, r) for s, r in self._staff_roles(item, path)],
            police_informed_at=self.when(m.get("police_informed_at"), f"{mpath}.police_informed_at"),
            police_reference=m.get("police_reference", ""),
            placing_authority_informed_at=self.when(
                m.get("placing_authority_informed_at"), f"{mpath}.placing_authority_informed_at"
            ),
            recorded_at=recorded,
        )
        if episode is None:
            return None
        for j, a in enumerate(m.get("actions", [])):
            self.l.save(
                "missing_actions",
                f"{mpath}.actions[{j}]",
                lambda actor, **kw: (incident_services.missing_action_add(actor=actor, **kw), True),
                episode=episode,
                at=self.when(a["at"], f"{mpath}.actions[{j}].at"),
                kind=a["kind"],
                description=a["description"],
                by_name=a.get("by_name"),
            )
        later = {
            f: self.when(m.get(f), f"{mpath}.{f}")
            for f in ("returned_at", "return_interview_offered_at", "return_interview_held_at")
        }
        later = {k: v for k, v in later.items() if v is not None}
        if later:
            self.l.save(
                "missing_episodes",
                mpath,
                lambda actor, **kw: (incident_services.missing_episode_update(actor=actor, **kw), False),
                episode=episode,
                return_condition=m.get("return_condition", ""),
                return_interview_by=m.get("return_interview_by", ""),
                **later,
            )
        return episode.incident

    def _intervention(
        self,
        item: dict[str, Any],
        p: dict[str, Any],
        path: str,
        home: Home,
        children: list[Any],
        occurred: Any,
        recorded: Any,
    ) -> Any:
        ppath = f"{path}.physical_intervention"
        used = [self.staff(s, f"{ppath}.staff_used[{j}]") for j, s in enumerate(p["staff_used"])]
        if None in used:
            return None
        pi = self.l.save(
            "physical_interventions",
            ppath,
            lambda actor, **kw: (incident_services.physical_intervention_create(actor=actor, **kw), True),
            external_id=p["id"],
            incident_external_id=item["id"],
            home=home,
            child=children[0][0],
            occurred_at=occurred,
            location=item.get("location", ""),
            behaviour_before=p["behaviour_before"],
            steps_tried_first=p["steps_tried_first"],
            technique=p["technique"],
            duration_minutes=p["duration_minutes"],
            staff_used=used,
            outcome=p["outcome"],
            witnesses=p.get("witnesses", ""),
            injuries=p.get("injuries", ""),
            injury_treatment=p.get("injury_treatment", ""),
            severity=item["severity"],
            recorded_at=recorded,
            what_happened=item["what_happened"],
            action_taken=item["action_taken"],
            reported_by_name=item.get("reported_by_name"),
        )
        if pi is None:
            return None
        for key, step in (
            ("staff_spoken_signed", incident_services.physical_intervention_sign),
            ("child_spoken", incident_services.physical_intervention_child_spoken),
        ):
            signed = p.get(key)
            if signed:
                self.l.save(
                    "reviews",
                    f"{ppath}.{key}",
                    lambda actor, _step=step, **kw: (_step(actor=actor, **kw), True),
                    intervention=pi,
                    comment=signed.get("comment") or "Done.",
                    at=self.when(signed["reviewed_at"], f"{ppath}.{key}.reviewed_at"),
                )
        return pi.incident

    def outing(self, item: dict[str, Any], path: str) -> None:
        if self.existing(Outing, item, path, export_outing, "outings"):
            return
        home, child = self.home(item["home"], f"{path}.home"), self.child(item["child"], f"{path}.child")
        staff = [self.staff(s, f"{path}.staff[{j}]") for j, s in enumerate(item.get("staff", []))]
        starts = self.when(item["starts_at"], f"{path}.starts_at")
        if home is None or child is None or None in staff or starts is None:
            return
        self.l.save(
            "outings",
            path,
            lambda actor, **kw: (record_services.outing_create(actor=actor, **kw), True),
            external_id=item["id"],
            home=home,
            child=child,
            kind=item["kind"],
            destination=item["destination"],
            address=item.get("address", ""),
            starts_at=starts,
            ends_at=self.when(item.get("ends_at"), f"{path}.ends_at"),
            staff=staff,
            address_verified=item["address_verified"],
            verification=item.get("verification", ""),
            adults=item.get("adults", []),
            notes=item.get("notes", ""),
            author_name=item.get("author_name"),
        )

    def visitor(self, item: dict[str, Any], path: str) -> None:
        if self.existing(Visitor, item, path, export_visitor, "visitors"):
            return
        home = self.home(item["home"], f"{path}.home")
        related = (
            self.staff(item["related_staff_member"], f"{path}.related_staff_member")
            if item.get("related_staff_member")
            else None
        )
        if home is None:
            return
        visitor = self.l.save(
            "visitors",
            path,
            lambda actor, **kw: (visitor_services.visitor_create(actor=actor, **kw), True),
            external_id=item["id"],
            home=home,
            name=item["name"],
            kind=item["kind"],
            organisation=item.get("organisation", ""),
            relationship=item.get("relationship", ""),
            related_staff_member=related,
        )
        if visitor is None:
            return
        if item.get("dbs"):
            import datetime

            d = item["dbs"]
            self.l.save(
                "visitor_checks",
                f"{path}.dbs",
                lambda actor, **kw: (visitor_services.visitor_record_dbs(actor=actor, **kw), True),
                visitor=visitor,
                certificate_number=d["certificate_number"],
                issued_on=datetime.date.fromisoformat(d["issued_on"])
                if isinstance(d["issued_on"], str)
                else self.l.date(d["issued_on"], f"{path}.dbs.issued_on"),
                barred_list_checked=d["barred_list_checked"],
            )
        if item.get("risk_assessment"):
            ra = item["risk_assessment"]
            self.l.save(
                "visitor_checks",
                f"{path}.risk_assessment",
                lambda actor, **kw: (visitor_services.visitor_approve_risk_assessment(actor=actor, **kw), True),
                visitor=visitor,
                risk_assessment=ra["text"],
                at=self.when(ra["approved_at"], f"{path}.risk_assessment.approved_at"),
            )
        for j, v in enumerate(item.get("visits", [])):
            vpath = f"{path}.visits[{j}]"
            kids = [self.child(c, f"{vpath}.children[{k}]") for k, c in enumerate(v.get("children", []))]
            supervisor = self.staff(v["supervised_by"], f"{vpath}.supervised_by") if v.get("supervised_by") else None
            arrived = self.when(v["arrived_at"], f"{vpath}.arrived_at")
            if None in kids or arrived is None:
                continue
            self.l.save(
                "visits",
                vpath,
                lambda actor, **kw: (visitor_services.visit_record(actor=actor, **kw), True),
                external_id=v["id"],
                visitor=visitor,
                arrived_at=arrived,
                left_at=self.when(v.get("left_at"), f"{vpath}.left_at"),
                reason=v["reason"],
                contact=v["contact"],
                children=kids,
                supervised_by=supervisor,
                recorded_by_name=v.get("recorded_by_name"),
            )
