import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.homes.services import location_assessment_upsert, statement_of_purpose_upsert
from hearth.homes.tests.factories import HomeFactory

D = datetime.date


def sop_fields(**overrides: Any) -> dict[str, Any]:
    return {
        "number": 1,
        "effective_from": D(2025, 1, 1),
        "summary": "Care.",
        "accepted_needs": ["autism"],
        "excluded_needs": [],
        "age_min": 8,
        "age_max": 17,
        "capacity": 4,
        "sexes": "mixed",
        "emergency_admissions": False,
    } | overrides


def test_statement_of_purpose_versions_are_kept(db: Any) -> None:
    home = HomeFactory()
    statement_of_purpose_upsert(actor=None, external_id="s1", home=home, **sop_fields())
    statement_of_purpose_upsert(
        actor=None, external_id="s2", home=home, **sop_fields(number=2, accepted_needs=["autism", "self_harm"])
    )
    assert list(home.statements_of_purpose.values_list("number", flat=True)) == [2, 1]


def test_need_both_accepted_and_excluded_is_refused(db: Any) -> None:
    with pytest.raises(ValidationError, match="both accepted and excluded"):
        statement_of_purpose_upsert(
            actor=None, external_id=None, home=HomeFactory(), **sop_fields(excluded_needs=["autism"])
        )


def test_age_range_must_run_upwards(db: Any) -> None:
    with pytest.raises(ValidationError, match="youngest age"):
        statement_of_purpose_upsert(
            actor=None, external_id=None, home=HomeFactory(), **sop_fields(age_min=18, age_max=10)
        )


def test_location_review_defaults_to_a_year_and_cannot_exceed_it(db: Any) -> None:
    home = HomeFactory()
    assessment, _ = location_assessment_upsert(
        actor=None, external_id=None, home=home, reviewed_on=D(2024, 2, 29), summary="x"
    )
    assert assessment.next_review_due == D(2025, 2, 28)
    with pytest.raises(ValidationError, match="at least every 12 months"):
        location_assessment_upsert(
            actor=None,
            external_id=None,
            home=home,
            reviewed_on=D(2025, 1, 1),
            next_review_due=D(2026, 6, 1),
            summary="x",
        )
