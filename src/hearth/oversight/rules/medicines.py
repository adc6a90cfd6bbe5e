"""Medicines (Regulation 23, under the health and well-being standard of Regulation 10; rules.md
"Health"): every scheduled dose recorded, as-needed limits kept, controlled drugs witnessed and
balanced, medication errors reviewed, homely remedies given only with consent.

Each rule is a fixed number of queries over every child of the homes audited. Scheduled doses are
worked out from the prescriptions in Python (``medicines/schedule.py``), not stored.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from hearth.incidents.models import Incident
from hearth.medicines.models import DoseRecord, Prescription, RemedyConsent, StockEntry, number
from hearth.medicines.schedule import due_times
from hearth.medicines.selectors import LATE_AFTER
from hearth.oversight.engine import HEALTH, HIGH, MEDIUM, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.links import reverse
from hearth.oversight.rules.timeliness import end_of, hours, incident_ref, not_done_in_time

MEDICINES_REG = "23"


def _mar(p: Prescription, day: datetime.date | None = None) -> Ref:
    """The child's MAR (on the day of the dose) as a finding's subject."""
    url = reverse("medicines:mar", kwargs={"home_id": p.home.public_id, "child_id": p.child.public_id})
    if day is not None:
        url += f"?day={day.isoformat()}"
    return ref(p, "prescription", f"{p.medicine} for {p.child.display_name}", url=url)


def _when(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M on %-d %B %Y}"


def _prescriptions(ctx: AuditContext, since: datetime.date, **filters: object) -> list[Prescription]:
    return list(
        Prescription.objects.filter(home_id__in=ctx.home_ids, starts_on__lte=ctx.as_of, **filters)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
        .select_related("home", "child")
    )


@rule(
    "medication.dose_not_recorded",
    regulation=MEDICINES_REG,
    standard=HEALTH,
    severity=HIGH,
    lookback_days=28,
)
def dose_not_recorded(ctx: AuditContext) -> Iterator[Finding]:
    """A scheduled dose has no record (given, refused, or not given with a reason) within 2 hours
    after its time (Reg 23: medicines administered and recorded safely). Doses in the look-back
    window (default 28 days) are judged; a dose recorded late counts as recorded. Two queries."""
    now = end_of(ctx.as_of)
    since = now - datetime.timedelta(days=ctx.threshold("lookback_days"))
    regular = _prescriptions(ctx, timezone.localtime(since).date(), kind=Prescription.Kind.REGULAR)
    recorded = set(
        DoseRecord.objects.filter(
            prescription__in=[p.pk for p in regular], scheduled_for__gte=since, recorded_at__lte=now
        ).values_list("prescription_id", "scheduled_for")
    )
    for p in regular:
        missed = [due for due in due_times(p, since, now - LATE_AFTER) if (p.pk, due) not in recorded]
        if not missed:
            continue
        times = ", ".join(_when(d) for d in missed[:3]) + (f" and {len(missed) - 3} more" if len(missed) > 3 else "")
        yield ctx.finding(
            home=p.home,
            subject=_mar(p, timezone.localtime(missed[-1]).date()),
            message=(
                f"{p.child.display_name}'s {p.medicine} has {len(missed)} scheduled "
                f"dose{'s' if len(missed) != 1 else ''} with nothing recorded: {times}. Find out whether "
                "it was given, and record it or a medication error."
            ),
        )


@rule(
    "medication.prn_over_limit",
    regulation=MEDICINES_REG,
    standard=HEALTH,
    severity=HIGH,
    lookback_days=28,
)
def prn_over_limit(ctx: AuditContext) -> Iterator[Finding]:
    """An as-needed dose was recorded beyond its maximum in 24 hours or before its minimum interval
    (Reg 23; the prescriber's directions). Hearth refuses such a dose when it is recorded; this
    finds those in records loaded from elsewhere. One query."""
    now = end_of(ctx.as_of)
    since = now - datetime.timedelta(days=ctx.threshold("lookback_days"))
    doses = (
        DoseRecord.objects.filter(
            home_id__in=ctx.home_ids,
            outcome=DoseRecord.Outcome.GIVEN,
            at__gte=since - datetime.timedelta(hours=24),
            at__lte=now,
        )
        .exclude(prescription__kind=Prescription.Kind.REGULAR)
        .select_related("prescription__home", "prescription__child")
        .order_by("prescription_id", "at")
    )
    by_prescription: dict[int, list[DoseRecord]] = defaultdict(list)
    for d in doses:
        by_prescription[d.prescription_id].append(d)
    for given in by_prescription.values():
        p = given[0].prescription
        for i, dose in enumerate(given):
            if dose.at < since:
                continue
            earlier = given[:i]
            reasons = []
            interval = p.min_interval
            if interval is not None and earlier and dose.at - earlier[-1].at < interval:
                reasons.append(
                    f"{(dose.at - earlier[-1].at).total_seconds() / 3600:.1f} hours after the last, "
                    f"where at least {p.min_hours_text} hours are needed"
                )
            in_day = [e for e in earlier if dose.at - e.at < datetime.timedelta(hours=24)]
            if p.max_doses_per_day and len(in_day) + 1 > p.max_doses_per_day:
                reasons.append(f"dose {len(in_day) + 1} in 24 hours, where the most is {p.max_doses_per_day}")
            if reasons:
                yield ctx.finding(
                    home=p.home,
                    subject=_mar(p, timezone.localtime(dose.at).date()),
                    message=(
                        f"{p.child.display_name} was given {p.medicine} at {_when(dose.at)} by "
                        f"{dose.given_by_name}: {'; '.join(reasons)}. Record it as a medication error and get "
                        "medical advice if not already done."
                    ),
                )


@rule("medication.controlled_balance", regulation=MEDICINES_REG, standard=HEALTH, severity=HIGH, lookback_days=90)
def controlled_balance(ctx: AuditContext) -> Iterator[Finding]:
    """A controlled drug's latest stock count differs from its running balance, or a controlled drug
    was given without a second witness (Reg 23; Misuse of Drugs Regulations 2001). Five queries."""
    now = end_of(ctx.as_of)
    since = now - datetime.timedelta(days=ctx.threshold("lookback_days"))
    controlled = _prescriptions(ctx, timezone.localtime(since).date(), controlled=True)
    by_pk = {p.pk: p for p in controlled}
    counts = StockEntry.objects.filter(
        prescription_id__in=by_pk, kind=StockEntry.Kind.COUNT, at__lte=now, at__gte=since
    ).order_by("prescription_id", "at", "id")
    latest: dict[int, StockEntry] = {}
    for c in counts:
        latest[c.prescription_id] = c
    moves: dict[int, list[tuple[datetime.datetime, Decimal]]] = defaultdict(list)
    for pk, kind, at, quantity in (
        StockEntry.objects.filter(prescription_id__in=latest, at__lte=now)
        .exclude(kind=StockEntry.Kind.COUNT)
        .values_list("prescription_id", "kind", "at", "quantity")
    ):
        moves[pk].append((at, quantity if kind == StockEntry.Kind.RECEIVED else -quantity))
    for pk, at, quantity in DoseRecord.objects.filter(
        prescription_id__in=latest, outcome=DoseRecord.Outcome.GIVEN, at__lte=now
    ).values_list("prescription_id", "at", "quantity"):
        moves[pk].append((at, -quantity))
    for pk, count in latest.items():
        p = by_pk[pk]
        # The balance at the count's own moment: what was given after it is not yet counted.
        expected = sum((q for at, q in moves[pk] if at <= count.at), Decimal(0))
        if count.quantity != expected:
            yield ctx.finding(
                home=p.home,
                subject=_mar(p),
                message=(
                    f"The stock count of {p.medicine} for {p.child.display_name} at {_when(count.at)} found "
                    f"{number(count.quantity)}, but the controlled drugs record says {number(expected)} should be there. "
                    "Investigate the difference today and tell the registered manager."
                ),
            )
    unwitnessed = DoseRecord.objects.filter(
        prescription_id__in=by_pk, outcome=DoseRecord.Outcome.GIVEN, witness_name="", at__gte=since, at__lte=now
    ).order_by("at")
    for dose in unwitnessed:
        p = by_pk[dose.prescription_id]
        yield ctx.finding(
            home=p.home,
            subject=_mar(p, timezone.localtime(dose.at).date()),
            message=(
                f"{p.medicine} (a controlled drug) was given to {p.child.display_name} at {_when(dose.at)} by "
                f"{dose.given_by_name} with no second witness recorded."
            ),
        )


@rule("medication.error_not_reviewed", regulation=MEDICINES_REG, standard=HEALTH, severity=HIGH, lookback_days=365)
def error_not_reviewed(ctx: AuditContext) -> Iterator[Finding]:
    """A medication error (an incident of that kind) has no manager review within 24 hours (Reg 23;
    Reg 13(2)(h): leaders act on what the records show). One query."""
    now = end_of(ctx.as_of)
    since = now - datetime.timedelta(days=ctx.threshold("lookback_days"))
    errors = Incident.objects.filter(
        home_id__in=ctx.home_ids, type=Incident.Type.MEDICATION_ERROR, occurred_at__gte=since
    ).filter(not_done_in_time("reviewed_at", "occurred_at", hours(24), now))
    for incident in errors.select_related("home"):
        reviewed = incident.reviewed_at is not None and incident.reviewed_at <= now
        yield ctx.finding(
            home=incident.home,
            subject=incident_ref(incident),
            message=(
                f"The medication error at {_when(incident.occurred_at)} was "
                f"{'reviewed late' if reviewed else 'not reviewed'}: a manager reviews a medication error "
                "within 24 hours, checks the child is safe and that medical advice was taken."
            ),
            evidence=[incident_ref(incident)],
        )


@rule("medication.no_consent", regulation=MEDICINES_REG, standard=HEALTH, severity=MEDIUM, lookback_days=90)
def no_consent(ctx: AuditContext) -> Iterator[Finding]:
    """A homely remedy was given without recorded consent from someone with parental responsibility
    (Reg 23; the Guide, paragraph 7.17). Two queries."""
    now = end_of(ctx.as_of)
    since = now - datetime.timedelta(days=ctx.threshold("lookback_days"))
    given = list(
        DoseRecord.objects.filter(
            home_id__in=ctx.home_ids,
            prescription__kind=Prescription.Kind.HOMELY_REMEDY,
            outcome=DoseRecord.Outcome.GIVEN,
            at__gte=since,
            at__lte=now,
        )
        .select_related("prescription__home", "prescription__child")
        .order_by("at")
    )
    consents: dict[int, list[RemedyConsent]] = defaultdict(list)
    for c in RemedyConsent.objects.filter(child_id__in={d.child_id for d in given}):
        consents[c.child_id].append(c)
    for dose in given:
        day = timezone.localtime(dose.at).date()
        if any(c.given_on <= day and (c.withdrawn_on is None or c.withdrawn_on > day) for c in consents[dose.child_id]):
            continue
        p = dose.prescription
        yield ctx.finding(
            home=p.home,
            subject=_mar(p, day),
            message=(
                f"{p.child.display_name} was given {p.medicine} (a homely remedy) at {_when(dose.at)} with no "
                "consent recorded from someone with parental responsibility."
            ),
        )
