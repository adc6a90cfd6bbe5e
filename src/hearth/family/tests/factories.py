import datetime
from typing import Any

from django.utils import timezone

from hearth.family.models import FamilyTime, FamilyTimePlan
from hearth.family.services import family_time_plan_record, family_time_record


class FamilyRecords:
    def __init__(self, plan: FamilyTimePlan, time: FamilyTime) -> None:
        self.plan, self.time = plan, time


def family_records(home: Any, child: Any) -> FamilyRecords:
    """A family-time plan and a time planned yesterday, nothing yet recorded about it."""
    plan = family_time_plan_record(
        actor=None,
        home=home,
        child=child,
        with_whom="Mum",
        how_often="Every Saturday",
        where="The contact centre",
        supervised=True,
        agreed_on=timezone.localdate() - datetime.timedelta(days=30),
        agreed_with="Social worker",
    )
    time = family_time_record(actor=None, plan=plan, planned_for=timezone.now() - datetime.timedelta(days=1))
    return FamilyRecords(plan, time)
