"""Reads for allegations: the LADO referral's deadline, and who opened each one."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hearth.allegations.models import Allegation, AllegationOpening
from hearth.core.dates import add_working_days, day_start
from hearth.homes.models import Home


def lado_due(received_at: datetime.datetime, working_days: int = 1) -> datetime.datetime:
    """The end of the next working day after the allegation was received (Working Together 2023:
    report to the LADO within one working day), in London time."""
    day = add_working_days(timezone.localtime(received_at).date(), working_days)
    return day_start(day + datetime.timedelta(days=1))


def allegations_of(home: Home) -> QuerySet[Allegation]:
    return Allegation.objects.filter(home=home).select_related("staff_member", "child").order_by("-received_at")


def allegations_listed_for(user: Any, home: Home) -> QuerySet[Allegation]:
    """The list a person sees: every allegation for the registered manager and the RI, those they
    were named to read for anyone else; never one about themselves (``can_view_allegation``)."""
    from hearth.access import policies

    listed = allegations_of(home).exclude(staff_member__user_id=user.pk)
    if policies.can_manage_allegations(user, home):
        return listed
    return listed.filter(readers__user_id=user.pk, readers__withdrawn_at__isnull=True).distinct()


def openings_of(allegation: Allegation, limit: int = 50) -> list[AllegationOpening]:
    return list(allegation.openings.order_by("-at", "-id")[:limit])
