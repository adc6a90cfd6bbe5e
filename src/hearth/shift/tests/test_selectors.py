import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.conftest import World
from hearth.records.services import log_entry_create
from hearth.shift.selectors import SHOWN, shift_summary, since_last_on
from hearth.staff.models import Shift
from hearth.staff.tests.factories import StaffMemberFactory


def _shift(world: World, user: Any, starts: datetime.datetime, hours: int = 8, **extra: Any) -> Shift:
    member = StaffMemberFactory(home=world.home_a, user=user)
    return Shift.objects.create(
        home=world.home_a,
        staff_member=member,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        **extra,
    )


def test_since_is_the_end_of_the_last_shift_else_a_day_and_never_more_than_a_week(world: World) -> None:
    user, now = world.users["support_worker"], timezone.now()
    assert since_last_on(home=world.home_a, user=user, now=now).reason == "the last 24 hours"
    _shift(world, user, now - datetime.timedelta(days=20))
    since = since_last_on(home=world.home_a, user=user, now=now)
    assert (since.reason, since.at) == ("the last 7 days", now - datetime.timedelta(days=7))
    last = _shift(world, user, now - datetime.timedelta(hours=20))
    _shift(world, user, now - datetime.timedelta(hours=10), cancelled_at=now)  # cancelled: never worked
    _shift(world, user, now - datetime.timedelta(hours=1))  # on now: not yet ended
    since = since_last_on(home=world.home_a, user=user, now=now)
    assert (since.reason, since.at) == ("your last shift", last.ends_at)


def _write(world: World, count: int, at: datetime.datetime) -> None:
    for n in range(count):
        log_entry_create(
            actor=world.users["senior"], home=world.home_a, children=[world.child_a], occurred_at=at, text=f"Entry {n}"
        )


def test_only_what_was_written_since_is_shown_cut_at_a_page_with_the_total(world: World, clock: Any) -> None:
    worker = world.users["support_worker"]
    _write(world, 2, timezone.now() - datetime.timedelta(hours=2))
    clock.shift(datetime.timedelta(days=2))
    _write(world, SHOWN + 3, timezone.now() - datetime.timedelta(hours=1))
    summary = shift_summary(home=world.home_a, user=worker, now=timezone.now(), leads_shift=False)
    assert (len(summary.entries.rows), summary.entries.total, summary.entries.more) == (SHOWN, SHOWN + 3, 3)
    assert {e.author_name for e in summary.entries.rows} == {world.users["senior"].get_full_name()}


def test_missing_now_visitors_in_and_handovers(world: World) -> None:
    from hearth.records.tests.factories import home_records
    from hearth.shift.tests.factories import shift_records

    records = home_records(world.home_a, world.child_a, world.staff_a)
    handover, visit, _ = shift_records(world.home_a, records.visitor)
    now = timezone.now()
    summary = shift_summary(home=world.home_a, user=world.users["senior"], now=now, leads_shift=True)
    assert [m.episode for m in summary.missing] == [records.missing]
    assert summary.missing[0].elapsed_words == "2 days"
    assert summary.visitors_in == [visit]
    assert summary.handovers == [handover]
    assert summary.sign_offs == [records.intervention]
    worker_view = shift_summary(home=world.home_a, user=world.users["support_worker"], now=now, leads_shift=False)
    assert worker_view.sign_offs == []  # the shift lead chases sign-offs


def test_the_shift_page_costs_the_same_queries_however_much_was_written(world: World, client_for: Any) -> None:
    """Flat in the data's size: the page counted with one of everything, then with four."""
    from hearth.records.tests.factories import home_records
    from hearth.shift.tests.factories import shift_records

    client = client_for("senior")
    url = f"/homes/{world.home_a.public_id}/shift/"
    counts = []
    for more in (1, 3):
        for _ in range(more):
            records = home_records(world.home_a, world.child_a, world.staff_a)
            shift_records(world.home_a, records.visitor)
        _write(world, more * 5, timezone.now() - datetime.timedelta(hours=1))
        client.get(url)  # the session's writes settle
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_elapsed_time_reads_in_plain_words() -> None:
    from hearth.shift.selectors import MissingNow

    def words(minutes: int) -> str:
        return MissingNow(None, datetime.timedelta(minutes=minutes)).elapsed_words  # type: ignore[arg-type]

    assert words(1) == "1 minute"
    assert words(61) == "1 hour 1 minute"
    assert words(60 * 24 + 60) == "1 day 1 hour"
    assert words(60 * 50) == "2 days 2 hours"
    assert words(60 * 48) == "2 days"
    assert words(0) == "0 minutes"
