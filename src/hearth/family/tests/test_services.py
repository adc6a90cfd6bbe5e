import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.conftest import World
from hearth.family.services import family_time_outcome_record, money_entry_record, reconciliation_record
from hearth.family.tests.factories import family_records


def test_family_time_not_taking_place_needs_a_reason_and_is_recorded_once(world: World) -> None:
    time = family_records(world.home_a, world.child_a).time
    with pytest.raises(ValidationError) as exc:
        family_time_outcome_record(actor=None, time=time, outcome="no_show")
    assert "Say why it did not take place" in exc.value.message_dict["reason"][0]
    done = family_time_outcome_record(actor=None, time=time, outcome="no_show", reason="Mum did not come.")
    assert done.outcome_recorded_at is not None
    with pytest.raises(ValidationError, match="already recorded"):
        family_time_outcome_record(actor=None, time=done, outcome="happened")


def test_money_is_never_overdrawn_and_a_count_that_differs_must_be_explained(world: World) -> None:
    today = timezone.localdate()
    kw = {"actor": None, "home": world.home_a, "child": world.child_a, "account": "pocket"}
    money_entry_record(**kw, on=today - datetime.timedelta(days=3), amount=Decimal("10.00"), what="Pocket money")
    with pytest.raises(ValidationError, match=r"There is only £10\.00"):
        money_entry_record(**kw, on=today, amount=Decimal("-12.50"), what="Trainers")
    money_entry_record(**kw, on=today, amount=Decimal("-2.50"), what="Sweets", receipt_kept=True)
    with pytest.raises(ValidationError) as exc:
        reconciliation_record(**kw, on=today, counted=Decimal("7.00"))
    assert "The ledger says £7.50 and £7.00 was counted" in exc.value.message_dict["explanation"][0]
    count = reconciliation_record(**kw, on=today, counted=Decimal("7.00"), explanation="50p lost; being looked for.")
    assert not count.balances and count.ledger_balance == Decimal("7.50")
