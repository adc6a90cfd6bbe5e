"""Reads for measures of control: the home's list, newest first, with what each still needs."""

import datetime

from django.db.models import QuerySet

from hearth.control.models import ControlMeasure
from hearth.homes.models import Home

REVIEW_DAYS = 7


def measures_of(home: Home) -> QuerySet[ControlMeasure]:
    return ControlMeasure.objects.filter(home=home).select_related("child", "reviewed_by").order_by("-at", "-id")


def measure_needs(measure: ControlMeasure) -> list[str]:
    """What the record still lacks, in words: the child's view, a manager's review."""
    needs = []
    if measure.child_view_recorded_at is None:
        needs.append("the child's view")
    if measure.reviewed_at is None:
        needs.append("a manager's review")
    return needs


def review_due(measure: ControlMeasure) -> datetime.datetime:
    return measure.at + datetime.timedelta(days=REVIEW_DAYS)
