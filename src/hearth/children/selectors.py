"""Reads about children and placements."""

import datetime

from django.db.models import Q, QuerySet

from hearth.children.models import CaseRecordConsent, Child, Placement
from hearth.homes.models import Home


def children_current(*, home: Home, as_of: datetime.date) -> QuerySet[Child]:
    """Children living at the home on ``as_of``."""
    return (
        Child.objects.filter(placements__home=home, placements__admitted_on__lte=as_of)
        .filter(Q(placements__left_on__isnull=True) | Q(placements__left_on__gt=as_of))
        .distinct()
        .order_by("first_name", "last_name")
    )


def children_former(*, home: Home, as_of: datetime.date) -> QuerySet[Child]:
    """Children who left the home and are not living there now."""
    current = children_current(home=home, as_of=as_of).values("pk")
    return (
        Child.objects.filter(placements__home=home, placements__left_on__lte=as_of).exclude(pk__in=current).distinct()
    )


def child_placements(*, child: Child) -> QuerySet[Placement]:
    """The child's whole history across homes, newest first."""
    return child.placements.select_related("home", "home__provider").order_by("-admitted_on")


def case_record_consents(*, child: Child, home: Home) -> QuerySet[CaseRecordConsent]:
    return child.case_record_consents.filter(home=home).select_related("recorded_by")
