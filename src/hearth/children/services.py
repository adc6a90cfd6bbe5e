"""Writes for children, placements and Reg 44 case-record consent."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import CaseRecordConsent, Child, Placement, PlacementPlan
from hearth.core.services import Actor, actor_or_none, apply_changes, claim_next_version, signature_name
from hearth.homes.models import Home
from hearth.homes.needs import NEEDS


@transaction.atomic
def child_upsert(
    *, actor: Actor, external_id: str | None, expected_version: int | None = None, **fields: Any
) -> tuple[Child, bool]:
    """Create or update a child's personal details (Schedule 3, paragraph 1)."""
    unknown = [c for c in fields.get("needs", []) if c not in NEEDS]
    if unknown:
        raise ValidationError({"needs": f"Unknown need code(s): {', '.join(unknown)}."})
    child = Child.objects.filter(external_id=external_id).first() if external_id else None
    if child is None:
        child = Child.objects.create(external_id=external_id, created_by=actor_or_none(actor), **fields)
        audit_event_record(actor=actor, action="child.created", obj=child)
        return child, True
    changed = apply_changes(instance=child, changes=fields, actor=actor, expected_version=expected_version)
    if changed:
        audit_event_record(actor=actor, action="child.updated", obj=child, changed_fields=changed)
    return child, bool(changed)


def _check_placement(
    child: Child, home: Home, admitted_on: datetime.date, left_on: datetime.date | None, exclude_pk: int | None
) -> None:
    """A child lives in one home at a time, and not before they were born."""
    if admitted_on < child.date_of_birth:
        raise ValidationError({"admitted_on": "The admission date is before the child's date of birth."})
    if left_on is not None and left_on < admitted_on:
        raise ValidationError({"left_on": "The leaving date is before the admission date."})
    others = Placement.objects.filter(child=child)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    overlapping = others.filter(admitted_on__lt=left_on) if left_on else others
    overlapping = overlapping.filter(Q(left_on__isnull=True) | Q(left_on__gt=admitted_on))
    clash = overlapping.select_related("home").first()
    if clash is not None:
        until = f"to {clash.left_on:%d %B %Y}" if clash.left_on else "and has not left"
        raise ValidationError(
            {
                "admitted_on": f"{child.display_name} was placed at {clash.home} from {clash.admitted_on:%d %B %Y} "
                f"{until}: placements cannot overlap."
            }
        )


@transaction.atomic
def placement_upsert(
    *, actor: Actor, external_id: str | None, child: Child, home: Home, admitted_on: datetime.date, **fields: Any
) -> tuple[Placement, bool]:
    """Record a placement (Schedule 4 register of children). Admission checks arrive with admissions."""
    placement = Placement.objects.filter(external_id=external_id).first() if external_id else None
    _check_placement(child, home, admitted_on, fields.get("left_on"), placement.pk if placement else None)
    if placement is None:
        placement = Placement.objects.create(
            external_id=external_id,
            child=child,
            home=home,
            admitted_on=admitted_on,
            created_by=actor_or_none(actor),
            **fields,
        )
        audit_event_record(actor=actor, action="placement.created", obj=placement, home=home)
        return placement, True
    changed = apply_changes(
        instance=placement, changes={"child": child, "home": home, "admitted_on": admitted_on, **fields}, actor=actor
    )
    if changed:
        audit_event_record(actor=actor, action="placement.updated", obj=placement, home=home, changed_fields=changed)
    return placement, bool(changed)


@transaction.atomic
def placement_end(
    *, actor: Actor, placement: Placement, left_on: datetime.date, reason: str, notes: str = ""
) -> Placement:
    """Record that the child left the home, when and why (Schedule 4: date of leaving, destination)."""
    if placement.left_on is not None:
        raise ValidationError({"left_on": f"This placement already ended on {placement.left_on:%d %B %Y}."})
    if reason not in Placement.LeavingReason.values:
        raise ValidationError({"leaving_reason": f"Unknown reason for leaving: {reason!r}."})
    _check_placement(placement.child, placement.home, placement.admitted_on, left_on, placement.pk)
    changed = apply_changes(
        instance=placement,
        changes={"left_on": left_on, "leaving_reason": reason, "leaving_notes": notes},
        actor=actor,
        reason="Placement ended",
    )
    audit_event_record(
        actor=actor, action="placement.ended", obj=placement, home=placement.home, changed_fields=changed
    )
    return placement


