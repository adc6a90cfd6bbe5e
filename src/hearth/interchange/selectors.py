"""Export records as a bundle: the same format ``hearth load`` reads, in a stable order.

Export → load into an empty database → export gives the same document: every field is written
(empty ones as "" or null), lists are sorted by id, and dates are absolute.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q

from hearth.access.models import Membership
from hearth.children.models import CaseRecordConsent, Child, Placement
from hearth.homes.models import Home, Provider
from hearth.interchange.care import export_care_records, export_placement_plan
from hearth.interchange.daily_export import export_daily_records
from hearth.interchange.declared import KINDS
from hearth.interchange.oversight import export_oversight_records
from hearth.interchange.schema import FORMAT, VERSION
from hearth.interchange.staffing import STAFF_PREFETCH, export_courses, export_staff_records
from hearth.staff.models import StaffMember


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _by_id(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda item: item["id"])


def _home(home: Home) -> dict[str, Any]:
    return {
        "id": home.bundle_id,
        "provider": home.provider.bundle_id,
        "name": home.name,
        "urn": home.urn,
        "address": {
            "line_1": home.address_line_1,
            "line_2": home.address_line_2,
            "town": home.town,
            "postcode": home.postcode,
        },
        "capacity": home.capacity,
        "age_range": {"min": home.age_min, "max": home.age_max},
        "sexes": home.sexes,
        "registered_manager": home.registered_manager.bundle_id if home.registered_manager else None,
        "statements_of_purpose": _by_id(
            {
                "id": s.bundle_id,
                "number": s.number,
                "effective_from": _date(s.effective_from),
                "summary": s.summary,
                "accepted_needs": list(s.accepted_needs),
                "excluded_needs": list(s.excluded_needs),
                "age_range": {"min": s.age_min, "max": s.age_max},
                "capacity": s.capacity,
                "sexes": s.sexes,
                "emergency_admissions": s.emergency_admissions,
            }
            for s in home.statements_of_purpose.all()
        ),
        "location_assessments": _by_id(
            {
                "id": a.bundle_id,
                "reviewed_on": _date(a.reviewed_on),
                "next_review_due": _date(a.next_review_due),
                "summary": a.summary,
                "consulted": a.consulted,
                "local_risks": list(a.local_risks),
                "area_offers": list(a.area_offers),
            }
            for a in home.location_assessments.all()
        ),
    }


def _staff(member: StaffMember) -> dict[str, Any]:
    return {
        "id": member.bundle_id,
        "home": member.home.bundle_id,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "role": member.role,
        "start_date": _date(member.start_date),
        "end_date": _date(member.end_date),
        "email": member.email,
        **export_staff_records(member),
    }


def _consent(consent: CaseRecordConsent) -> dict[str, Any]:
    return {
        "id": consent.bundle_id,
        "home": consent.home.bundle_id,
        "child_consented_on": _date(consent.child_consented_on),
        "placing_authority_consented_on": _date(consent.placing_authority_consented_on),
        "placing_authority_contact": consent.placing_authority_contact,
        "withdrawn_on": _date(consent.withdrawn_on),
    }


def _accounts(home_ids: list[int], provider_ids: list[int]) -> list[dict[str, Any]]:
    """The accounts with a role at the exported homes, or across their providers, with those roles
    (no password: docs/bundle-format.md)."""
    memberships = Membership.objects.filter(Q(home_id__in=home_ids) | Q(provider_id__in=provider_ids)).select_related(
        "user", "home", "provider"
    )
    by_user: dict[Any, list[Membership]] = {}
    for m in memberships:
        by_user.setdefault(m.user, []).append(m)
    return _by_id(
        {
            "id": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "memberships": _by_id(
                {
                    "id": m.bundle_id,
                    "role": m.role,
                    **(
                        {"home": m.home.bundle_id}
                        if m.home
                        else {"provider": m.provider.bundle_id if m.provider else ""}
                    ),
                    "starts_on": _date(m.starts_on),
                    "ends_on": _date(m.ends_on),
                }
                for m in held
            ),
        }
        for user, held in by_user.items()
    )


def _child(child: Child, placements: list[Placement]) -> dict[str, Any]:
    return {
        "id": child.bundle_id,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "known_as": child.known_as,
        "date_of_birth": _date(child.date_of_birth),
        "sex": child.sex,
        "legal_status": child.legal_status,
        "placing_authority": child.placing_authority,
        "social_worker": {
            "name": child.social_worker_name,
            "email": child.social_worker_email,
            "phone": child.social_worker_phone,
        },
        "needs": list(child.needs),
        "placements": _by_id(
            {
                "id": p.bundle_id,
                "home": p.home.bundle_id,
                "admitted_on": _date(p.admitted_on),
                "emergency": p.emergency,
                "left_on": _date(p.left_on),
                "leaving_reason": p.leaving_reason,
                "leaving_notes": p.leaving_notes,
                "ending_planned": p.ending_planned,
                "destination": p.destination,
                "child_view_of_ending": p.child_view_of_ending,
                "ending_summary": p.ending_summary,
                "plans": _by_id(export_placement_plan(plan) for plan in p.plans.all()),
            }
            for p in placements
        ),
        "case_record_consents": _by_id(_consent(c) for c in getattr(child, "exported_consents", [])),
    }


def bundle_export(*, homes: Iterable[Home]) -> dict[str, Any]:
    """The bundle for these homes: their providers, staff, and children with their placements there.

    Placements at homes outside the export are left out, so that the bundle loads on its own.
    """
    home_ids = [h.pk for h in homes]
    home_qs = (
        Home.objects.filter(pk__in=home_ids)
        .select_related("provider", "registered_manager")
        .prefetch_related("statements_of_purpose", "location_assessments")
    )
    providers = Provider.objects.filter(homes__pk__in=home_ids).distinct()
    staff = StaffMember.objects.filter(home_id__in=home_ids).select_related("home").prefetch_related(*STAFF_PREFETCH)
    placements_here = Placement.objects.filter(home_id__in=home_ids).select_related("home").prefetch_related("plans")
    children = (
        Child.objects.filter(Q(placements__home_id__in=home_ids) | Q(referrals__home_id__in=home_ids))
        .distinct()
        .prefetch_related(
            Prefetch("placements", queryset=placements_here, to_attr="exported_placements"),
            Prefetch(
                "case_record_consents",
                queryset=CaseRecordConsent.objects.filter(home_id__in=home_ids).select_related("home"),
                to_attr="exported_consents",
            ),
        )
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "providers": _by_id(
            {"id": p.bundle_id, "name": p.name, "courses": export_courses(p)}
            for p in providers.prefetch_related("courses")
        ),
        "homes": _by_id(_home(h) for h in home_qs),
        "staff": _by_id(_staff(s) for s in staff),
        "children": _by_id(_child(c, list(getattr(c, "exported_placements", []))) for c in children),
        "accounts": _accounts(home_ids, [p.pk for p in providers]),
        **export_daily_records(home_ids),
        **export_care_records(home_ids),
        **export_oversight_records(home_ids),
        **{kind.key: kind.export(home_ids) for kind in KINDS},
    }
