"""Reads about homes and providers."""

import contextlib
import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hearth.homes.models import Home, LocationRiskAssessment, Provider, StatementOfPurpose


def statement_of_purpose_current(*, home: Home, as_of: datetime.date) -> StatementOfPurpose | None:
    """The version in force on ``as_of``: the highest-numbered one already effective."""
    return home.statements_of_purpose.filter(effective_from__lte=as_of).order_by("-number").first()


def location_assessment_current(*, home: Home, as_of: datetime.date) -> LocationRiskAssessment | None:
    return home.location_assessments.filter(reviewed_on__lte=as_of).order_by("-reviewed_on").first()


def provider_homes_overview(*, provider: Provider, as_of: datetime.date) -> QuerySet[Home]:
    """Every home of the provider with its head counts and location-review date, in one query.

    Each count is its own subquery: counting placements and staff through one join would multiply
    every home's placements by its staff (a large provider: half a million rows, seconds)."""
    from hearth.children.models import Placement
    from hearth.staff.models import StaffMember

    def counted(rows: QuerySet[Any]) -> Subquery:
        return Subquery(rows.order_by().values("home_id").annotate(n=Count("pk")).values("n")[:1])

    current_placements = Placement.objects.filter(home=OuterRef("pk"), admitted_on__lte=as_of).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=as_of)
    )
    current_staff = StaffMember.objects.filter(home=OuterRef("pk"), start_date__lte=as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=as_of)
    )
    latest_review = (
        LocationRiskAssessment.objects.filter(home=OuterRef("pk"), reviewed_on__lte=as_of)
        .order_by("-reviewed_on")
        .values("next_review_due")[:1]
    )
    return (
        provider.homes.select_related("registered_manager")
        .annotate(
            children_count=Coalesce(counted(current_placements), 0),
            staff_count=Coalesce(counted(current_staff), 0),
            location_review_due=Subquery(latest_review),
        )
        .order_by("name")
    )


def home_by_reference(ref: str) -> Home | None:
    """A home by its bundle id, its URN or its public id, as the command line names homes."""
    import uuid

    query = Q(external_id=ref) | Q(urn__iexact=ref)
    with contextlib.suppress(ValueError):
        query |= Q(public_id=uuid.UUID(ref))
    return Home.objects.filter(query).first()
