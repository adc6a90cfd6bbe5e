import datetime
from typing import Any

from django.utils import timezone

from hearth.complaints.models import Complaint
from hearth.complaints.services import complaint_record


def complaint_received(home: Any, child: Any = None, days_ago: int = 3, **extra: Any) -> Complaint:
    """A child's complaint received ``days_ago``, not yet answered."""
    fields: dict[str, Any] = {
        "complainant_kind": "child" if child else "parent",
        "complainant_name": child.display_name if child else "A parent",
        "child": child,
        "summary": "Not allowed to stay up for the match.",
        **extra,
    }
    return complaint_record(
        actor=None, home=home, received_on=timezone.localdate() - datetime.timedelta(days=days_ago), **fields
    )
