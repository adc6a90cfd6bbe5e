"""Writes for providers, homes, statements of purpose and location risk assessments."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.core.dates import add_years
from hearth.core.services import Actor, actor_or_none, apply_changes
from hearth.homes.models import Home, LocationRiskAssessment, Provider, StatementOfPurpose
from hearth.homes.needs import NEEDS


def _check_needs(codes: list[str], field: str) -> None:
    unknown = [c for c in codes if c not in NEEDS]
    if unknown:
        raise ValidationError({field: f"Unknown need code(s): {', '.join(unknown)}."})


def _check_ages(age_min: int, age_max: int) -> None:
    if age_min > age_max:
        raise ValidationError({"age_min": f"The youngest age ({age_min}) is above the oldest ({age_max})."})


@transaction.atomic
def provider_upsert(*, actor: Actor, external_id: str | None, name: str) -> tuple[Provider, bool]:
    """Create the provider, or bring the one with this external id up to date. Returns (provider, changed)."""
    provider = Provider.objects.filter(external_id=external_id).first() if external_id else None
    if provider is None:
        provider = Provider.objects.create(external_id=external_id, name=name, created_by=actor_or_none(actor))
        audit_event_record(actor=actor, action="provider.created", obj=provider)
        return provider, True
    changed = apply_changes(instance=provider, changes={"name": name}, actor=actor)
    if changed:
        audit_event_record(actor=actor, action="provider.updated", obj=provider, changed_fields=changed)
    return provider, bool(changed)


@transaction.atomic
def home_upsert(*, actor: Actor, external_id: str | None, provider: Provider, **fields: Any) -> tuple[Home, bool]:
    """Create or update a home's registration details (Reg 2: URN, address, capacity, ages, sexes)."""
    _check_ages(fields["age_min"], fields["age_max"])
    home = Home.objects.filter(external_id=external_id).first() if external_id else None
    if home is None:
        home = Home.objects.create(
            external_id=external_id, provider=provider, created_by=actor_or_none(actor), **fields
        )
        audit_event_record(actor=actor, action="home.created", obj=home, home=home)
        return home, True
    changed = apply_changes(instance=home, changes={"provider": provider, **fields}, actor=actor)
    if changed:
        audit_event_record(actor=actor, action="home.updated", obj=home, home=home, changed_fields=changed)
    return home, bool(changed)


@transaction.atomic
def statement_of_purpose_upsert(
    *, actor: Actor, external_id: str | None, home: Home, **fields: Any
) -> tuple[StatementOfPurpose, bool]:
    """Record a version of the statement of purpose (Reg 16, Schedule 1).

    Each version is its own row (``number``); an existing version can only be corrected with a
    history entry, never replaced silently.
    """
    _check_needs(fields.get("accepted_needs", []), "accepted_needs")
    _check_needs(fields.get("excluded_needs", []), "excluded_needs")
    _check_ages(fields["age_min"], fields["age_max"])
    overlap = set(fields.get("accepted_needs", [])) & set(fields.get("excluded_needs", []))
    if overlap:
        raise ValidationError({"excluded_needs": f"Need(s) both accepted and excluded: {', '.join(sorted(overlap))}."})
    sop = StatementOfPurpose.objects.filter(external_id=external_id).first() if external_id else None
    if sop is None:
        sop = StatementOfPurpose.objects.create(
            external_id=external_id, home=home, created_by=actor_or_none(actor), **fields
        )
        audit_event_record(actor=actor, action="statement_of_purpose.created", obj=sop, home=home)
        return sop, True
    changed = apply_changes(instance=sop, changes={"home": home, **fields}, actor=actor)
    if changed:
        audit_event_record(
            actor=actor, action="statement_of_purpose.updated", obj=sop, home=home, changed_fields=changed
        )
    return sop, bool(changed)


@transaction.atomic
def location_assessment_upsert(
    *, actor: Actor, external_id: str | None, home: Home, reviewed_on: datetime.date, **fields: Any
) -> tuple[LocationRiskAssessment, bool]:
    """Record a review of the home's location (Reg 46), due again within 12 months."""
    fields.setdefault("next_review_due", add_years(reviewed_on, 1))
    if fields["next_review_due"] <= reviewed_on:
        raise ValidationError({"next_review_due": "The next review must fall after the review date."})
    if fields["next_review_due"] > add_years(reviewed_on, 1):
        raise ValidationError(
            {"next_review_due": "A location assessment must be reviewed at least every 12 months (Reg 46)."}
        )
    bad = [
        r.get("category")
        for r in fields.get("local_risks", [])
        if r.get("category") not in LocationRiskAssessment.RISK_CATEGORIES
    ]
    if bad:
        raise ValidationError({"local_risks": f"Unknown risk category: {', '.join(map(str, bad))}."})
    assessment = LocationRiskAssessment.objects.filter(external_id=external_id).first() if external_id else None
    if assessment is None:
        assessment = LocationRiskAssessment.objects.create(
            external_id=external_id, home=home, reviewed_on=reviewed_on, created_by=actor_or_none(actor), **fields
        )
        audit_event_record(actor=actor, action="location_assessment.created", obj=assessment, home=home)
        return assessment, True
    changed = apply_changes(
        instance=assessment, changes={"home": home, "reviewed_on": reviewed_on, **fields}, actor=actor
    )
    if changed:
        audit_event_record(
            actor=actor, action="location_assessment.updated", obj=assessment, home=home, changed_fields=changed
        )
    return assessment, bool(changed)


