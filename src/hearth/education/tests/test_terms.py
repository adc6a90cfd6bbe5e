import datetime

import pytest

from hearth.education.codes import attendance_rate
from hearth.education.terms import previous_term, school_days_back, school_days_between, term_of

D = datetime.date


@pytest.mark.parametrize(
    ("day", "name", "start"),
    [
        (D(2026, 9, 1), "autumn", D(2026, 9, 1)),
        (D(2026, 12, 31), "autumn", D(2026, 9, 1)),
        (D(2027, 1, 1), "spring", D(2027, 1, 1)),
        (D(2028, 2, 29), "spring", D(2028, 1, 1)),
        (D(2027, 8, 31), "summer", D(2027, 4, 1)),
    ],
)
def test_every_day_is_in_a_term(day: datetime.date, name: str, start: datetime.date) -> None:
    term = term_of(day)
    assert (term.name, term.starts_on) == (name, start)


def test_the_term_before_spring_is_the_autumn_of_the_year_before() -> None:
    assert previous_term(term_of(D(2027, 1, 5))).starts_on == D(2026, 9, 1)
    assert previous_term(term_of(D(2026, 9, 5))).starts_on == D(2026, 4, 1)


def test_school_days_are_weekdays() -> None:
    assert school_days_between(D(2026, 11, 20), D(2026, 11, 27)) == 5  # Friday to Friday
    assert school_days_between(D(2026, 11, 27), D(2026, 11, 20)) == 0
    assert school_days_back(D(2026, 11, 27), 5) == D(2026, 11, 20)
    assert school_days_back(D(2026, 11, 30), 1) == D(2026, 11, 27)  # Monday's one school day back is Friday


def test_attendance_counts_present_and_approved_over_possible_sessions() -> None:
    assert attendance_rate(["/", "\\", "B", "I", "N", "#"]) == pytest.approx(3 / 5)
    assert attendance_rate(["#", "Z"]) is None
