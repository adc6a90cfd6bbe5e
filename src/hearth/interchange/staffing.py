"""Bundle export and load for staffing: the provider's training catalogue, and each staff
member's vetting, exceptions, qualifications, training, supervision and shifts.

Verified checks, exceptions, deferrals, completions, supervisions and shifts are signed records:
an identical reload changes nothing and a differing one is refused with its path. Courses and
qualifications are kept up to date from the bundle (a qualification is achieved later).
"""

from typing import Any

from hearth.homes.models import Provider
from hearth.interchange.errors import BundleError
from hearth.interchange.timeformat import format_datetime
from hearth.staff import services as staff_services
from hearth.staff.models import (
    Course,
    DbsUpdateCheck,
    Qualification,
    QualificationDeferral,
    Shift,
    StaffMember,
    Supervision,
    TrainingCompletion,
    VettingCheck,
    VettingException,
)


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _sorted(items: Any) -> list[dict[str, Any]]:
    return sorted(items, key=lambda item: item["id"])


def export_course(c: Course) -> dict[str, Any]:
    return {
        "code": c.code,
        "title": c.title,
        "mandatory_for": sorted(c.mandatory_for),
        "renew_every_months": c.renew_every_months,
        "safeguarding": c.safeguarding,
        "retired": c.retired,
    }


def export_courses(provider: Provider) -> list[dict[str, Any]]:
    return sorted((export_course(c) for c in provider.courses.all()), key=lambda c: c["code"])


def export_vetting_check(c: VettingCheck) -> dict[str, Any]:
    return {
        "id": c.bundle_id,
        "kind": c.kind,
        "verified_on": _date(c.verified_on),
        "verified_by_name": c.verified_by_name,
        "evidence": c.evidence,
        "not_applicable": c.not_applicable,
        "dbs_certificate_number": c.dbs_certificate_number,
        "dbs_issued_on": _date(c.dbs_issued_on),
        "dbs_children_barred_list": c.dbs_children_barred_list,
        "dbs_update_service": c.dbs_update_service,
        "referee_name": c.referee_name,
        "referee_organisation": c.referee_organisation,
        "referee_is_latest_employer": c.referee_is_latest_employer,
        "withdrawn": {
            "at": format_datetime(c.withdrawn_at),
            "by_name": c.withdrawn_by_name,
            "reason": c.withdrawn_reason,
        }
        if c.withdrawn_at
        else None,
    }


def export_dbs_update_check(c: DbsUpdateCheck) -> dict[str, Any]:
    return {
        "id": c.bundle_id,
        "checked_on": _date(c.checked_on),
        "outcome": c.outcome,
        "checked_by_name": c.checked_by_name,
    }


def export_vetting_exception(e: VettingException) -> dict[str, Any]:
    return {
        "id": e.bundle_id,
        "outstanding": list(e.outstanding),
        "reason": e.reason,
        "safeguards": e.safeguards,
        "starts_on": _date(e.starts_on),
        "ends_on": _date(e.ends_on),
        "recorded_by_name": e.recorded_by_name,
    }


def export_qualification(q: Qualification) -> dict[str, Any]:
    return {
        "id": q.bundle_id,
        "kind": q.kind,
        "title": q.title,
        "enrolled_on": _date(q.enrolled_on),
        "achieved_on": _date(q.achieved_on),
        "awarding_body": q.awarding_body,
        "certificate_reference": q.certificate_reference,
    }


def export_deferral(d: QualificationDeferral) -> dict[str, Any]:
    return {
        "id": d.bundle_id,
        "kind": d.kind,
        "deferred_until": _date(d.deferred_until),
        "reason": d.reason,
        "recorded_by_name": d.recorded_by_name,
    }


def export_completion(t: TrainingCompletion) -> dict[str, Any]:
    return {
        "id": t.bundle_id,
        "course": t.course.code,
        "completed_on": _date(t.completed_on),
        "expires_on": _date(t.expires_on),
        "delivered_by": t.delivered_by,
        "certificate_reference": t.certificate_reference,
        "recorded_by_name": t.recorded_by_name,
    }


