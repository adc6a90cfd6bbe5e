import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from hearth.medicines.schedule import due_times, parse_times

LONDON = ZoneInfo("Europe/London")


def _p(times: list[str], starts: datetime.date, ends: datetime.date | None = None) -> SimpleNamespace:
    return SimpleNamespace(kind="regular", times=times, starts_on=starts, ends_on=ends)


def test_times_are_read_sorted_and_a_wrong_one_is_named() -> None:
    assert parse_times(["20:00", " 08:00", "08:00"]) == [datetime.time(8), datetime.time(20)]
    with pytest.raises(ValueError, match="“8pm” is not a time of day"):
        parse_times(["08:00", "8pm"])


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2027, 3, 27), 8), (datetime.date(2027, 3, 28), 7), (datetime.date(2027, 10, 31), 8)],
)
def test_a_dose_stays_at_its_local_time_across_the_clock_change(day: datetime.date, utc_hour: int) -> None:
    start = datetime.datetime.combine(day, datetime.time.min, LONDON)
    end = start + datetime.timedelta(days=1)
    [due] = list(due_times(_p(["08:00"], day), start, end))
    assert due.astimezone(LONDON).hour == 8
    assert due.astimezone(datetime.UTC).hour == utc_hour


def test_doses_fall_only_on_the_days_the_medicine_is_current_including_29_february() -> None:
    p = _p(["08:00", "20:00"], datetime.date(2028, 2, 28), datetime.date(2028, 2, 29))
    start = datetime.datetime(2028, 2, 27, tzinfo=LONDON)
    found = list(due_times(p, start, start + datetime.timedelta(days=5)))
    assert [d.astimezone(LONDON).strftime("%d %H") for d in found] == ["28 08", "28 20", "29 08", "29 20"]


def test_an_as_needed_medicine_has_no_schedule() -> None:
    p = SimpleNamespace(kind="as_needed", times=[], starts_on=datetime.date(2027, 1, 1), ends_on=None)
    start = datetime.datetime(2027, 1, 2, tzinfo=LONDON)
    assert list(due_times(p, start, start + datetime.timedelta(days=1))) == []
