"""The demo's dates hold on every day of a leap year (no database), and the check finds what it
should: each kind of date that holds on some days only."""

import datetime
import json
from typing import Any

import pytest
from django.conf import settings

from hearth.interchange.calendar_check import calendar_problems
from hearth.interchange.demo import demo_bundle_paths

LEAP_YEAR = [datetime.date(2028, 1, 1) + datetime.timedelta(days=n) for n in range(366)]
HOURS = settings.HEARTH_DEADLINES_HOURS.values()


@pytest.mark.parametrize("path", demo_bundle_paths(), ids=lambda p: p.name)
def test_the_demo_dates_hold_on_every_day_of_a_leap_year(path: Any) -> None:
    problems = calendar_problems(json.loads(path.read_text()), LEAP_YEAR, HOURS)
    assert [str(p) for p in problems] == []


def check(records: dict[str, list[dict[str, Any]]], days: list[datetime.date] = LEAP_YEAR) -> list[str]:
    return [str(p) for p in calendar_problems({"format": "hearth.bundle", **records}, days, HOURS)]


def test_a_review_completed_some_days_before_its_period_ends_is_found() -> None:
    """The bug that stopped ``make run`` on 4 December 2026: day 28 two months back, against 40 days back."""
    review = {
        "id": "r",
        "period_end": {"months_before_load": 2, "day": 28},
        "completed_on": {"days_before_load": 40},
    }
    found = check({"reg45_reviews": [review]})
    assert found and found[0].startswith("$.reg45_reviews[0].period_end and $.reg45_reviews[0].completed_on")
    review["completed_on"] = {"months_before_load": 1, "day": 5}
    assert check({"reg45_reviews": [review]}) == []


def test_an_entry_before_the_named_childs_admission_on_some_days_is_found() -> None:
    child = {"id": "c", "placements": [{"id": "p", "admitted_on": {"days_before_load": 75}}]}
    visit = {"id": "v", "visited_on": {"months_before_load": 2, "day": 9}, "children_spoken_to": ["c"]}
    assert any("admitted_on" in p for p in check({"children": [child], "reg44_visits": [visit]}))
    child["placements"][0]["admitted_on"] = {"days_before_load": 95}
    assert check({"children": [child], "reg44_visits": [visit]}) == []


def test_a_time_later_on_the_day_of_loading_is_found_unless_the_field_may_lie_ahead() -> None:
    entry = {"id": "e", "occurred_at": {"days_before_load": 0, "time": "14:00"}}
    assert check({"log_entries": [entry]}, LEAP_YEAR[:1]) == [
        "$.log_entries[0].occurred_at: 14:00 on the day of loading is in the future until then"
    ]
    shifts = [
        {"id": "s1", "starts_at": {"days_before_load": 0, "time": "07:00"}},
        {"id": "s2", "starts_at": {"days_before_load": -2, "time": "07:00"}},
    ]
    assert check({"shifts": shifts}, LEAP_YEAR[:1]) == []


def test_an_absolute_date_is_found() -> None:
    assert check({"visitors": [{"id": "v", "dbs": {"issued_on": "2025-09-01"}}]}, LEAP_YEAR[:1]) == [
        "$.visitors[0].dbs.issued_on: an absolute date in a bundle whose dates are relative to the day of loading"
    ]


def test_hours_moved_across_a_deadline_by_a_clock_change_are_found() -> None:
    """48 hours between two London times on a normal weekend is 47 or 49 across a clock change."""
    record = {
        "id": "i",
        "occurred_at": {"days_before_load": 3, "time": "10:00"},
        "signed_at": {"days_before_load": 1, "time": "10:30"},
    }
    found = check({"incidents": [record]})
    assert any("more than 48 hours apart" in p for p in found), found
    record["signed_at"] = {"days_before_load": 1, "time": "08:00"}
    assert check({"incidents": [record]}) == []


def test_a_placement_plan_due_by_working_days_is_found() -> None:
    child = {
        "id": "c",
        "placements": [
            {
                "id": "p",
                "admitted_on": {"days_before_load": 20},
                "plans": [{"id": "pl", "agreed_on": {"days_before_load": 13}}],
            }
        ],
    }
    assert any("working days" in p for p in check({"children": [child]}))
    child["placements"][0]["plans"][0]["agreed_on"] = {"days_before_load": 5}
    assert check({"children": [child]}) == []


def test_a_round_number_of_days_on_a_yearly_step_and_an_age_are_found() -> None:
    staff = {"id": "s", "start_date": {"days_before_load": 730}}
    assert any("24 months on" in p for p in check({"staff": [staff]}))
    child = {"id": "c", "date_of_birth": {"days_before_load": 14 * 365 + 3}}
    assert any("age in whole years" in p for p in check({"children": [child]}))
    child["date_of_birth"] = {"days_before_load": 14 * 365 + 120}
    assert check({"children": [child]}) == []


def test_a_time_the_clocks_skip_or_repeat_is_found() -> None:
    entry = {"id": "e", "returned_at": {"days_before_load": 21, "time": "01:30"}}
    assert check({"incidents": [entry]}, LEAP_YEAR[:1]) == [
        "$.incidents[0].returned_at: 01:30 does not exist on the day the clocks go forward and comes twice on the day "
        "they go back"
    ]
