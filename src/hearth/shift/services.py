"""Writes for the shift handover (models.py says why it is kept)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.core.services import Actor, actor_or_none, signature_name
from hearth.homes.models import Home
from hearth.shift.models import HANDOVER_MAX_CHARS, Handover


@transaction.atomic
def handover_write(
    *,
    actor: Actor,
    home: Home,
    text: str,
    written_at: datetime.datetime | None = None,
    external_id: str | None = None,
) -> Handover:
    """The outgoing shift's handover, signed by its writer at the moment of saving."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write what the next shift needs to know."})
    if len(text) > HANDOVER_MAX_CHARS:
        raise ValidationError(
            {"text": f"The handover can be at most {HANDOVER_MAX_CHARS:,} characters; it has {len(text):,}."}
        )
    handover = Handover.objects.create(
        external_id=external_id,
        home=home,
        text=text,
        written_by=actor_or_none(actor),
        written_by_name=signature_name(actor),
        written_at=written_at or timezone.now(),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="handover.written", obj=handover, home=home)
    return handover


@transaction.atomic
def handover_acknowledge(*, actor: Actor, handover: Handover) -> Handover:
    """The incoming shift lead confirms they have read the handover. Someone else's handover only:
    acknowledging one's own would show nothing was passed on."""
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    user = actor_or_none(actor)
    if handover.acknowledged_at is not None:
        when = timezone.localtime(handover.acknowledged_at)
        raise ValidationError(
            f"{handover.acknowledged_by_name} already acknowledged this handover at {when:%H:%M} on {when:%-d %B}."
        )
    if user is not None and handover.written_by_id == user.pk:
        raise ValidationError("You wrote this handover: the person leading the next shift acknowledges it.")
    handover.acknowledged_by = user
    handover.acknowledged_by_name = signature_name(actor)
    handover.acknowledged_at = timezone.now()
    handover.updated_by = user
    handover.version += 1
    handover.save(
        update_fields=[
            "acknowledged_by",
            "acknowledged_by_name",
            "acknowledged_at",
            "updated_by",
            "version",
            "updated_at",
        ]
    )
    audit_event_record(actor=actor, action="handover.acknowledged", obj=handover, home=handover.home)
    return handover
