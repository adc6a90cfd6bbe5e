import datetime
from typing import Any

from django.utils import timezone

from hearth.keywork.models import Goal, KeyWorkSession
from hearth.keywork.services import goal_set, keywork_plan


class KeyworkRecords:
    def __init__(self, planned: KeyWorkSession, goal: Goal) -> None:
        self.planned, self.goal = planned, goal


def keywork_records(home: Any, child: Any) -> KeyworkRecords:
    """A planned key-work session and a goal for ``child`` at ``home``."""
    today = timezone.localdate()
    return KeyworkRecords(
        keywork_plan(
            actor=None, home=home, child=child, planned_for=today + datetime.timedelta(days=2), topics="School"
        ),
        goal_set(actor=None, home=home, child=child, goal="Swim a length", set_on=today - datetime.timedelta(days=10)),
    )
