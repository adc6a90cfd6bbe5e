import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hearth.medicines.models import Prescription
from hearth.medicines.services import prescription_record


def regular(world: Any, *, times: tuple[str, ...] = ("08:00", "20:00"), days_ago: int = 30, **kw: Any) -> Prescription:
    return prescription_record(
        actor=world.users["senior"],
        home=world.home_a,
        child=world.child_a,
        medicine=kw.pop("medicine", "Sertraline 50 mg tablets"),
        dose="One tablet",
        kind=Prescription.Kind.REGULAR,
        times=list(times),
        starts_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        **kw,
    )


def as_needed(world: Any, *, kind: str = Prescription.Kind.AS_NEEDED, **kw: Any) -> Prescription:
    return prescription_record(
        actor=world.users["senior"],
        home=world.home_a,
        child=world.child_a,
        medicine=kw.pop("medicine", "Paracetamol 500 mg tablets"),
        dose="Two tablets",
        kind=kind,
        max_doses_per_day=kw.pop("max_doses_per_day", 4),
        min_hours_between=kw.pop("min_hours_between", Decimal(4)),
        when_needed="Pain or a temperature",
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
        **kw,
    )


class MedicineRecords:
    def __init__(self, regular: Prescription, as_needed: Prescription, controlled: Prescription) -> None:
        self.regular, self.as_needed, self.controlled = regular, as_needed, controlled


def medicine_records(home: Any, child: Any) -> MedicineRecords:
    """A regular medicine, an as-needed one and a controlled drug for ``child`` at ``home``."""
    start = timezone.localdate() - datetime.timedelta(days=10)
    common = {"actor": None, "home": home, "child": child, "dose": "One", "starts_on": start}
    return MedicineRecords(
        prescription_record(medicine="Melatonin 2 mg", kind="regular", times=["21:00"], **common),
        prescription_record(
            medicine="Ibuprofen 200 mg",
            kind="as_needed",
            max_doses_per_day=3,
            min_hours_between=Decimal(6),
            when_needed="Pain",
            **common,
        ),
        prescription_record(
            medicine="Methylphenidate 10 mg", kind="regular", times=["08:00"], controlled=True, **common
        ),
    )
