"""Reads about staff."""

import datetime

from django.db.models import Q, QuerySet

from hearth.homes.models import Home
from hearth.staff.models import StaffMember


def staff_current(*, home: Home, as_of: datetime.date) -> QuerySet[StaffMember]:
    """Staff employed at the home on ``as_of``, by surname."""
    return home.staff.filter(start_date__lte=as_of).filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
