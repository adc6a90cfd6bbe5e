import datetime
from typing import Any

from django.utils import timezone

from hearth.access.tests.factories import UserFactory
from hearth.shift.models import Handover
from hearth.shift.services import handover_write
from hearth.visitors.models import Visit
from hearth.visitors.services import visit_record


def shift_records(home: Any, visitor: Any) -> tuple[Handover, Visit, Any]:
    """A handover written by someone who works elsewhere in the rota, a visitor signed in now, and
    an invitation waiting to be used."""
    from hearth.access.people import invitation_send

    handover = handover_write(actor=UserFactory(first_name="Owen", last_name="Outgoing"), home=home, text="All calm.")
    visit = visit_record(
        actor=None,
        visitor=visitor,
        arrived_at=timezone.now() - datetime.timedelta(minutes=30),
        reason="Maths tutoring",
        contact="none",
    )
    invitation = invitation_send(
        actor=None,
        home=home,
        first_name="Nia",
        last_name="Newstart",
        email=f"nia.{home.pk}@example.org",
        role="support_worker",
        starts_on=timezone.localdate(),
    )
    return handover, visit, invitation