@transaction.atomic
def case_record_consent_record(
    *,
    actor: Actor,
    child: Child,
    home: Home,
    child_consented_on: datetime.date,
    placing_authority_consented_on: datetime.date,
    placing_authority_contact: str,
    today: datetime.date,
) -> CaseRecordConsent:
    """Record both consents needed for the Reg 44 visitor to read the case record (Reg 44(4)(c))."""
    errors = {}
    if child_consented_on > today:
        errors["child_consented_on"] = "The child's consent date cannot be in the future."
    if placing_authority_consented_on > today:
        errors["placing_authority_consented_on"] = "The placing authority's consent date cannot be in the future."
    if not placing_authority_contact.strip():
        errors["placing_authority_contact"] = "Enter who at the placing authority gave consent."
    if errors:
        raise ValidationError(errors)
    consent = CaseRecordConsent.objects.create(
        child=child,
        home=home,
        child_consented_on=child_consented_on,
        placing_authority_consented_on=placing_authority_consented_on,
        placing_authority_contact=placing_authority_contact.strip(),
        recorded_by=actor_or_none(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="case_record_consent.recorded", obj=consent, home=home)
    return consent


WITHDRAWN_BY = {"child": "the child", "placing_authority": "the placing authority"}


@transaction.atomic
def case_record_consent_withdraw(
    *,
    actor: Actor,
    consent: CaseRecordConsent,
    withdrawn_on: datetime.date,
    today: datetime.date | None = None,
    withdrawn_by: str = "",
) -> CaseRecordConsent:
    """End the Reg 44 visitor's access to the child's case record (Reg 44(4)(c)): either the child
    or the placing authority may withdraw. The consent stays on record with the day it ended."""
    errors = {}
    if consent.withdrawn_on is not None:
        errors["withdrawn_on"] = f"This consent was already withdrawn on {consent.withdrawn_on:%-d %B %Y}."
    elif today is not None and withdrawn_on > today:
        errors["withdrawn_on"] = "The date consent was withdrawn cannot be in the future."
    elif withdrawn_on < max(consent.child_consented_on, consent.placing_authority_consented_on):
        errors["withdrawn_on"] = "Consent cannot be withdrawn before it was given."
    if withdrawn_by and withdrawn_by not in WITHDRAWN_BY:
        errors["withdrawn_by"] = "Choose who withdrew consent."
    if errors:
        raise ValidationError(errors)
    reason = f"Consent withdrawn by {WITHDRAWN_BY[withdrawn_by]}" if withdrawn_by else "Consent withdrawn"
    changed = apply_changes(instance=consent, changes={"withdrawn_on": withdrawn_on}, actor=actor, reason=reason)
    audit_event_record(
        actor=actor, action="case_record_consent.withdrawn", obj=consent, home=consent.home, changed_fields=changed
    )
    return consent


@transaction.atomic
def placement_plan_record(
    *,
    actor: Actor,
    placement: Placement,
    agreed_on: datetime.date,
    agreed_with: str,
    summary: str,
    child_views: str,
    review_by: datetime.date | None = None,
    today: datetime.date,
    external_id: str | None = None,
    recorded_by_name: str | None = None,
) -> PlacementPlan:
    """Record the placement plan agreed with the placing authority, with the child's views (Reg 14)."""
    errors = {}
    if agreed_on > today:
        errors["agreed_on"] = "The date it was agreed cannot be in the future."
    elif agreed_on < placement.admitted_on - datetime.timedelta(days=30):
        errors["agreed_on"] = "The plan was agreed more than 30 days before the child arrived: check the date."
    if not agreed_with.strip():
        errors["agreed_with"] = "Say who at the placing authority agreed the plan."
    if not summary.strip():
        errors["summary"] = "Write what the placement is for and how the home will meet the child's needs."
    if not child_views.strip():
        errors["child_views"] = "Record the child's views of the plan, in their words where you can."
    if review_by is not None and review_by < agreed_on:
        errors["review_by"] = "The review date is before the plan was agreed."
    if errors:
        raise ValidationError(errors)
    plan = PlacementPlan.objects.create(
        external_id=external_id,
        placement=placement,
        agreed_on=agreed_on,
        agreed_with=agreed_with.strip(),
        summary=summary.strip(),
        child_views=child_views.strip(),
        review_by=review_by,
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="placement_plan.recorded", obj=plan, home=placement.home)
    return plan


CHILD_DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "known_as",
    "date_of_birth",
    "sex",
    "legal_status",
    "placing_authority",
    "social_worker_name",
    "social_worker_email",
    "social_worker_phone",
)