@transaction.atomic
def home_set_registered_manager(*, actor: Actor, home: Home, manager: Any) -> bool:
    changed = apply_changes(instance=home, changes={"registered_manager": manager}, actor=actor)
    if changed:
        audit_event_record(
            actor=actor, action="home.registered_manager_set", obj=home, home=home, changed_fields=changed
        )
    return bool(changed)


@transaction.atomic
def statement_of_purpose_new_version(*, actor: Actor, home: Home, **fields: Any) -> StatementOfPurpose:
    """A new version of the statement of purpose, numbered after the last (Reg 16(3): kept under
    review and revised). Earlier versions stay as they were."""
    last = home.statements_of_purpose.order_by("-number").values_list("number", flat=True).first() or 0
    sop, _ = statement_of_purpose_upsert(actor=actor, external_id=None, home=home, number=last + 1, **fields)
    return sop


@transaction.atomic
def location_assessment_review(
    *,
    actor: Actor,
    home: Home,
    reviewed_on: datetime.date,
    summary: str,
    consulted: str,
    local_risks: list[dict[str, str]],
    area_offers: str,
) -> LocationRiskAssessment:
    """A new review of the home's location (Reg 46): each kind of risk described, and each line of
    what the area offers as one item."""
    if not summary.strip():
        raise ValidationError({"summary": "Write a summary of the review."})
    assessment, _ = location_assessment_upsert(
        actor=actor,
        external_id=None,
        home=home,
        reviewed_on=reviewed_on,
        summary=summary.strip(),
        consulted=consulted.strip(),
        local_risks=local_risks,
        area_offers=[line.strip() for line in area_offers.splitlines() if line.strip()],
    )
    return assessment


HOME_FIELDS = (
    "name",
    "urn",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "capacity",
    "age_min",
    "age_max",
    "sexes",
    "complaint_response_days",
)


def _check_urn(urn: str, home: Home | None = None) -> None:
    taken = Home.objects.filter(urn__iexact=urn.strip())
    if home is not None:
        taken = taken.exclude(pk=home.pk)
    if taken.exists():
        raise ValidationError({"urn": f"Another home already has the URN {urn.strip()}."})


@transaction.atomic
def home_add(*, actor: Actor, provider: Provider, **fields: Any) -> Home:
    """A new home of the provider, from its registration details (Reg 2)."""
    _check_urn(fields["urn"])
    home, _ = home_upsert(actor=actor, external_id=None, provider=provider, **{f: fields[f] for f in HOME_FIELDS})
    return home


@transaction.atomic
def home_details_change(*, actor: Actor, home: Home, expected_version: int | None = None, **fields: Any) -> Home:
    _check_ages(fields["age_min"], fields["age_max"])
    _check_urn(fields["urn"], home)
    changed = apply_changes(
        instance=home, changes={f: fields[f] for f in HOME_FIELDS}, actor=actor, expected_version=expected_version
    )
    if changed:
        audit_event_record(actor=actor, action="home.updated", obj=home, home=home, changed_fields=changed)
    return home


@transaction.atomic
def provider_set_up(
    *, actor: Actor, provider_name: str, manager: dict[str, str], ri: dict[str, str], **fields: Any
) -> Any:
    """An administrator sets up a new provider: the provider, its first home, and invitations for
    its registered manager and its responsible individual to set their own passwords. Returns the
    invitations sent (their links are shown once)."""
    from django.utils import timezone

    from hearth.access.models import Role
    from hearth.access.people import invitation_send

    if not provider_name.strip():
        raise ValidationError({"provider_name": "Enter the provider's name."})
    if manager["email"].strip().lower() == ri["email"].strip().lower():
        raise ValidationError({"ri_email": "The responsible individual and the manager need their own addresses."})
    provider, _ = provider_upsert(actor=actor, external_id=None, name=provider_name.strip())
    home = home_add(actor=actor, provider=provider, **fields)
    today = timezone.localdate()
    return [
        invitation_send(
            actor=actor,
            home=home,
            role=role,
            starts_on=today,
            first_name=person["first_name"],
            last_name=person["last_name"],
            email=person["email"],
        )
        for role, person in ((Role.REGISTERED_MANAGER, manager), (Role.RESPONSIBLE_INDIVIDUAL, ri))
    ]
