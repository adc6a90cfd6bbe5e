from typing import Any

import pytest

from hearth.core.dates import add_years
from hearth.core.services import ConcurrentEditError, apply_changes
from hearth.homes.tests.factories import ProviderFactory


def test_apply_changes_saves_only_what_differs(db: Any) -> None:
    provider = ProviderFactory(name="Old")
    assert apply_changes(instance=provider, changes={"name": "Old"}, actor=None) == []
    assert provider.version == 1 and provider.history.count() == 1
    assert apply_changes(instance=provider, changes={"name": "New"}, actor=None, reason="Renamed") == ["name"]
    assert provider.version == 2
    assert provider.history.first().history_change_reason == "Renamed"


def test_stale_version_is_refused_and_nothing_changes(db: Any) -> None:
    provider = ProviderFactory(name="Old")
    other_copy = type(provider).objects.get(pk=provider.pk)
    apply_changes(instance=provider, changes={"name": "First"}, actor=None, expected_version=1)
    with pytest.raises(ConcurrentEditError, match="you opened version 1, it is now version 2"):
        apply_changes(instance=other_copy, changes={"name": "Second"}, actor=None, expected_version=1)
    provider.refresh_from_db()
    assert provider.name == "First"


def test_add_years_handles_leap_days() -> None:
    import datetime

    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert add_years(datetime.date(2023, 6, 1), 3) == datetime.date(2026, 6, 1)