@transaction.atomic
def child_details_change(*, actor: Actor, child: Child, expected_version: int | None = None, **fields: Any) -> Child:
    """Correct or update a child's details (Schedule 3, paragraph 1). Every change is kept in the
    record's history, with who made it; an edit over someone else's newer one is refused."""
    errors: dict[str, str] = {}
    for name in ("first_name", "last_name", "placing_authority"):
        if name in fields and not str(fields[name]).strip():
            errors[name] = "This cannot be blank."
    born = fields.get("date_of_birth")
    if born is not None and born > timezone.localdate():
        errors["date_of_birth"] = "The date of birth cannot be in the future."
    if fields.get("sex") not in (None, *Child.Sex.values):
        errors["sex"] = "Choose one of the answers offered."
    if fields.get("legal_status") not in (None, *Child.LegalStatus.values):
        errors["legal_status"] = "Choose one of the answers offered."
    if errors:
        raise ValidationError(errors)
    changes = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items() if k in CHILD_DETAIL_FIELDS}
    changed = apply_changes(instance=child, changes=changes, actor=actor, expected_version=expected_version)
    if changed:
        audit_event_record(actor=actor, action="child.updated", obj=child, changed_fields=changed)
    return child


def _ending_errors(placement: Placement, left_on: datetime.date) -> dict[str, str]:
    if placement.left_on is not None:
        return {"left_on": f"This placement already ended on {placement.left_on:%-d %B %Y}."}
    if left_on > timezone.localdate():
        return {"left_on": "Record the ending on or after the day the child leaves, not before."}
    if left_on < placement.admitted_on:
        return {"left_on": f"The leaving date is before the child arrived, on {placement.admitted_on:%-d %B %Y}."}
    return {}


@transaction.atomic
def placement_ending_record(
    *,
    actor: Actor,
    placement: Placement,
    left_on: datetime.date,
    planned: bool,
    reason: str,
    destination: str,
    child_view: str,
    summary: str,
) -> Placement:
    """The child has left: when, whether it was planned, why, where they went (Schedule 4), what they
    thought of it, and how the placement went, in words the child may read one day."""
    errors = _ending_errors(placement, left_on)
    if reason not in Placement.LeavingReason.values:
        errors["reason"] = "Choose why the placement ended."
    if not destination.strip():
        errors["destination"] = "Say where the child went: the address, or the home or family's name and town."
    if not summary.strip():
        errors["summary"] = "Write how the placement went and how it ended."
    if errors:
        raise ValidationError(errors)
    placement_end(actor=actor, placement=placement, left_on=left_on, reason=reason)
    apply_changes(
        instance=placement,
        changes={
            "ending_planned": planned,
            "destination": destination.strip(),
            "child_view_of_ending": child_view.strip(),
            "ending_summary": summary.strip(),
        },
        actor=actor,
        reason="Placement ended",
    )
    return placement


