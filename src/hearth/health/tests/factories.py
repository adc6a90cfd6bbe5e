import datetime
from typing import Any

from django.utils import timezone

from hearth.health.models import Appointment
from hearth.health.services import appointment_record


def appointment_booked(home: Any, child: Any) -> Appointment:
    """A dentist's appointment yesterday, still marked as booked."""
    return appointment_record(
        actor=None,
        home=home,
        child=child,
        at=timezone.now() - datetime.timedelta(days=1),
        kind="dentist",
        with_whom="Station Road Dental",
        recorded_by_name="Sam",
    )
