"""Load a records bundle: all or nothing, idempotent, every error with its JSON path.

Loading goes through each app's own services, so every record gets the same validation,
history versions and audit events as one written in the browser. A record whose id is already
stored is brought up to date; one that is unchanged is not touched, so loading the same bundle
twice changes nothing.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from hearth.access.services import account_upsert, membership_upsert
from hearth.children.models import Child
from hearth.children.services import case_record_consent_upsert, child_upsert, placement_upsert
from hearth.core.services import Actor
from hearth.homes.models import Home, Provider
from hearth.homes.services import (
    home_set_registered_manager,
    home_upsert,
    location_assessment_upsert,
    provider_upsert,
    statement_of_purpose_upsert,
)
from hearth.interchange.care import CareLoader
from hearth.interchange.daily_load import DailyLoader
from hearth.interchange.declared import KINDS
from hearth.interchange.errors import BundleError, BundleInvalid
from hearth.interchange.kinds import KindsLoader
from hearth.interchange.oversight import OversightLoader
from hearth.interchange.schema import structural_errors
from hearth.interchange.staffing import STAFF_RECORD_LISTS, StaffLoader
from hearth.interchange.timeformat import relative_date
from hearth.staff.models import StaffMember
from hearth.staff.services import staff_member_upsert


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool, changed: bool) -> None:
        bucket = self.created if created else self.updated if changed else self.unchanged
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        def fmt(d: dict[str, int]) -> str:
            return ", ".join(f"{n} {k}" for k, n in sorted(d.items())) or "nothing"

        return f"created {fmt(self.created)}; updated {fmt(self.updated)}; unchanged {fmt(self.unchanged)}"


class _Loader:
    def __init__(self, document: dict[str, Any], actor: Actor, load_day: datetime.date, *, careful: bool) -> None:
        self.doc = document
        self.careful = careful  # each record in a savepoint, so that one's error is reported and the rest go on
        self.actor = actor
        self.load_day = load_day
        self.errors: list[BundleError] = []
        self.report = LoadReport()
        self.providers: dict[str, Provider] = {}
        self.homes: dict[str, Home] = {}
        self.staff: dict[str, StaffMember] = {}
        self.children: dict[str, Child] = {}
        self.failed: set[str] = set()  # ids whose own error is already reported

    # --- values --------------------------------------------------------------------------

    def date(self, value: Any, path: str) -> datetime.date | None:
        if value is None:
            return None
        if isinstance(value, dict):
            return relative_date(value, self.load_day)
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.errors.append(BundleError(path, f"{value!r} is not a real date (YYYY-MM-DD)"))
            return None

    def ref(self, table: dict[str, Any], model: Any, ref_id: str, path: str, kind: str) -> Any:
        if ref_id in table:
            return table[ref_id]
        if ref_id in self.failed:
            return None  # its own error says why; a second one here would only be noise
        found = model._base_manager.filter(external_id=ref_id).first()  # a voided record is still stored
        if found is None:
            self.errors.append(BundleError(path, f"no {kind} with id {ref_id!r} in this bundle or already stored"))
        return found

    def save(self, kind: str, path: str, call: Any, /, **kwargs: Any) -> Any:
        """Run one service call (careful: in its own savepoint); turn its validation errors into JSON-path errors."""
        if self.errors and not self.careful:
            raise _CarefulLoadNeeded  # the fast load goes no further than its first error
        errors_before = len(self.errors)
        obj = self._save(kind, path, call, **kwargs)
        if len(self.errors) > errors_before and kwargs.get("external_id"):
            self.failed.add(kwargs["external_id"])
        return obj

    def _save(self, kind: str, path: str, call: Any, /, **kwargs: Any) -> Any:
        if not self.careful:  # an error here stops the load, which bundle_load then runs again carefully
            obj, changed = call(actor=self.actor, **kwargs)
            self.report.count(kind, created=changed and obj.version == 1, changed=changed)
            return obj
        try:
            with transaction.atomic():
                obj, changed = call(actor=self.actor, **kwargs)
        except ValidationError as exc:
            located = exc.message_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.messages)]
            for name, messages in located:
                for message in messages:
                    self.errors.append(BundleError(f"{path}.{name}" if name != "__all__" else path, message))
            return None
        except IntegrityError as exc:
            self.errors.append(BundleError(path, f"conflicts with a stored record ({exc})"))
            return None
        # A service bumps ``version`` on every change, so a changed record still at version 1 is new.
        self.report.count(kind, created=changed and obj.version == 1, changed=changed)
        return obj

    # --- checks across the bundle ----------------------------------------------------------

    def check_unique_ids(self) -> None:
        seen: dict[str, str] = {}
        for path, item in self.walk_ids():
            if item in seen:
                self.errors.append(BundleError(path, f"id {item!r} is already used at {seen[item]}"))
            else:
                seen[item] = path
        urns: dict[str, str] = {}
        for i, home in enumerate(self.doc.get("homes", [])):
            path = f"$.homes[{i}].urn"
            if home["urn"] in urns:
                self.errors.append(BundleError(path, f"URN {home['urn']} is already used at {urns[home['urn']]}"))
            urns[home["urn"]] = path
            other = Home.objects.filter(urn=home["urn"]).exclude(external_id=home["id"]).first()
            if other is not None:
                self.errors.append(
                    BundleError(path, f"URN {home['urn']} belongs to another stored home ({other.name})")
                )

    def walk_ids(self) -> list[tuple[str, str]]:
        out = []
        for kind in ("providers", "homes", "staff", "children"):
            for i, item in enumerate(self.doc.get(kind, [])):
                out.append((f"$.{kind}[{i}].id", item["id"]))
                subs = ("statements_of_purpose", "location_assessments", "placements", "case_record_consents")
                for sub in (*subs, *STAFF_RECORD_LISTS):
                    for j, child_item in enumerate(item.get(sub, [])):
                        out.append((f"$.{kind}[{i}].{sub}[{j}].id", child_item["id"]))
                        for k, plan in enumerate(child_item.get("plans", [])):
                            out.append((f"$.{kind}[{i}].{sub}[{j}].plans[{k}].id", plan["id"]))
        for i, account in enumerate(self.doc.get("accounts", [])):  # usernames are their own namespace
            for j, membership in enumerate(account["memberships"]):
                out.append((f"$.accounts[{i}].memberships[{j}].id", membership["id"]))
        declared = tuple(k.key for k in KINDS)
        for kind in (
            "risk_assessments",
            "referrals",
            "reg44_visits",
            "reg45_reviews",
            "inspections",
            "actions",
            *declared,
        ):
            for i, item in enumerate(self.doc.get(kind, [])):
                out.append((f"$.{kind}[{i}].id", item["id"]))
                for j, copy in enumerate(item.get("distribution", [])):
                    out.append((f"$.{kind}[{i}].distribution[{j}].id", copy["id"]))
                if kind == "referrals" and item.get("impact_assessment"):
                    out.append((f"$.{kind}[{i}].impact_assessment.id", item["impact_assessment"]["id"]))
        return out

    # --- the load ----------------------------------------------------------------------------

    def run(self) -> None:
        self.check_unique_ids()
        daily = DailyLoader(self)
        staffing = StaffLoader(self, daily)
        for i, p in enumerate(self.doc.get("providers", [])):
            obj = self.save("providers", f"$.providers[{i}]", provider_upsert, external_id=p["id"], name=p["name"])
            if obj:
                self.providers[p["id"]] = obj
                staffing.courses(obj, p.get("courses"), f"$.providers[{i}]")
        for i, h in enumerate(self.doc.get("homes", [])):
            self.load_home(i, h)
        for i, s in enumerate(self.doc.get("staff", [])):
            member = self.load_staff(i, s)
            if member is not None:
                staffing.staff_records(member, s, f"$.staff[{i}]")
        for i, h in enumerate(self.doc.get("homes", [])):
            home = self.homes.get(h["id"])
            manager_id = h.get("registered_manager")
            if home is not None and manager_id:
                manager = self.ref(
                    self.staff, StaffMember, manager_id, f"$.homes[{i}].registered_manager", "staff member"
                )
                if manager is not None and manager.home_id != home.pk:
                    self.errors.append(
                        BundleError(f"$.homes[{i}].registered_manager", f"{manager} does not work at {home}")
                    )
                elif manager is not None and home_set_registered_manager(actor=self.actor, home=home, manager=manager):
                    self.report.count("homes", created=False, changed=True)
        for i, c in enumerate(self.doc.get("children", [])):
            self.load_child(i, c)
        for i, a in enumerate(self.doc.get("accounts", [])):
            self.load_account(i, a)
        daily.run(self.doc)
        CareLoader(self, daily).run(self.doc)
        OversightLoader(self, daily).run(self.doc)
        KindsLoader(self, daily).run(self.doc, KINDS)

    def load_home(self, i: int, h: dict[str, Any]) -> None:
        path = f"$.homes[{i}]"
        provider = self.ref(self.providers, Provider, h["provider"], f"{path}.provider", "provider")
        if provider is None:
            self.failed.add(h["id"])
            return
        address = h["address"]
        home = self.save(
            "homes",
            path,
            home_upsert,
            external_id=h["id"],
            provider=provider,
            name=h["name"],
            urn=h["urn"],
            address_line_1=address["line_1"],
            address_line_2=address.get("line_2", ""),
            town=address["town"],
            postcode=address["postcode"],
            capacity=h["capacity"],
            age_min=h["age_range"]["min"],
            age_max=h["age_range"]["max"],
            sexes=h["sexes"],
        )
        if home is None:
            return
        self.homes[h["id"]] = home
        for j, s in enumerate(h.get("statements_of_purpose", [])):
            spath = f"{path}.statements_of_purpose[{j}]"
            effective_from = self.date(s["effective_from"], f"{spath}.effective_from")
            if effective_from is None:
                continue
            self.save(
                "statements_of_purpose",
                spath,
                statement_of_purpose_upsert,
                external_id=s["id"],
                home=home,
                number=s["number"],
                effective_from=effective_from,
                summary=s["summary"],
                accepted_needs=s["accepted_needs"],
                excluded_needs=s.get("excluded_needs", []),
                age_min=s["age_range"]["min"],
                age_max=s["age_range"]["max"],
                capacity=s["capacity"],
                sexes=s["sexes"],
                emergency_admissions=s["emergency_admissions"],
            )
        for j, a in enumerate(h.get("location_assessments", [])):
            apath = f"{path}.location_assessments[{j}]"
            reviewed_on = self.date(a["reviewed_on"], f"{apath}.reviewed_on")
            next_due = self.date(a["next_review_due"], f"{apath}.next_review_due")
            if reviewed_on is None or next_due is None:
                continue
            self.save(
                "location_assessments",
                apath,
                location_assessment_upsert,
                external_id=a["id"],
                home=home,
                reviewed_on=reviewed_on,
                next_review_due=next_due,
                summary=a["summary"],
                consulted=a.get("consulted", ""),
                local_risks=a.get("local_risks", []),
                area_offers=a.get("area_offers", []),
            )

    def load_staff(self, i: int, s: dict[str, Any]) -> StaffMember | None:
        path = f"$.staff[{i}]"
        home = self.ref(self.homes, Home, s["home"], f"{path}.home", "home")
        start = self.date(s["start_date"], f"{path}.start_date")
        end = self.date(s.get("end_date"), f"{path}.end_date")
        if home is None or start is None:
            self.failed.add(s["id"])
            return None
        member = self.save(
            "staff",
            path,
            staff_member_upsert,
            external_id=s["id"],
            home=home,
            first_name=s["first_name"],
            last_name=s["last_name"],
            role=s["role"],
            start_date=start,
            end_date=end,
            email=s.get("email", ""),
        )
        if member is not None:
            self.staff[s["id"]] = member
        return member

    def load_child(self, i: int, c: dict[str, Any]) -> None:
        path = f"$.children[{i}]"
        dob = self.date(c["date_of_birth"], f"{path}.date_of_birth")
        if dob is None:
            self.failed.add(c["id"])
            return
        if dob > self.load_day:
            self.errors.append(BundleError(f"{path}.date_of_birth", "the date of birth is in the future"))
            return
        worker = c.get("social_worker", {})
        child = self.save(
            "children",
            path,
            child_upsert,
            external_id=c["id"],
            first_name=c["first_name"],
            last_name=c["last_name"],
            known_as=c.get("known_as", ""),
            date_of_birth=dob,
            sex=c["sex"],
            legal_status=c["legal_status"],
            placing_authority=c["placing_authority"],
            social_worker_name=worker.get("name", ""),
            social_worker_email=worker.get("email", ""),
            social_worker_phone=worker.get("phone", ""),
            needs=c.get("needs", []),
        )
        if child is None:
            return
        self.children[c["id"]] = child
        for j, p in enumerate(c.get("placements", [])):
            ppath = f"{path}.placements[{j}]"
            home = self.ref(self.homes, Home, p["home"], f"{ppath}.home", "home")
            admitted = self.date(p["admitted_on"], f"{ppath}.admitted_on")
            left = self.date(p.get("left_on"), f"{ppath}.left_on")
            if home is None or admitted is None:
                continue
            placement = self.save(
                "placements",
                ppath,
                placement_upsert,
                external_id=p["id"],
                child=child,
                home=home,
                admitted_on=admitted,
                emergency=p.get("emergency", False),
                left_on=left,
                leaving_reason=p.get("leaving_reason", ""),
                leaving_notes=p.get("leaving_notes", ""),
                ending_planned=p.get("ending_planned"),
                destination=p.get("destination", ""),
                child_view_of_ending=p.get("child_view_of_ending", ""),
                ending_summary=p.get("ending_summary", ""),
            )
            if placement is not None and p.get("plans"):
                CareLoader(self, DailyLoader(self)).placement_plans(placement, p["plans"], ppath)
        for j, k in enumerate(c.get("case_record_consents", [])):
            kpath = f"{path}.case_record_consents[{j}]"
            home = self.ref(self.homes, Home, k["home"], f"{kpath}.home", "home")
            given = self.date(k["child_consented_on"], f"{kpath}.child_consented_on")
            agreed = self.date(k["placing_authority_consented_on"], f"{kpath}.placing_authority_consented_on")
            if home is None or given is None or agreed is None:
                continue
            self.save(
                "case_record_consents",
                kpath,
                case_record_consent_upsert,
                external_id=k["id"],
                child=child,
                home=home,
                child_consented_on=given,
                placing_authority_consented_on=agreed,
                placing_authority_contact=k["placing_authority_contact"],
                withdrawn_on=self.date(k.get("withdrawn_on"), f"{kpath}.withdrawn_on"),
                today=self.load_day,
            )

    def load_account(self, i: int, a: dict[str, Any]) -> None:
        """An account and its roles (no password travels: see docs/bundle-format.md)."""
        path = f"$.accounts[{i}]"
        existed = get_user_model().objects.filter(username=a["id"]).exists()
        user, changed = account_upsert(
            actor=self.actor,
            username=a["id"],
            first_name=a["first_name"],
            last_name=a["last_name"],
            email=a.get("email", ""),
        )
        self.report.count("accounts", created=not existed, changed=changed)
        for j, m in enumerate(a["memberships"]):
            mpath = f"{path}.memberships[{j}]"
            home = self.ref(self.homes, Home, m["home"], f"{mpath}.home", "home") if "home" in m else None
            provider = (
                self.ref(self.providers, Provider, m["provider"], f"{mpath}.provider", "provider")
                if "provider" in m
                else None
            )
            starts = self.date(m["starts_on"], f"{mpath}.starts_on")
            if starts is None or (home is None and provider is None):
                if "home" not in m and "provider" not in m:
                    self.errors.append(
                        BundleError(mpath, "a role names its home, or (responsible individual) its provider")
                    )
                continue
            self.save(
                "memberships",
                mpath,
                membership_upsert,
                external_id=m["id"],
                user=user,
                role=m["role"],
                home=home,
                provider=provider,
                starts_on=starts,
                ends_on=self.date(m.get("ends_on"), f"{mpath}.ends_on"),
            )


def bundle_load(*, actor: Actor, document: Any, load_day: datetime.date) -> LoadReport:
    """Load a bundle document in one transaction. Raises ``BundleInvalid`` (saving nothing) on any error.

    ``load_day`` is the day relative dates (``{"days_before_load": N}``) count back from.
    """
    errors = structural_errors(document)
    if errors:
        raise BundleInvalid(errors)
    try:  # most bundles are valid: load them without a savepoint per record (two queries in five)
        with transaction.atomic():
            fast = _Loader(document, actor, load_day, careful=False)
            with _savepoints_skipped():
                fast.run()
            if fast.errors or connection.needs_rollback:  # an error some service caught still spoils the load
                raise _CarefulLoadNeeded
        return fast.report
    except (_CarefulLoadNeeded, ValidationError, DatabaseError):  # DatabaseError: IntegrityError and the rest
        pass  # rolled back; the careful load below finds and reports every error, with its path
    loader = _Loader(document, actor, load_day, careful=True)
    with transaction.atomic():
        loader.run()
        if loader.errors:
            raise BundleInvalid(loader.errors)  # rolls back everything the load wrote
    return loader.report


class _CarefulLoadNeeded(Exception):
    """The fast load met an error: it is rolled back, and the bundle loaded again record by record."""


@contextmanager
def _savepoints_skipped() -> Iterator[None]:
    """Atomic blocks inside take no savepoint, as Django does where a backend has none.

    An error inside one then spoils the whole transaction (Django marks it for rollback, and the
    next query raises ``TransactionManagementError``), which ``bundle_load`` rolls back and loads
    again carefully, so the outcome is the same. The demo then loads in 6,600 queries, not 11,800:
    on PostgreSQL each is a round trip to the server; SQLite's savepoints cost almost nothing.
    """
    wrapper = transaction.get_connection()
    if not hasattr(wrapper, "_savepoint_allowed"):  # a Django without the hook: savepoints as usual
        yield
        return
    wrapper._savepoint_allowed = lambda: False  # this connection only
    try:
        yield
    finally:
        del wrapper._savepoint_allowed
