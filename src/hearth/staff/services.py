"""Writes for staff members."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_event_record
from hearth.core.services import Actor, actor_or_none, apply_changes
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


@transaction.atomic
def staff_member_upsert(
    *, actor: Actor, external_id: str | None, home: Home, expected_version: int | None = None, **fields: Any
) -> tuple[StaffMember, bool]:
    """Create or update a staff member's employment record (Reg 32; Schedule 4 staff details)."""
    if fields.get("end_date") and fields["end_date"] < fields["start_date"]:
        raise ValidationError({"end_date": "The end date is before the start date."})
    member = StaffMember.objects.filter(external_id=external_id).first() if external_id else None
    if member is None:
        member = StaffMember.objects.create(
            external_id=external_id, home=home, created_by=actor_or_none(actor), **fields
        )
        audit_event_record(actor=actor, action="staff_member.created", obj=member, home=home)
        return member, True
    changed = apply_changes(
        instance=member, changes={"home": home, **fields}, actor=actor, expected_version=expected_version
    )
    if changed:
        audit_event_record(actor=actor, action="staff_member.updated", obj=member, home=home, changed_fields=changed)
    return member, bool(changed)