@transaction.atomic
def placement_move(
    *,
    actor: Actor,
    placement: Placement,
    to_home: Home,
    moved_on: datetime.date,
    why: str,
    child_view: str = "",
) -> Placement:
    """Move a child to another of the provider's homes, keeping one record: the placement here ends
    (a planned move, to the new home) and one there starts the same day. Returns the new one."""
    errors = _ending_errors(placement, moved_on)
    if to_home.provider_id != placement.home.provider_id:
        errors["to_home"] = "A child moves only between the provider's own homes; another provider admits them."
    elif to_home.pk == placement.home_id:
        errors["to_home"] = "Choose a different home from the one the child lives in."
    if not why.strip():
        errors["why"] = "Say why the child is moving."
    if errors:
        raise ValidationError(errors)
    placement_ending_record(
        actor=actor,
        placement=placement,
        left_on=moved_on,
        planned=True,
        reason=Placement.LeavingReason.PLANNED_MOVE,
        destination=f"{to_home.name}, {to_home.town}",
        child_view=child_view,
        summary=why,
    )
    moved, _ = placement_upsert(
        actor=actor, external_id=None, child=placement.child, home=to_home, admitted_on=moved_on
    )
    audit_event_record(actor=actor, action="placement.moved", obj=moved, home=to_home, reason=why.strip())
    return moved


@transaction.atomic
def case_record_consent_upsert(
    *,
    actor: Actor,
    external_id: str,
    child: Child,
    home: Home,
    child_consented_on: datetime.date,
    placing_authority_consented_on: datetime.date,
    placing_authority_contact: str,
    withdrawn_on: datetime.date | None,
    today: datetime.date,
) -> tuple[CaseRecordConsent, bool]:
    """A consent from a records bundle, found again by its id. A consent is signed when recorded:
    only its withdrawal can change later; different words for a stored one are refused."""
    consent = CaseRecordConsent.objects.filter(external_id=external_id).first()
    if consent is None:
        consent = case_record_consent_record(
            actor=actor,
            child=child,
            home=home,
            child_consented_on=child_consented_on,
            placing_authority_consented_on=placing_authority_consented_on,
            placing_authority_contact=placing_authority_contact,
            today=today,
        )
        CaseRecordConsent.objects.filter(pk=consent.pk).update(external_id=external_id, withdrawn_on=withdrawn_on)
        consent.refresh_from_db()
        return consent, True
    signed = (consent.child_id, consent.home_id, consent.child_consented_on, consent.placing_authority_consented_on)
    if signed != (child.pk, home.pk, child_consented_on, placing_authority_consented_on) or (
        consent.placing_authority_contact != placing_authority_contact.strip()
    ):
        raise ValidationError("This consent is already recorded with other details; a recorded consent is not changed.")
    changed = apply_changes(instance=consent, changes={"withdrawn_on": withdrawn_on}, actor=actor)
    return consent, bool(changed)


PHOTO_KINDS = ("jpg", "png")


@transaction.atomic
def child_photo_record(*, actor: Actor, child: Child, photo: Any) -> Child:
    """A recent photograph of the child (Schedule 3: kept with the child's record, to help find
    them if they go missing). A JPEG or PNG, known by its first bytes; the last one is kept in the
    record's history."""
    from django.conf import settings

    from hearth.core.uploads import looks_like, size_in_words

    if photo is None:
        raise ValidationError({"photo": "Choose a photograph to upload."})
    if not any(looks_like(photo, kind) for kind in PHOTO_KINDS):
        raise ValidationError({"photo": "The photograph must be a JPEG or PNG image."})
    if photo.size > settings.HEARTH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"photo": f"The photograph must be smaller than {size_in_words(settings.HEARTH_MAX_UPLOAD_BYTES)}."}
        )
    suffix = "png" if looks_like(photo, "png") else "jpg"
    claim_next_version(child)
    child.photo.save(f"{child.public_id}-v{child.version}.{suffix}", photo, save=False)
    child.updated_by = actor_or_none(actor)
    child._change_reason = "Photograph recorded"  # type: ignore[attr-defined]
    child.save()
    audit_event_record(actor=actor, action="child.photo_recorded", obj=child, changed_fields=["photo"])
    return child
