"""Fixtures shared by every app's tests: two providers' homes, and a user for every role."""

import datetime
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import Role
from hearth.access.tests.factories import MembershipFactory, UserFactory
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.homes.tests.factories import HomeFactory, LocationRiskAssessmentFactory, StatementOfPurposeFactory
from hearth.staff.tests.factories import StaffMemberFactory

# Every test starts at the same instant, so the suite gives the same answer on any day and at any
# hour. HEARTH_TEST_CLOCK moves that instant, to try the suite on an awkward one (a month's first
# or last day, 29 February, a clock change, a minute either side of midnight), e.g.
#   HEARTH_TEST_CLOCK=2028-03-26T00:30:00+00:00 scripts/test.sh
DEFAULT_TEST_CLOCK = "2026-11-25T10:30:00+00:00"


def test_clock() -> datetime.datetime:
    """The instant every test starts at (an aware datetime)."""
    moment = datetime.datetime.fromisoformat(os.environ.get("HEARTH_TEST_CLOCK") or DEFAULT_TEST_CLOCK)
    if moment.tzinfo is None:
        raise pytest.UsageError("HEARTH_TEST_CLOCK needs a UTC offset, e.g. 2028-02-29T23:59:00+00:00")
    return moment


test_clock.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def pytest_configure(config: pytest.Config) -> None:
    """Hold the clock at the instant while tests are collected, so that a module's ``TODAY =``
    constant is the day its tests run on, even at a minute to midnight."""
    config.hearth_clock = time_machine.travel(test_clock(), tick=False)  # type: ignore[attr-defined]
    config.hearth_clock.start()  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = getattr(config, "hearth_clock", None)
    if traveller is not None:
        traveller.stop()


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Traveller]:
    """The clock, started at :func:`test_clock` and running from there; a test may move it."""
    with time_machine.travel(test_clock(), tick=True) as traveller:
        yield traveller


HOME_ROLES = ["support_worker", "senior", "deputy_manager", "registered_manager", "reg44_visitor"]


@dataclass
class World:
    """Home A (provider P1) with a user in every role; home B under another provider, P2."""

    home_a: Any
    home_b: Any
    child_a: Any
    child_b: Any
    staff_a: Any
    staff_b: Any
    users: dict[str, Any] = field(default_factory=dict)


def verify_second_factor(client: Client, user: Any) -> None:
    """Mark the client's session as having passed TOTP, as the two-factor page would."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def signed_in_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def make_world() -> World:
    """Build the world (the database must be open to the caller)."""
    home_a = HomeFactory(name="Alpha House")
    home_b = HomeFactory(name="Beta House")
    for home in (home_a, home_b):
        StatementOfPurposeFactory(home=home)
        LocationRiskAssessmentFactory(home=home)
    today = timezone.localdate()
    child_a = ChildFactory(first_name="Alice")
    child_b = ChildFactory(first_name="Bob")
    PlacementFactory(child=child_a, home=home_a, admitted_on=today - datetime.timedelta(days=100))
    PlacementFactory(child=child_b, home=home_b, admitted_on=today - datetime.timedelta(days=100))
    w = World(home_a, home_b, child_a, child_b, StaffMemberFactory(home=home_a), StaffMemberFactory(home=home_b))
    for role in HOME_ROLES:
        w.users[role] = MembershipFactory(role=role, home=home_a).user
    w.users["responsible_individual"] = MembershipFactory(
        role=Role.RESPONSIBLE_INDIVIDUAL, provider=home_a.provider
    ).user
    w.users["no_membership"] = UserFactory()
    return w


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


@contextmanager
def shared_records(django_db_blocker: Any) -> Iterator[None]:
    """For a module-scoped fixture: records made once, at the suite's clock, for every test of the
    module, and rolled back after the last. Each test runs in a savepoint inside (the ``db``
    fixture), so what one test writes is gone before the next, as with Django's setUpTestData."""
    with django_db_blocker.unblock(), time_machine.travel(test_clock(), tick=False), transaction.atomic():
        yield
        transaction.set_rollback(True)


@contextmanager
def demo_shared(django_db_blocker: Any, snapshot: Any) -> Iterator[Any]:
    """For a module- or class-scoped fixture whose tests only read the demo: the demo copied in once
    from the run's snapshot (see ``demo_restored``), rolled back after the last test. Each test
    should move its clock past ``snapshot.loaded_until``, as :func:`demo_read_only` does."""
    from hearth.interchange.tests.demo_snapshot import demo_restore

    with shared_records(django_db_blocker):
        demo_restore(snapshot)
        yield snapshot


