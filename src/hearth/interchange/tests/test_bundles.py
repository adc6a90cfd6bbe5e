"""Records bundles: all-or-nothing, idempotent, every error located, export → load → export stable."""

import copy
import datetime
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.children.models import Child, Placement
from hearth.homes.models import Home, LocationRiskAssessment, Provider, StatementOfPurpose
from hearth.interchange import services
from hearth.interchange.demo import demo_bundle_paths
from hearth.interchange.errors import BundleInvalid
from hearth.interchange.parsing import bundle_parse
from hearth.interchange.schema import structural_errors
from hearth.interchange.selectors import bundle_export
from hearth.interchange.services import bundle_load
from hearth.staff.models import StaffMember

# Three days before the suite's clock (conftest.DEFAULT_TEST_CLOCK, or HEARTH_TEST_CLOCK): a day in
# the past whenever the suite runs.
LOAD_DAY = timezone.localdate() - datetime.timedelta(days=3)
MODELS = [Provider, Home, StatementOfPurpose, LocationRiskAssessment, StaffMember, Child, Placement]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def history_counts() -> int:
    return sum(m.history.count() for m in MODELS)  # type: ignore[attr-defined]


@pytest.fixture
def bundle() -> dict[str, Any]:
    return json.loads(demo_bundle_paths()[0].read_text())


def load(document: Any) -> Any:
    return bundle_load(actor=None, document=document, load_day=LOAD_DAY)


def test_demo_bundles_match_the_schema() -> None:
    for path in demo_bundle_paths():
        assert structural_errors(json.loads(path.read_text())) == [], path


def test_load_creates_everything(db: Any, bundle: dict[str, Any]) -> None:
    report = load(bundle)
    assert report.created["children"] == 2 and report.created["staff"] == 11
    home = Home.objects.get(external_id="home-a")
    assert home.registered_manager.external_id == "home-a-staff-01"
    assert Placement.objects.get(external_id="placement-a1-1").admitted_on == LOAD_DAY - datetime.timedelta(days=120)


def test_loading_twice_changes_nothing(db: Any, bundle: dict[str, Any]) -> None:
    load(bundle)
    before, versions, events = counts(), history_counts(), AuditEvent.objects.count()
    report = load(bundle)
    assert not report.changed_anything
    assert (counts(), history_counts(), AuditEvent.objects.count()) == (before, versions, events)


def test_changed_bundle_updates_with_history(db: Any, bundle: dict[str, Any]) -> None:
    load(bundle)
    bundle["children"][0]["known_as"] = "Kay"
    report = load(bundle)
    assert report.updated == {"children": 1}
    child = Child.objects.get(external_id="child-a1")
    assert child.known_as == "Kay" and child.history.count() == 2


def test_every_error_reported_with_its_path_and_nothing_saved(db: Any, bundle: dict[str, Any]) -> None:
    bad = copy.deepcopy(bundle)
    bad["homes"][0]["urn"] = "123"
    bad["staff"][2]["role"] = "wizard"
    bad["children"][1]["date_of_birth"] = "yesterday"
    del bad["children"][0]["sex"]
    with pytest.raises(BundleInvalid) as exc:
        load(bad)
    paths = {e.path for e in exc.value.errors}
    assert {"$.homes[0].urn", "$.staff[2].role", "$.children[1].date_of_birth", "$.children[0]"} <= paths
    assert any("'sex' is a required property" in e.reason for e in exc.value.errors)
    assert sum(counts().values()) == 0


def test_semantic_errors_roll_back_the_whole_load(db: Any, bundle: dict[str, Any]) -> None:
    bad = copy.deepcopy(bundle)
    bad["children"][0]["placements"][0]["home"] = "no-such-home"
    bad["children"][1]["placements"].append(
        {"id": "placement-a2-2", "home": "home-a", "admitted_on": {"days_before_load": 10}}
    )
    bad["staff"][0]["id"] = bad["staff"][1]["id"]
    with pytest.raises(BundleInvalid) as exc:
        load(bad)
    reasons = {e.path: e.reason for e in exc.value.errors}
    assert "no home with id 'no-such-home'" in reasons["$.children[0].placements[0].home"]
    assert "cannot overlap" in reasons["$.children[1].placements[1].admitted_on"]
    assert "already used" in reasons["$.staff[1].id"]
    assert sum(counts().values()) == 0 and not AuditEvent.objects.exists()


