"""Writes to the audit trail. Other apps' services call these; nothing else writes audit rows."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hearth.audit.models import AccessEvent, AuditEvent
from hearth.core.models import HearthModel
from hearth.core.services import Actor, actor_or_none

if TYPE_CHECKING:
    from hearth.children.models import Child
    from hearth.homes.models import Home


def audit_event_record(
    *,
    actor: Actor,
    action: str,
    obj: HearthModel,
    home: "Home | None" = None,
    changed_fields: Iterable[str] = (),
    reason: str = "",
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``obj``."""
    return AuditEvent.objects.create(
        actor=actor_or_none(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.public_id,
        object_label=str(obj)[:200],
        home=home,
        changed_fields=sorted(changed_fields),
        reason=reason,
    )


def access_event_record(*, user: Actor, child: "Child", home: "Home", path: str) -> AccessEvent:
    """Record that ``user`` opened ``child``'s record (Reg 36 case records are confidential)."""
    return AccessEvent.objects.create(user=actor_or_none(user), child=child, home=home, path=path[:300])
