import datetime
from typing import Any

from django.utils import timezone

from hearth.allegations.models import Allegation
from hearth.allegations.services import allegation_record


def allegation_received(home: Any, staff_member: Any, hours_ago: int = 3, **extra: Any) -> Allegation:
    """An allegation against ``staff_member`` received ``hours_ago``, not yet referred to the LADO."""
    return allegation_record(
        actor=None,
        home=home,
        staff_member=staff_member,
        received_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        made_by="A child, to the deputy manager",
        allegation="He grabbed my arm on the stairs.",
        immediate_action="alternative_duties",
        **extra,
    )
