"""The daily record loaded from a bundle: log entries, incidents (with missing episodes, physical
interventions and notifications), outings, and visitors with their visits.

These are signed records. Loading one whose id is already stored changes nothing if it matches,
and is refused if it differs: a signed record is corrected by an addendum, never by a bundle.
"""

from collections.abc import Callable
from typing import Any

from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.incidents import services as incident_services
from hearth.incidents.models import Incident
from hearth.interchange.daily_export import export_incident, export_log_entry, export_outing, export_visitor
from hearth.interchange.errors import BundleError
from hearth.interchange.timeformat import format_datetime, parse_datetime
from hearth.records import services as record_services
from hearth.records.models import LogEntry, Outing
from hearth.staff.models import StaffMember
from hearth.visitors import services as visitor_services
from hearth.visitors.models import Visitor

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
        found = model._base_manager.filter(external_id=item["id"]).first()  # a voided record is still stored
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

    UNORDERED = frozenset(
        {
            "children",
            "staff",
            "staff_used",
            "risk_domains",
            "items",
            "residents",
            "incidents",
            "children_spoken_to",
            "staff_spoken_to",
        }
    )

    def normalise(self, value: Any, key: str = "") -> Any:
        """The bundle value as export would write it: relative and naive times made absolute,
        and lists whose order carries no meaning sorted as export sorts them."""
        if isinstance(value, dict):
            if set(value) in ({"days_before_load", "time"}, {"months_before_load", "day", "time"}):
                return format_datetime(parse_datetime(value, self.l.load_day))
            if set(value) in ({"days_before_load"}, {"months_before_load", "day"}):
                return self.l.date(value, "").isoformat()
            return {k: self.normalise(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [self.normalise(v) for v in value]
            if key in self.UNORDERED:
                items.sort(
                    key=lambda v: (
                        (v.get("child") or v.get("staff") or v.get("domain") or "") if isinstance(v, dict) else v
                    )
                )
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
                responded_at=self.when(r.get("responded_at"), f"{path}.concern_responses[{j}].responded_at"),
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
        for j, a in enumerate(item.get("addenda", [])):
            self.l.save(
                "addenda",
                f"{path}.addenda[{j}]",
                lambda actor, **kw: (incident_services.incident_add_addendum(actor=actor, **kw), True),
                external_id=a["id"],
                incident=incident,
                reason=a["reason"],
                text=a["text"],
                author_name=a.get("author_name"),
            )
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
            location=item.get("location"),
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
