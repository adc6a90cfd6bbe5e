"""Reads for the inspections pages: a home's imported inspections with their actions, and its
inspection history."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from hearth.homes.models import Home
from hearth.inspections.models import Inspection, PastInspection
from hearth.oversight.models import Action


def inspections_for_home(*, home: Home) -> QuerySet[Inspection]:
    """The home's imported inspections, newest first, each with its actions (requirements first)."""
    actions = Action.objects.select_related("owner").order_by("-source", "due_on", "title")
    return Inspection.objects.filter(home=home).prefetch_related(Prefetch("actions", queryset=actions))


def inspection_history(*, home: Home) -> QuerySet[PastInspection]:
    return PastInspection.objects.filter(home=home)


@dataclass(frozen=True)
class ActionCounts:
    total: int
    completed: int
    overdue: int


def action_counts(actions: list[Action], *, as_of: datetime.date) -> ActionCounts:
    """How many actions, how many completed, and how many past their due date and not completed."""
    return ActionCounts(
        total=len(actions),
        completed=sum(a.completed for a in actions),
        overdue=sum(not a.completed and a.due_on < as_of for a in actions),
    )


def inspections_with_counts(*, home: Home, as_of: datetime.date) -> list[tuple[Inspection, list[ActionCounts]]]:
    """Each inspection with its requirements' and its recommendations' counts."""
    rows = []
    for inspection in inspections_for_home(home=home):
        actions = list(inspection.actions.all())
        requirements = [a for a in actions if a.is_requirement]
        others = [a for a in actions if not a.is_requirement]
        rows.append((inspection, [action_counts(requirements, as_of=as_of), action_counts(others, as_of=as_of)]))
    return rows


def inspection_already_imported(*, home: Home, report: dict[str, Any]) -> Inspection | None:
    """The home's inspection this report describes, if it was imported before."""
    start = (report.get("inspection_dates") or {}).get("start")
    if not start or not report.get("inspection_type"):
        return None
    return Inspection.objects.filter(home=home, inspection_type=report["inspection_type"], start_on=start).first()
