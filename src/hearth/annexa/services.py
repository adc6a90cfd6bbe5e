"""Producing the Annex A pack: the allegations in it are logged as opened (Reg 34 records are
restricted, and every opening is kept), and the pack itself is an audit event."""

import datetime

from hearth.allegations.models import AllegationOpening
from hearth.allegations.services import allegation_opened
from hearth.annexa.selectors import AnnexA, annex_a
from hearth.audit.services import audit_event_record
from hearth.core.services import Actor, actor_or_none, signature_name
from hearth.homes.models import Home


def annex_a_produce(
    *, actor: Actor, home: Home, since: datetime.date, until: datetime.date, produced_by: str = ""
) -> AnnexA:
    """The pack for ``since`` to ``until``; ``produced_by`` names who ran it from the command line."""
    name = produced_by or signature_name(actor)
    user = actor_or_none(actor)
    pack = annex_a(home=home, since=since, until=until, produced_by=name, producer_id=user.pk if user else None)
    allegation_opened(actor=actor, allegations=pack.allegations, how=AllegationOpening.How.ANNEX_A, user_name=name)
    audit_event_record(
        actor=actor,
        action="annex_a.produced",
        obj=home,
        home=home,
        reason=f"{since:%-d %B %Y} to {until:%-d %B %Y}",
    )
    return pack
