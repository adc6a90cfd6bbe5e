import datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.medicines.models import DoseRecord
from hearth.medicines.schedule import local_moment
from hearth.medicines.services import dose_record
from hearth.medicines.tests.factories import as_needed, regular


def _url(world: World, name: str = "medicines:mar", **extra: Any) -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id, **extra})


def test_one_tap_records_a_scheduled_dose_and_a_second_tap_records_nothing_more(world: World, client_for: Any) -> None:
    p = regular(world, times=("08:00",))
    client = client_for("support_worker")
    page = client.get(_url(world)).content.decode()
    assert "Sertraline 50 mg tablets" in page and "Late" in page  # 08:00, and the clock says 10:30
    due = local_moment(timezone.localdate(), datetime.time(8)).isoformat()
    given = _url(world, "medicines:given", prescription_id=p.public_id)
    first = client.post(given, {"due": due}, follow=True)
    assert "the 08:00 dose is signed by you" in first.content.decode()
    second = client.post(given, {"due": due}, follow=True)
    assert "was already recorded as given by" in second.content.decode()
    assert DoseRecord.objects.count() == 1


def test_a_prn_dose_too_soon_comes_back_on_the_form_naming_the_limit(world: World, client_for: Any) -> None:
    p = as_needed(world)
    dose_record(
        actor=None,
        prescription=p,
        outcome="given",
        at=timezone.now() - datetime.timedelta(hours=1),
        given_by_name="Sam",
    )
    client = client_for("support_worker")
    url = _url(world, "medicines:dose", prescription_id=p.public_id)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"outcome": "given", "at": now, "quantity": "2", "reason": "Headache"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "needs at least 4 hours between doses" in page
    assert DoseRecord.objects.count() == 1


def test_the_mar_query_count_does_not_grow_with_a_year_of_doses(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    p = regular(world, times=("08:00", "20:00"), days_ago=400, controlled=True)
    q = as_needed(world)
    client = client_for("support_worker")
    with django_assert_max_num_queries(40) as few:
        client.get(_url(world))
    start = timezone.localdate() - datetime.timedelta(days=365)
    DoseRecord.objects.bulk_create(
        DoseRecord(
            prescription=p,
            home=world.home_a,
            child=world.child_a,
            outcome="given",
            quantity=Decimal(1),
            scheduled_for=local_moment(start + datetime.timedelta(days=n), datetime.time(8)),
            at=local_moment(start + datetime.timedelta(days=n), datetime.time(8)),
            recorded_at=timezone.now(),
            given_by_name="Sam",
            witness_name="Jo",
        )
        for n in range(365)
    )
    dose_record(actor=None, prescription=q, outcome="given", at=timezone.now(), given_by_name="Sam")
    with django_assert_max_num_queries(len(few)):
        client.get(_url(world))


def test_another_homes_medicines_for_the_child_are_not_on_this_homes_mar(world: World, client_for: Any) -> None:
    from hearth.medicines.services import prescription_record

    prescription_record(  # written at another provider's home, where the child once lived
        actor=None,
        home=world.home_b,
        child=world.child_a,
        medicine="Elsewhere 5 mg",
        dose="One",
        kind="regular",
        times=["08:00"],
        starts_on=timezone.localdate() - datetime.timedelta(days=5),
    )
    regular(world)
    page = client_for("support_worker").get(_url(world)).content.decode()
    assert "Sertraline 50 mg tablets" in page and "Elsewhere 5 mg" not in page


def test_a_stopped_medicine_has_no_doses_due_after_its_last_day(world: World, client_for: Any) -> None:
    p = regular(world, times=("08:00",))
    url = _url(world, "medicines:stop", prescription_id=p.public_id)
    assert client_for("support_worker").get(url).status_code == 404  # a senior or manager stops it
    client = client_for("senior")
    bad = client.post(url, {"on": timezone.localdate().isoformat(), "reason": ""})
    assert "Fill in “Why it is stopped”." in bad.content.decode()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(url, {"on": yesterday.isoformat(), "reason": "The GP stopped it."})
    p.refresh_from_db()
    assert p.ends_on == yesterday and p.version == 2
    page = client.get(_url(world)).content.decode()
    assert "Given Sertraline" not in page  # nothing due today
