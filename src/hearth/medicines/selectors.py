"""Reads for medicines: the MAR for a day, what is due, controlled-drug balances and consent."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.medicines.models import DoseRecord, Prescription, RemedyConsent, StockEntry
from hearth.medicines.schedule import due_times, local_moment

LATE_AFTER = datetime.timedelta(hours=2)  # medication.dose_not_recorded: 2 hours after the time it was due


def current_prescriptions(*, child: Child, home: Home, day: datetime.date) -> QuerySet[Prescription]:
    """The child's medicines at this home on ``day`` (another home's MAR is its own record)."""
    return Prescription.objects.filter(child=child, home=home, starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


def given_doses_near(*, prescription: Prescription, at: datetime.datetime) -> list[DoseRecord]:
    """Doses of ``prescription`` given within a day either side of ``at``, oldest first."""
    day = datetime.timedelta(hours=24)
    return list(
        DoseRecord.objects.filter(
            prescription=prescription, outcome=DoseRecord.Outcome.GIVEN, at__gt=at - day, at__lt=at + day
        ).order_by("at")
    )


def consent_in_force(*, child: Child, day: datetime.date) -> bool:
    return (
        RemedyConsent.objects.filter(child=child, given_on__lte=day)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        .exists()
    )


@dataclass
class Slot:
    """A regular dose due at ``due``, and its record if it has one."""

    prescription: Prescription
    due: datetime.datetime
    record: DoseRecord | None
    late: bool


@dataclass
class MarDay:
    """One day of a child's medication administration record."""

    day: datetime.date
    slots: list[Slot] = field(default_factory=list)
    as_needed: list[Prescription] = field(default_factory=list)
    as_needed_doses: list[DoseRecord] = field(default_factory=list)
    controlled: list[tuple[Prescription, Decimal]] = field(default_factory=list)  # with its balance now

    @property
    def outstanding(self) -> int:
        return sum(1 for s in self.slots if s.record is None)


def mar_day(*, child: Child, home: Home, day: datetime.date, now: datetime.datetime) -> MarDay:
    """The day's MAR in three queries: the prescriptions current that day, the day's dose records,
    and the controlled drugs' balances."""
    start = local_moment(day, datetime.time.min)
    end = local_moment(day + datetime.timedelta(days=1), datetime.time.min)
    prescriptions = list(current_prescriptions(child=child, home=home, day=day))
    doses = list(
        DoseRecord.objects.filter(child=child, home=home)
        .filter(Q(at__gte=start, at__lt=end) | Q(scheduled_for__gte=start, scheduled_for__lt=end))
        .select_related("prescription")
        .order_by("at", "id")
    )
    by_slot = {(d.prescription_id, d.scheduled_for): d for d in doses if d.scheduled_for is not None}
    out = MarDay(day=day)
    for p in prescriptions:
        if p.kind == Prescription.Kind.REGULAR:
            for due in due_times(p, start, end):
                record = by_slot.get((p.pk, due))
                out.slots.append(Slot(p, due, record, late=record is None and now > due + LATE_AFTER))
        else:
            out.as_needed.append(p)
    out.slots.sort(key=lambda s: (s.due, s.prescription.medicine))
    out.as_needed_doses = [d for d in doses if d.scheduled_for is None]
    controlled = [p for p in prescriptions if p.controlled]
    if controlled:
        balances = controlled_balances(prescription_ids=[p.pk for p in controlled], until=now)
        out.controlled = [(p, balances[p.pk]) for p in controlled]
    return out


def controlled_balances(*, prescription_ids: list[int], until: datetime.datetime) -> dict[int, Decimal]:
    """Each controlled drug's running balance at ``until``: received, less returned and given."""
    moves: dict[int, Decimal] = defaultdict(Decimal)
    stock = (
        StockEntry.objects.filter(prescription_id__in=prescription_ids, at__lte=until)
        .exclude(kind=StockEntry.Kind.COUNT)
        .values("prescription_id", "kind")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    for row in stock:
        sign = 1 if row["kind"] == StockEntry.Kind.RECEIVED else -1
        moves[row["prescription_id"]] += sign * row["total"]
    given = (
        DoseRecord.objects.filter(prescription_id__in=prescription_ids, at__lte=until, outcome=DoseRecord.Outcome.GIVEN)
        .values("prescription_id")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    for row in given:
        moves[row["prescription_id"]] -= row["total"]
    return {pk: moves[pk] for pk in prescription_ids}


def medicines_overview(*, child: Child, home: Home, today: datetime.date) -> dict[str, object]:
    """For the child's page: the medicines current today, and consent for homely remedies."""
    return {
        "current": list(current_prescriptions(child=child, home=home, day=today)),
        "remedy_consent": RemedyConsent.objects.filter(child=child, home=home, given_on__lte=today)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
        .first(),
    }
