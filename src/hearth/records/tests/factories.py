"""A home's daily records for tests: one of each kind, written through the services."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hearth.incidents.models import MissingEpisode, PhysicalIntervention
from hearth.incidents.services import missing_episode_create, physical_intervention_create
from hearth.records.models import LogEntry
from hearth.records.services import log_entry_create
from hearth.visitors.models import Visitor
from hearth.visitors.services import visitor_create


@dataclass
class HomeRecords:
    entry: LogEntry
    missing: MissingEpisode
    intervention: PhysicalIntervention
    visitor: Visitor


def home_records(home: Any, child: Any, staff: Any) -> HomeRecords:
    at = timezone.now() - datetime.timedelta(days=2)
    entry = log_entry_create(
        actor=None,
        home=home,
        children=[child],
        occurred_at=at,
        text="Staff saw her get into a car with an unknown man outside the shop.",
    )
    missing = missing_episode_create(
        actor=None,
        home=home,
        child=child,
        whereabouts_known=False,
        last_seen_at=at,
        last_seen_where="Town centre",
        circumstances="Did not return from the shop.",
        risk_level="high",
        action_taken="Called her phone.",
    )
    intervention = physical_intervention_create(
        actor=None,
        home=home,
        child=child,
        occurred_at=at,
        location="Kitchen",
        behaviour_before="Throwing plates at staff.",
        steps_tried_first="Talked calmly; offered space.",
        technique="Two-person escort",
        duration_minutes=3,
        staff_used=[staff],
        outcome="Calmed within minutes; no injuries.",
    )
    visitor = visitor_create(actor=None, home=home, name="Alex Tutor", kind="tutor")
    return HomeRecords(entry, missing, intervention, visitor)
