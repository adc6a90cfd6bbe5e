import datetime
from typing import Any

from django.utils import timezone

from hearth.conftest import World
from hearth.records.services import log_entry_create


def _entries(world: World, count: int, text: str) -> None:
    for n in range(count):
        log_entry_create(
            actor=world.users["senior"],
            home=world.home_a,
            children=[world.child_a],
            occurred_at=timezone.now() - datetime.timedelta(hours=n + 1),
            text=f"{text} {n}",
        )


def test_the_search_page_finds_pages_and_keeps_the_query_on_every_page_link(world: World, client_for: Any) -> None:
    _entries(world, 30, "Swimming lesson")
    client = client_for("support_worker")
    url = f"/homes/{world.home_a.public_id}/search/"
    assert "Search the records" in client.get(url).content.decode()
    page = client.get(url, {"q": "swimming", "type": "log"}).content.decode()
    assert "30 records found" in page and "Swimming lesson 0" in page
    assert world.users["senior"].get_full_name() in page  # who wrote each
    assert "?q=swimming&amp;type=log&amp;page=2" in page
    second = client.get(url, {"q": "swimming", "type": "log", "page": 2}).content.decode()
    assert "Swimming lesson 29" in second and "Swimming lesson 0<" not in second


def test_every_error_names_its_field_and_nothing_is_searched(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    page = client.get(
        f"/homes/{world.home_a.public_id}/search/", {"q": "x", "date_from": "2026-02-30", "type": "nonsense"}
    ).content.decode()
    assert "There is a problem" in page
    assert "Enter “From” as a real date" in page
    assert "Choose one of the answers offered for “Type of record”." in page
    assert "records found" not in page


def test_the_daily_log_names_each_writer_and_pages_fifty_at_a_time(world: World, client_for: Any) -> None:
    _entries(world, 55, "Evening meal")
    client = client_for("support_worker")
    page = client.get(f"/homes/{world.home_a.public_id}/log/").content.decode()
    assert page.count("Evening meal") == 50
    assert "Written by" in page and world.users["senior"].get_full_name() in page
    assert 'aria-label="Page 2"' in page
    rest = client.get(f"/homes/{world.home_a.public_id}/log/", {"page": 2}).content.decode()
    assert rest.count("Evening meal") == 5


def test_the_incident_outing_and_visit_lists_page_rather_than_stop(world: World, client_for: Any) -> None:
    from hearth.incidents.services import incident_create

    for n in range(51):
        incident_create(
            actor=world.users["senior"],
            home=world.home_a,
            type="damage",
            severity="low",
            occurred_at=timezone.now() - datetime.timedelta(hours=n + 1),
            what_happened=f"Broke mug {n}.",
            action_taken="Swept up.",
            children=[(world.child_a, "subject")],
        )
    client = client_for("support_worker")
    url = f"/homes/{world.home_a.public_id}/incidents/"
    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()
    assert 'aria-label="Page 2"' in first
    assert first.count("Damage to property <strong") == 50 and second.count("Damage to property <strong") == 1
    for tail in ("outings/", "visitors/"):
        assert client.get(f"/homes/{world.home_a.public_id}/{tail}").status_code == 200
