"""Family time and money rules (rules.md "Relationships and money"). Clock: 25 November 2026."""

import datetime
from decimal import Decimal
from typing import Any

import time_machine
from django.utils import timezone

from hearth.conftest import World
from hearth.family.services import family_time_outcome_record, money_entry_record, reconciliation_record
from hearth.family.tests.factories import family_records
from hearth.oversight.engine import run_audit

TODAY = datetime.date(2026, 11, 25)


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def test_family_time_with_nothing_recorded_after_48_hours_is_found(world: World) -> None:
    time = family_records(world.home_a, world.child_a).time  # planned yesterday
    assert audit(world, "contact.plan_not_followed") == []  # under 48 hours
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        later = TODAY + datetime.timedelta(days=2)
        [finding] = audit(world, "contact.plan_not_followed", as_of=later)
        assert finding.severity == "low" and "Family time with Mum planned for 24 November 2026" in finding.message
        family_time_outcome_record(actor=None, time=time, outcome="child_declined", reason="Went to football.")
        assert audit(world, "contact.plan_not_followed", as_of=later) == []


def test_money_not_counted_for_31_days_or_not_balancing_is_found(world: World) -> None:
    kw = {"actor": None, "home": world.home_a, "child": world.child_a, "account": "savings"}
    money_entry_record(**kw, on=TODAY - datetime.timedelta(days=60), amount=Decimal(20), what="Birthday money")
    [never] = audit(world, "money.not_reconciled")
    assert "savings has not been counted against the ledger ever" in never.message
    reconciliation_record(**kw, on=TODAY - datetime.timedelta(days=40), counted=Decimal(20))
    [stale] = audit(world, "money.not_reconciled")
    assert "since 16 October 2026" in stale.message
    reconciliation_record(**kw, on=TODAY, counted=Decimal(15), explanation="Not yet found.")
    [short] = audit(world, "money.not_reconciled")
    assert "came to £15.00 where the ledger says £20.00" in short.message
    reconciliation_record(**kw, on=TODAY, counted=Decimal(20))
    assert audit(world, "money.not_reconciled") == []
    assert timezone.localdate() == TODAY
