import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.homes.tests.factories import HomeFactory
from hearth.staff.selectors import staff_current
from hearth.staff.services import staff_member_upsert

D = datetime.date


def test_staff_member_with_end_date_before_start_is_refused(db: Any) -> None:
    with pytest.raises(ValidationError, match="before the start date"):
        staff_member_upsert(
            actor=None,
            external_id=None,
            home=HomeFactory(),
            first_name="A",
            last_name="B",
            role="senior",
            start_date=D(2025, 1, 1),
            end_date=D(2024, 1, 1),
        )


def test_current_staff_excludes_leavers_and_future_starters(db: Any) -> None:
    home = HomeFactory()
    common = {"home": home, "last_name": "X", "role": "support_worker"}
    here, _ = staff_member_upsert(actor=None, external_id="s1", first_name="Here", start_date=D(2024, 1, 1), **common)
    staff_member_upsert(
        actor=None, external_id="s2", first_name="Gone", start_date=D(2023, 1, 1), end_date=D(2025, 1, 1), **common
    )
    staff_member_upsert(actor=None, external_id="s3", first_name="Soon", start_date=D(2027, 1, 1), **common)
    assert list(staff_current(home=home, as_of=D(2026, 1, 1))) == [here]
