import datetime
from typing import Any

from django.utils import timezone

from hearth.control.models import ControlMeasure
from hearth.control.services import control_measure_record


def measure_recorded(home: Any, child: Any, days_ago: int = 1, **extra: Any) -> ControlMeasure:
    fields: dict[str, Any] = {
        "kind": "consequence",
        "measure": "No games console until Sunday.",
        "reason": "Broke the lounge lamp on purpose.",
        "decided_by_name": "Sam Senior",
        **extra,
    }
    return control_measure_record(
        actor=None, home=home, child=child, at=timezone.now() - datetime.timedelta(days=days_ago), **fields
    )