def export_supervision(s: Supervision) -> dict[str, Any]:
    return {
        "id": s.bundle_id,
        "kind": s.kind,
        "held_on": _date(s.held_on),
        "supervisor_name": s.supervisor_name,
        "next_due": _date(s.next_due),
        "summary": s.summary,
        "recorded_by_name": s.recorded_by_name,
    }


def export_shift(s: Shift) -> dict[str, Any]:
    return {
        "id": s.bundle_id,
        "starts_at": format_datetime(s.starts_at),
        "ends_at": format_datetime(s.ends_at),
        "vetting_exception": s.vetting_exception.bundle_id if s.vetting_exception else None,
        "cancelled": {
            "at": format_datetime(s.cancelled_at),
            "by_name": s.cancelled_by_name,
            "reason": s.cancelled_reason,
        }
        if s.cancelled_at
        else None,
    }


STAFF_PREFETCH = (
    "vetting_checks",
    "dbs_update_checks",
    "vetting_exceptions",
    "qualifications",
    "qualification_deferrals",
    "training__course",
    "supervisions",
    "shifts__vetting_exception",
)


STAFF_RECORD_LISTS = (
    "vetting_checks",
    "dbs_update_checks",
    "vetting_exceptions",
    "qualifications",
    "qualification_deferrals",
    "training",
    "supervisions",
    "shifts",
)


def export_staff_records(member: StaffMember) -> dict[str, Any]:
    """The member's staffing records, for ``_staff`` in the bundle export (prefetch STAFF_PREFETCH)."""
    return {
        "vetting_checks": _sorted(export_vetting_check(c) for c in member.vetting_checks.all()),
        "dbs_update_checks": _sorted(export_dbs_update_check(c) for c in member.dbs_update_checks.all()),
        "vetting_exceptions": _sorted(export_vetting_exception(e) for e in member.vetting_exceptions.all()),
        "qualifications": _sorted(export_qualification(q) for q in member.qualifications.all()),
        "qualification_deferrals": _sorted(export_deferral(d) for d in member.qualification_deferrals.all()),
        "training": _sorted(export_completion(t) for t in member.training.all()),
        "supervisions": _sorted(export_supervision(s) for s in member.supervisions.all()),
        "shifts": _sorted(export_shift(s) for s in member.shifts.all()),
    }


def _created(call: Any) -> Any:
    """Adapt a service returning a record to the loader's (record, changed) convention."""
    return lambda actor, **kw: (call(actor=actor, **kw), True)