@pytest.fixture(scope="module")
def demo_loaded_once(django_db_setup: Any, django_db_blocker: Any, demo_snapshot: Any) -> Iterator[Any]:
    """The demo homes, once for a module whose tests only read them."""
    with demo_shared(django_db_blocker, demo_snapshot) as snapshot:
        yield snapshot


@pytest.fixture
def demo_read_only(demo_loaded_once: Any, db: Any, clock: time_machine.Traveller) -> None:
    """A test of a module sharing one copy of the demo, its clock just past the load."""
    clock.move_to(demo_loaded_once.loaded_until + datetime.timedelta(seconds=1))


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The demo's rows, loaded once at the suite's clock (interchange/tests/demo_snapshot.py)."""
    from hearth.interchange.tests.demo_snapshot import demo_snapshot_take

    with django_db_blocker.unblock():
        return demo_snapshot_take()


@pytest.fixture
def demo_restored(demo_snapshot: Any, clock: time_machine.Traveller) -> Callable[[], None]:
    """Call to put the demo in this test's database (open it first, with ``db`` or
    ``transactional_db``), the clock moved just past the load as if it had just run."""
    from hearth.interchange.tests.demo_snapshot import demo_restore

    def restore() -> None:
        demo_restore(demo_snapshot)
        clock.move_to(demo_snapshot.loaded_until + datetime.timedelta(seconds=1))

    return restore


@pytest.fixture
def client_for(world: World):  # type: ignore[no-untyped-def]
    """A signed-in (and second-factor verified) client for a role name in ``world.users``."""

    def make(role: str) -> Client:
        return signed_in_client(world.users[role])

    return make


# (django_db_blocker is not one: every test holds it, through pytest-django's own fixtures.)
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def uses_database(item: pytest.Item) -> bool:
    """Whether a test can reach the database: a django_db mark, or a fixture that opens it (pytest-django
    refuses database access to any other test, so one without is the same on every database)."""
    names = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(DATABASE_FIXTURES & names)


PAIRED_RUNS = ("sqlite", "postgresql")
SHARED_MARKS = ("either_database", "browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Share the work of scripts/test.sh's two runs, side by side, without leaving anything untested.

    With HEARTH_DATABASE_TESTS_ONLY=1 (set for the PostgreSQL run), leave out the tests that never
    touch a database: they ran, identically, in the SQLite run beside it. With HEARTH_PAIRED_RUN
    set to ``sqlite`` or ``postgresql``, the tests marked ``either_database`` (a set of like tests,
    such as the same load on many awkward days) and the browser journeys (whose every step the
    view and service tests also take on both databases) are dealt alternately to the two runs, and
    a test marked ``paired_run("sqlite")`` or ``paired_run("postgresql")`` goes to that one: each
    runs on one database, and every one runs in each ``make test``. A run by hand, without these,
    runs everything.
    """
    keep, left_out = list(items), []
    if os.environ.get("HEARTH_DATABASE_TESTS_ONLY") == "1":
        keep, left_out = [i for i in keep if uses_database(i)], [i for i in keep if not uses_database(i)]
    paired_run = os.environ.get("HEARTH_PAIRED_RUN", "")
    if paired_run:
        if paired_run not in PAIRED_RUNS:
            raise pytest.UsageError(f"HEARTH_PAIRED_RUN is {paired_run!r}: it must be one of {', '.join(PAIRED_RUNS)}")
        # Only database tests are dealt: one that needs none runs in the SQLite run alone, whatever its marks.
        dealt = [i for i in items if uses_database(i)]
        shared = sorted(i.nodeid for i in dealt if any(i.get_closest_marker(m) for m in SHARED_MARKS))
        elsewhere = {nodeid for n, nodeid in enumerate(shared) if PAIRED_RUNS[n % 2] != paired_run}
        elsewhere |= {  # a test given to one run by name (paired_run("sqlite"))
            i.nodeid for i in dealt if (m := i.get_closest_marker("paired_run")) and m.args[0] != paired_run
        }
        left_out += [i for i in keep if i.nodeid in elsewhere]
        keep = [i for i in keep if i.nodeid not in elsewhere]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = keep
