"""Reads for a child's health page and for the shift page's appointments."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearth.children.models import Child
from hearth.core.dates import add_months
from hearth.health.body import AREAS, describe
from hearth.health.models import (
    Accident,
    Appointment,
    Condition,
    ConsentHolder,
    HealthAssessment,
    HealthService,
    Registration,
)
from hearth.homes.models import Home


@dataclass
class HealthOverview:
    registrations: list[Registration]
    conditions: list[Condition]
    consent_holders: list[ConsentHolder]
    assessments: list[HealthAssessment]
    upcoming: list[Appointment]
    recent: list[Appointment]
    services: list[HealthService]
    accidents: list[tuple[Accident, str]]  # with the body map's areas in words
    assessment_due: datetime.date | None = None  # the next statutory health assessment, from the last held


def assessment_interval_months(child: Child, day: datetime.date) -> int:
    """Every 6 months under 5, every 12 from 5 (rules.md health.assessment_overdue)."""
    return 6 if child.age_on(day) < 5 else 12


def health_overview(*, child: Child, home: Home, today: datetime.date) -> HealthOverview:
    """Eight queries, whatever the history: each list is cut to what the page shows."""
    now = timezone.now()
    overview = HealthOverview(
        registrations=list(Registration.objects.filter(child=child, home=home)),
        conditions=list(Condition.objects.filter(child=child, home=home)),
        consent_holders=list(ConsentHolder.objects.filter(child=child, home=home)),
        assessments=list(HealthAssessment.objects.filter(child=child, home=home)[:4]),
        upcoming=list(Appointment.objects.filter(child=child, home=home, at__gte=now).order_by("at")[:10]),
        recent=list(Appointment.objects.filter(child=child, home=home, at__lt=now)[:10]),
        services=list(
            HealthService.objects.filter(child=child, home=home).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        ),
        accidents=[(a, describe(a.body_areas)) for a in Accident.objects.filter(child=child, home=home)[:10]],
    )
    held = [a.held_on for a in overview.assessments if a.held_on is not None]
    if held:
        overview.assessment_due = add_months(max(held), assessment_interval_months(child, today))
    return overview


def appointments_between(*, home: Home, start: datetime.datetime, end: datetime.datetime) -> QuerySet[Appointment]:
    """The home's appointments booked from ``start`` to ``end``, with their children (the shift page)."""
    return (
        Appointment.objects.filter(home=home, at__gte=start, at__lt=end, attendance=Appointment.Attendance.BOOKED)
        .select_related("child")
        .order_by("at")
    )


def body_map(selected: list[str]) -> dict[str, list[tuple[object, bool]]]:
    """The outline's areas by side, each with whether it is marked."""
    marked = set(selected)
    return {side: [(a, a.code in marked) for a in AREAS if a.side == side] for side in ("front", "back")}
