"""Checks several apps' services share."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

# Staff write up after the event, never before it; allow a device clock a few minutes fast.
CLOCK_SKEW = datetime.timedelta(minutes=10)


def check_not_future(
    value: datetime.datetime | None, field: str, label: str, now: datetime.datetime | None = None
) -> None:
    if value is not None and value > (now or timezone.now()) + CLOCK_SKEW:
        raise ValidationError({field: f"{label} cannot be in the future."})


def check_children_placed(children: Iterable[Any], home: Any, on: datetime.date, field: str = "children") -> None:
    """Each child must have lived at the home on the day (a record about another home's child is refused)."""
    from hearth.children.models import Placement

    wanted = {c.pk: c for c in children}
    placed = set(
        Placement.objects.filter(child_id__in=wanted, home=home, admitted_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=on))
        .values_list("child_id", flat=True)
    )
    missing = [wanted[pk].display_name for pk in wanted if pk not in placed]
    if missing:
        raise ValidationError({field: f"Not living at {home} on {on:%d %B %Y}: {', '.join(sorted(missing))}."})


def check_staff_of_home(staff: Iterable[Any], home: Any, field: str = "staff") -> None:
    strangers = [str(s) for s in staff if s.home_id != home.pk]
    if strangers:
        raise ValidationError({field: f"Not staff at {home}: {', '.join(strangers)}."})


def check_addendum(reason: str, text: str, what: str) -> None:
    """An addendum needs both why it is added and what it says."""
    errors = {}
    if not reason.strip():
        errors["reason"] = f"Say why the {what} needs an addendum."
    if not text.strip():
        errors["text"] = "Write the correction or addition."
    if errors:
        raise ValidationError(errors)
