"""A year of medicines for every child living in a home at the end: a regular medicine twice a
day with every dose on the MAR (a few missed in homes that miss things), and an as-needed one
given now and then. What ``make bench`` needs for the child's page and the MAR at volume."""

import datetime
from decimal import Decimal

from django.utils import timezone

from hearth.bench.synth.common import HomePlan, days, insert_rows
from hearth.medicines.models import DoseRecord, Prescription

REGULAR_TIMES = ("08:00", "20:00")
BENCH_PRN = "Bench paracetamol 500 mg"  # bench/measure.py records doses of it


def medicines_create(plan: HomePlan) -> dict[str, int]:
    doses: list[dict[str, object]] = []
    prescriptions = 0
    now = timezone.now()
    for placement in plan.placements:
        if placement.left_on is not None and placement.left_on <= plan.end:
            continue
        start = max(placement.admitted_on, plan.end - datetime.timedelta(days=365))
        common = {
            "home": plan.home,
            "child_id": placement.child_id,
            "dose": "One",
            "starts_on": start,
            "recorded_by_name": "Bench",
        }
        regular = Prescription.objects.create(
            public_id=plan.uuid(),
            medicine="Sertraline 50 mg tablets",
            kind="regular",
            times=list(REGULAR_TIMES),
            **common,
        )
        prn = Prescription.objects.create(
            public_id=plan.uuid(),
            medicine=BENCH_PRN,
            kind="as_needed",
            max_doses_per_day=24,
            min_hours_between=Decimal(1),
            when_needed="Pain",
            **common,
        )
        prescriptions += 2
        for day in days(start, plan.end - datetime.timedelta(days=1)):
            for hour in (8, 20):
                if plan.missed():
                    continue
                due = plan.at(day, hour)
                doses.append(_dose(plan, regular, placement.child_id, due, due, now))
            if plan.rng.random() < 0.05:
                given = plan.at(day, 15.5)
                doses.append(_dose(plan, prn, placement.child_id, None, given, now))
    insert_rows(DoseRecord, doses)
    return {"prescriptions": prescriptions, "doses": len(doses)}


def _dose(plan: HomePlan, p: Prescription, child_id: int, due: object, at: object, now: object) -> dict[str, object]:
    return {
        "public_id": plan.uuid(),
        "prescription_id": p.pk,
        "home_id": plan.home.pk,
        "child_id": child_id,
        "scheduled_for": due,
        "at": at,
        "outcome": "given",
        "quantity": Decimal(1),
        "recorded_at": now,
        "given_by_name": "Bench worker",
    }
