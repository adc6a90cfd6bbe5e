"""Writes to the audit trail. Other apps' services call these; nothing else writes audit rows."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from hearth.audit.models import AccessEvent, AuditEvent, SecurityEvent
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


def access_event_record(
    *,
    user: Actor,
    home: "Home",
    path: str,
    child: "Child | None" = None,
    staff_member: Any = None,
    what: str = "",
) -> AccessEvent:
    """Record that ``user`` read records at ``home``: ``child``'s record, ``staff_member``'s file,
    or the home's records about children (``what``, in plain words). Reg 36 case records and
    staff files are confidential; who read them is kept."""
    return AccessEvent.objects.create(
        user=actor_or_none(user), child=child, staff_member=staff_member, home=home, what=what[:80], path=path[:300]
    )


def security_event_record(
    *, user: Actor, kind: str, path: str = "", status: int | None = None, ip: str | None = None, about: str = ""
) -> None:
    """Record a refusal (a page refused to a signed-in person, a wrong second-factor code) or an
    administrator's change to someone's sign-in (``about``: whose)."""
    SecurityEvent.objects.create(
        user=actor_or_none(user), kind=kind, path=path[:300], status=status, ip_address=ip, about=about[:150]
    )