class StaffLoader:
    """Loads courses and staffing records for a bundle ``_Loader`` (after staff, before the daily record)."""

    def __init__(self, loader: Any, daily: Any) -> None:
        self.l = loader
        self.daily = daily

    def courses(self, provider: Provider, courses: list[dict[str, Any]] | None, path: str) -> None:
        """The bundle's catalogue; a provider arriving without one starts from the defaults."""
        if courses is None:
            if not provider.courses.exists():
                staff_services.course_catalogue_start(actor=self.l.actor, provider=provider)
            return
        for j, c in enumerate(courses):
            self.l.save(
                "courses",
                f"{path}.courses[{j}]",
                staff_services.course_upsert,
                provider=provider,
                code=c["code"],
                title=c["title"],
                mandatory_for=c["mandatory_for"],
                renew_every_months=c.get("renew_every_months"),
                safeguarding=c.get("safeguarding", False),
                retired=c.get("retired", False),
            )

    def staff_records(self, member: StaffMember, s: dict[str, Any], path: str) -> None:
        day = self.l.load_day
        date = self.l.date
        for j, c in enumerate(s.get("vetting_checks", [])):
            cpath = f"{path}.vetting_checks[{j}]"
            if self.daily.existing(VettingCheck, c, cpath, export_vetting_check, "vetting_checks"):
                continue
            verified_on = date(c["verified_on"], f"{cpath}.verified_on")
            if verified_on is None:
                continue
            extra = {f: c[f] for f in staff_services.KIND_FIELDS.get(c["kind"], ()) if f in c}
            if "dbs_issued_on" in extra:
                extra["dbs_issued_on"] = date(extra["dbs_issued_on"], f"{cpath}.dbs_issued_on")
            check = self.l.save(
                "vetting_checks",
                cpath,
                _created(staff_services.vetting_check_record),
                external_id=c["id"],
                member=member,
                kind=c["kind"],
                verified_on=verified_on,
                verified_by_name=c["verified_by_name"],
                evidence=c["evidence"],
                today=day,
                **extra,
            )
            withdrawn = c.get("withdrawn")
            if check is not None and withdrawn:
                self.l.save(
                    "vetting_withdrawals",
                    f"{cpath}.withdrawn",
                    _created(staff_services.vetting_check_withdraw),
                    check=check,
                    reason=withdrawn["reason"],
                    at=self.daily.when(withdrawn["at"], f"{cpath}.withdrawn.at"),
                    by_name=withdrawn["by_name"],
                )
        for j, c in enumerate(s.get("dbs_update_checks", [])):
            cpath = f"{path}.dbs_update_checks[{j}]"
            if self.daily.existing(DbsUpdateCheck, c, cpath, export_dbs_update_check, "dbs_update_checks"):
                continue
            checked_on = date(c["checked_on"], f"{cpath}.checked_on")
            if checked_on is not None:
                self.l.save(
                    "dbs_update_checks",
                    cpath,
                    _created(staff_services.dbs_update_check_record),
                    external_id=c["id"],
                    member=member,
                    checked_on=checked_on,
                    outcome=c["outcome"],
                    checked_by_name=c["checked_by_name"],
                    today=day,
                )
        exceptions: dict[str, VettingException] = {}
        for j, e in enumerate(s.get("vetting_exceptions", [])):
            epath = f"{path}.vetting_exceptions[{j}]"
            if self.daily.existing(VettingException, e, epath, export_vetting_exception, "vetting_exceptions"):
                continue
            starts, ends = date(e["starts_on"], f"{epath}.starts_on"), date(e["ends_on"], f"{epath}.ends_on")
            if starts is None or ends is None:
                continue
            saved = self.l.save(
                "vetting_exceptions",
                epath,
                _created(staff_services.vetting_exception_record),
                external_id=e["id"],
                member=member,
                outstanding=e["outstanding"],
                reason=e["reason"],
                safeguards=e["safeguards"],
                starts_on=starts,
                ends_on=ends,
                recorded_by_name=e["recorded_by_name"],
            )
            if saved is not None:
                exceptions[e["id"]] = saved
        for j, q in enumerate(s.get("qualifications", [])):
            qpath = f"{path}.qualifications[{j}]"
            self.l.save(
                "qualifications",
                qpath,
                self._qualification,
                external_id=q["id"],
                member=member,
                kind=q["kind"],
                title=q["title"],
                enrolled_on=date(q.get("enrolled_on"), f"{qpath}.enrolled_on"),
                achieved_on=date(q.get("achieved_on"), f"{qpath}.achieved_on"),
                awarding_body=q.get("awarding_body", ""),
                certificate_reference=q.get("certificate_reference", ""),
                today=day,
            )
        for j, d in enumerate(s.get("qualification_deferrals", [])):
            dpath = f"{path}.qualification_deferrals[{j}]"
            if self.daily.existing(QualificationDeferral, d, dpath, export_deferral, "qualification_deferrals"):
                continue
            until = date(d["deferred_until"], f"{dpath}.deferred_until")
            if until is not None:
                self.l.save(
                    "qualification_deferrals",
                    dpath,
                    _created(staff_services.qualification_deferral_record),
                    external_id=d["id"],
                    member=member,
                    kind=d["kind"],
                    deferred_until=until,
                    reason=d["reason"],
                    recorded_by_name=d["recorded_by_name"],
                )
        self._training(member, s.get("training", []), path)
        for j, v in enumerate(s.get("supervisions", [])):
            vpath = f"{path}.supervisions[{j}]"
            if self.daily.existing(Supervision, v, vpath, export_supervision, "supervisions"):
                continue
            held = date(v["held_on"], f"{vpath}.held_on")
            next_due = date(v["next_due"], f"{vpath}.next_due")
            if held is not None and next_due is not None:
                self.l.save(
                    "supervisions",
                    vpath,
                    _created(staff_services.supervision_record),
                    external_id=v["id"],
                    member=member,
                    kind=v["kind"],
                    held_on=held,
                    supervisor_name=v["supervisor_name"],
                    next_due=next_due,
                    summary=v.get("summary", ""),
                    recorded_by_name=v["recorded_by_name"],
                    today=day,
                )
        self._shifts(member, s.get("shifts", []), path, exceptions)

    @staticmethod
    def _qualification(actor: Any, **kw: Any) -> tuple[Qualification, bool]:
        before = Qualification.objects.filter(external_id=kw["external_id"]).values_list("version", flat=True).first()
        q = staff_services.qualification_record(actor=actor, **kw)
        return q, before != q.version

    def _training(self, member: StaffMember, items: list[dict[str, Any]], path: str) -> None:
        courses = {c.code: c for c in member.home.provider.courses.all()}
        for j, t in enumerate(items):
            tpath = f"{path}.training[{j}]"
            if self.daily.existing(TrainingCompletion, t, tpath, export_completion, "training"):
                continue
            course = courses.get(t["course"])
            if course is None:
                self.l.errors.append(
                    BundleError(f"{tpath}.course", f"no course {t['course']!r} in {member.home.provider}'s catalogue")
                )
                continue
            completed = self.l.date(t["completed_on"], f"{tpath}.completed_on")
            if completed is None:
                continue
            self.l.save(
                "training",
                tpath,
                staff_services.training_completion_record,
                external_id=t["id"],
                member=member,
                course=course,
                completed_on=completed,
                expires_on=self.l.date(t.get("expires_on"), f"{tpath}.expires_on"),
                delivered_by=t.get("delivered_by", ""),
                certificate_reference=t.get("certificate_reference", ""),
                recorded_by_name=t["recorded_by_name"],
                today=self.l.load_day,
            )

    def _shifts(
        self, member: StaffMember, items: list[dict[str, Any]], path: str, exceptions: dict[str, VettingException]
    ) -> None:
        for j, sh in enumerate(items):
            spath = f"{path}.shifts[{j}]"
            if self.daily.existing(Shift, sh, spath, export_shift, "shifts"):
                continue
            starts = self.daily.when(sh["starts_at"], f"{spath}.starts_at")
            ends = self.daily.when(sh["ends_at"], f"{spath}.ends_at")
            exception = (
                self.l.ref(
                    exceptions, VettingException, sh["vetting_exception"], f"{spath}.vetting_exception", "exception"
                )
                if sh.get("vetting_exception")
                else None
            )
            if starts is None or ends is None or (sh.get("vetting_exception") and exception is None):
                continue
            shift = self.l.save(
                "shifts",
                spath,
                _created(staff_services.shift_assign),
                external_id=sh["id"],
                home=member.home,
                member=member,
                starts_at=starts,
                ends_at=ends,
                vetting_exception=exception,
            )
            cancelled = sh.get("cancelled")
            if shift is not None and cancelled:
                self.l.save(
                    "shift_cancellations",
                    f"{spath}.cancelled",
                    _created(staff_services.shift_cancel),
                    shift=shift,
                    reason=cancelled["reason"],
                    at=self.daily.when(cancelled["at"], f"{spath}.cancelled.at"),
                    by_name=cancelled["by_name"],
                )
