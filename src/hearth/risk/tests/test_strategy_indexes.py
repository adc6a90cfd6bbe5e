"""The provider's strategy index as web requests get it (``risk/strategy_indexes.py``): built by
the worker and stored signed, loaded by requests without building it, the older one kept while a
newer loads, a snapshot not signed by this site ignored; and a home's own audit builds none."""

from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.oversight.engine import home_rule_codes, run_audit
from hearth.risk import strategy_indexes
from hearth.risk.checks.generic import normalised
from hearth.risk.models import StrategyIndexSnapshot
from hearth.risk.strategy_indexes import (
    child_names,
    other_strategies_indexed,
    provider_strategy_index_for_request,
    strategy_index_publish,
    strategy_indexes_out_of_date,
)
from hearth.risk.tests.factories import SPECIFIC, approved_assessment


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    strategy_indexes.forget_strategy_indexes()
    yield
    strategy_indexes.forget_strategy_indexes()


@pytest.fixture
def copied(world: World) -> Any:
    """Two children of home A whose missing-from-home plans say the same: the copy to be found."""
    other = ChildFactory(first_name="Nia")
    PlacementFactory(child=other, home=world.home_a, admitted_on=timezone.localdate())
    approved_assessment(world.child_a, world.home_a)
    approved_assessment(other, world.home_a, before=SPECIFIC["before"].replace("Tuesday", "Thursday"))
    return other


def _copies(world: World) -> list[str]:
    others = other_strategies_indexed(home=world.home_a, child=world.child_a)
    words = normalised(SPECIFIC["before"], child_names(world.child_a))
    return [label for label, _ in others.near(words)]


def test_with_no_worker_the_request_builds_the_index_and_keeps_it(world: World, copied: Any) -> None:
    with mock.patch.object(strategy_indexes, "_build", wraps=strategy_indexes._build) as build:
        assert _copies(world) and _copies(world)
    assert build.call_count == 1


def test_the_workers_index_is_loaded_by_a_request_not_built(world: World, copied: Any) -> None:
    provider = world.home_a.provider_id
    assert strategy_indexes_out_of_date() == [provider, world.home_b.provider_id]
    assert strategy_index_publish(provider_id=provider)
    assert not strategy_index_publish(provider_id=provider)  # the plans have not changed
    assert StrategyIndexSnapshot.objects.get(provider_id=provider).generation == 1
    assert provider not in strategy_indexes_out_of_date()
    built = _copies(world)
    strategy_indexes.forget_strategy_indexes()  # another web process
    with mock.patch.object(strategy_indexes, "_build", side_effect=AssertionError("built in a request")):
        assert _copies(world) == built and built


def test_a_newer_index_loads_in_the_background_while_the_older_serves(world: World, copied: Any) -> None:
    provider = world.home_a.provider_id
    strategy_index_publish(provider_id=provider)
    older, _ = provider_strategy_index_for_request(provider_id=provider)
    approved_assessment(world.child_b, world.home_a)  # a plan changes; the worker stores a new index
    strategy_indexes.forget_strategy_indexes()
    strategy_index_publish(provider_id=provider)
    assert StrategyIndexSnapshot.objects.get(provider_id=provider).generation == 2
    strategy_indexes._HELD[provider] = strategy_indexes._Held(older, {}, generation=1)  # this process held the first
    with mock.patch.object(strategy_indexes, "_load_in_background") as background:
        index, _ = provider_strategy_index_for_request(provider_id=provider)
    assert index is older and background.call_args.args == (provider,)
    strategy_indexes._HELD[provider] = strategy_indexes._load(provider)  # as the thread does
    newer, _ = provider_strategy_index_for_request(provider_id=provider)
    assert len(newer.items) > len(older.items)


def test_a_snapshot_not_signed_by_this_site_is_ignored(world: World, copied: Any) -> None:
    provider = world.home_a.provider_id
    strategy_index_publish(provider_id=provider)
    StrategyIndexSnapshot.objects.filter(provider_id=provider).update(signature=b"forged")
    strategy_indexes.forget_strategy_indexes()
    with mock.patch.object(strategy_indexes, "_build", wraps=strategy_indexes._build) as build:
        assert _copies(world)
    assert build.call_count == 1  # built, never unpickled


def test_a_homes_own_audit_builds_no_index(world: World, copied: Any) -> None:
    with mock.patch.object(strategy_indexes, "_build", side_effect=AssertionError("index built")):
        run_audit(homes=[world.home_a], as_of=timezone.localdate(), codes=home_rule_codes())
    with mock.patch.object(strategy_indexes, "_build", wraps=strategy_indexes._build) as build:
        found = run_audit(homes=[world.home_a], as_of=timezone.localdate(), codes=["risk.generic_strategy"])
    assert build.call_count == 1 and {f.code for f in found} == {"risk.generic_strategy"}


def test_a_homes_re_audit_keeps_the_text_checks_of_an_unchanged_approved_version(world: World, copied: Any) -> None:
    from hearth.oversight.rules import risk as risk_rules

    risk_rules._CHECKED.clear()
    codes = home_rule_codes()
    with mock.patch.object(risk_rules, "check_assessment", wraps=risk_rules.check_assessment) as checked:
        first = run_audit(homes=[world.home_a], as_of=timezone.localdate(), codes=codes)
        assert checked.call_count == 2  # each child's current version
        assert run_audit(homes=[world.home_a], as_of=timezone.localdate(), codes=codes) == first
        assert checked.call_count == 2  # kept
        approved_assessment(world.child_a, world.home_a, domain="self_harm")
        run_audit(homes=[world.home_a], as_of=timezone.localdate(), codes=codes)
        assert checked.call_count == 3  # the new version is checked
        run_audit(homes=[world.home_a], as_of=timezone.localdate(), codes=["risk.generic_strategy"])
        assert checked.call_count == 5  # compared with other children's plans: never kept