def test_a_valid_bundle_loads_without_a_savepoint_per_record(db: Any, bundle: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as queries:
        load(bundle)
    savepoints = [q for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 1  # bundle_load's own, inside the test's transaction
    assert counts()["Child"] == 2


def test_an_error_a_service_catches_sends_the_load_the_careful_way(
    db: Any, bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without savepoints a caught error spoils the transaction; the load is then run again record by
    record, and stores everything."""
    real_upsert = services.child_upsert
    savepoints_taken = []

    def upsert_after_a_caught_error(**kwargs: Any) -> Any:
        try:
            with transaction.atomic():
                savepoints_taken.append(connection.savepoint_ids[-1] is not None)
                raise IntegrityError("a race the service expected and handled")
        except IntegrityError:
            pass
        return real_upsert(**kwargs)

    monkeypatch.setattr(services, "child_upsert", upsert_after_a_caught_error)
    report = load(bundle)
    assert report.created["children"] == 2 and counts()["Child"] == 2 and counts()["Placement"] > 0
    assert savepoints_taken[0] is False and savepoints_taken[-1] is True  # fast first, then careful


def test_impossible_date_is_located(db: Any, bundle: dict[str, Any]) -> None:
    bundle["staff"][0]["start_date"] = "2026-02-30"
    with pytest.raises(BundleInvalid) as exc:
        load(bundle)
    assert [(e.path, e.reason) for e in exc.value.errors] == [
        ("$.staff[0].start_date", "'2026-02-30' is not a real date (YYYY-MM-DD)")
    ]


def test_invalid_json_is_located() -> None:
    with pytest.raises(BundleInvalid, match="line 1, column"):
        bundle_parse('{"format": ')


class _RollBack(Exception):
    pass


def test_export_load_export_gives_the_same_document(db: Any, demo_restored: Callable[[], None]) -> None:
    try:
        with transaction.atomic():
            demo_restored()  # the demo as `hearth demo` loads it today
            first = bundle_export(homes=Home.objects.all())
            raise _RollBack
    except _RollBack:
        pass
    assert structural_errors(first) == []
    assert sum(counts().values()) == 0  # the database is empty again
    load(first)
    assert bundle_export(homes=Home.objects.all()) == first


def test_export_of_one_home_leaves_out_placements_elsewhere(db: Any, demo_restored: Callable[[], None]) -> None:
    demo_restored()
    control = bundle_export(homes=Home.objects.filter(external_id="home-control"))
    riley = next(c for c in control["children"] if c["id"] == "child-c1")
    assert [p["home"] for p in riley["placements"]] == ["home-control"]
    assert Placement.objects.filter(child__external_id="child-c1").count() == 2


def test_cli_load_and_export(db: Any, tmp_path: Path, bundle: dict[str, Any]) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(bundle))
    out = StringIO()
    call_command("load", str(source), "--load-day", LOAD_DAY.isoformat(), stdout=out)
    assert "created" in out.getvalue()
    target = tmp_path / "out.json"
    call_command("export", "--home", "SC990001", "--output", str(target), stderr=StringIO())
    exported = json.loads(target.read_text())
    assert [h["urn"] for h in exported["homes"]] == ["SC990001"]


def test_cli_load_reports_errors_and_saves_nothing(db: Any, tmp_path: Path, bundle: dict[str, Any]) -> None:
    bundle["homes"][0]["capacity"] = 0
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bundle))
    with pytest.raises(CommandError, match=r"\$\.homes\[0\]\.capacity"):
        call_command("load", str(source))
    assert not Home.objects.exists()


def test_cli_export_needs_a_known_home(db: Any) -> None:
    with pytest.raises(CommandError, match="No home"):
        call_command("export", "--home", "nowhere")


def test_daily_records_round_trip_and_count(db: Any) -> None:
    from hearth.incidents.models import Incident, MissingAction, Notification
    from hearth.records.models import LogEntry, Outing
    from hearth.visitors.models import Visit

    written_by_hand = [json.loads(path.read_text()) for path in demo_bundle_paths()]
    # A missing child's incident may name a place other than where they were last seen.
    missing = next(i for i in written_by_hand[1]["incidents"] if "missing_episode" in i)
    missing["location"] = "The front drive"
    for document in written_by_hand:
        load(document)
    for document in written_by_hand:  # what was written by hand loads again without a change
        again = load(document)
        assert not again.changed_anything and again.unchanged
    assert Incident.objects.get(external_id=missing["id"]).location == "The front drive"
    assert LogEntry.objects.count() == 13 and Incident.objects.count() == 12 and Outing.objects.count() == 2
    assert Visit.objects.count() == 4 and MissingAction.objects.filter(kind="taxi_firms").count() == 3
    assert Notification.objects.filter(incident__home__external_id="home-b").count() == 12
    exported = bundle_export(homes=Home.objects.all())
    assert structural_errors(exported) == []
    again = load(exported)
    assert not again.changed_anything


def test_a_signed_record_is_not_changed_by_a_bundle(db: Any, bundle: dict[str, Any]) -> None:
    from hearth.records.models import LogEntry

    load(bundle)
    bundle["log_entries"][0]["text"] = "Rewritten afterwards."
    with pytest.raises(BundleInvalid) as exc:
        load(bundle)
    assert exc.value.errors[0].path == "$.log_entries[0]" and "addendum" in exc.value.errors[0].reason
    assert LogEntry.objects.get(external_id="log-a-supermarket").text.startswith("Kayla was seen")


def test_daily_record_errors_are_located(db: Any, bundle: dict[str, Any]) -> None:
    bundle["log_entries"][0]["children"] = ["nobody"]
    bundle["incidents"][1]["children"][0]["role"] = "bystander"
    bundle["outings"][0]["starts_at"] = {"days_before_load": 20, "time": "25:00"}
    with pytest.raises(BundleInvalid) as exc:
        load(bundle)
    paths = {e.path for e in exc.value.errors}
    assert {"$.incidents[1].children[0].role", "$.outings[0].starts_at"} <= paths
    assert sum(counts().values()) == 0


def test_a_review_completed_before_its_period_ends_is_refused_at_its_field(db: Any) -> None:
    document = json.loads(demo_bundle_paths()[1].read_text())
    document["reg45_reviews"][0]["completed_on"] = {"months_before_load": 4, "day": 1}
    with pytest.raises(BundleInvalid) as exc:
        load(document)
    assert [(e.path, e.reason) for e in exc.value.errors] == [
        ("$.reg45_reviews[0].completed_on", "A review is completed after the period it covers.")
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("caf\xe9".encode("cp1252") + b'{"homes": []}', r"is not UTF-8 text \(byte 3"),
        (b'{"homes": [{"name": "A\\ud800"}]}', r"\$\.homes\[0\]\.name: holds a character that is not valid Unicode"),
        (b"[" * 5000 + b"]" * 5000, "nested more than 40 levels deep"),
        (b'{"a": ' * 60 + b"1" + b"}" * 60, "nested more than 40 levels deep"),
    ],
)
def test_cli_load_refuses_unreadable_text_with_its_place(
    db: Any, tmp_path: Path, content: bytes, expected: str
) -> None:
    """Non-UTF-8, a lone surrogate, deep nesting: a located error, never a traceback; nothing saved."""
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    with pytest.raises(CommandError, match=expected):
        call_command("load", str(source), stdout=StringIO())
    assert sum(counts().values()) == 0
