"""Staffing in the demo homes and in bundles: home A reproduces scenario A9 (4 of 9 staff trained
in county lines, bullying, challenging behaviour and harmful sexual behaviour); the control home is
fully vetted, qualified, trained and supervised; staffing records round-trip and are signed."""

import copy
import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from hearth.conftest import demo_shared
from hearth.homes.models import Home
from hearth.interchange.demo import demo_bundle_paths
from hearth.interchange.errors import BundleInvalid
from hearth.interchange.services import bundle_load
from hearth.staff.models import Course, StaffMember, TrainingCompletion, VettingCheck
from hearth.staff.selectors import staff_overview, training_matrix

A9_COURSES = {"cce_county_lines", "bullying", "challenging_behaviour", "hsb"}
# Three days before the suite's clock (conftest.DEFAULT_TEST_CLOCK, or HEARTH_TEST_CLOCK): a day in
# the past whenever the suite runs.
LOAD_DAY = timezone.localdate() - datetime.timedelta(days=3)


@pytest.fixture(scope="class")
def demo_for_class(django_db_setup: Any, django_db_blocker: Any, demo_snapshot: Any) -> Iterator[Any]:
    """The demo, copied in once for the class below, whose tests only read it."""
    with demo_shared(django_db_blocker, demo_snapshot) as snapshot:
        yield snapshot


@pytest.fixture
def demo(demo_for_class: Any, db: Any, clock: Any) -> None:
    clock.move_to(demo_for_class.loaded_until + datetime.timedelta(seconds=1))


class TestTheDemoStaff:
    """Read from one load of the demo."""

    def test_home_a_has_four_of_nine_staff_trained_in_the_a9_courses(self, demo: None) -> None:
        matrix = training_matrix(home=Home.objects.get(external_id="home-a"), as_of=timezone.localdate())
        figures = {f.course.code: (f.trained, f.required) for f in matrix.figures}
        assert {code: figures[code] for code in A9_COURSES} == dict.fromkeys(A9_COURSES, (4, 9))
        assert all(trained == required for code, (trained, required) in figures.items() if code not in A9_COURSES)
        trained_in_all = [
            m.first_name for m, cells in matrix.rows if all(c.trained for c in cells if c.course.code in A9_COURSES)
        ]
        assert sorted(trained_in_all) == ["Dana", "Leah", "Marcus", "Priya"]

    def test_home_a_new_starter_is_not_cleared(self, demo: None) -> None:
        rows = {
            r.member.first_name: r
            for r in staff_overview(home=Home.objects.get(external_id="home-a"), as_of=timezone.localdate())
        }
        assert not rows["Kit"].cleared and rows["Kit"].exception is None
        assert [name for name, r in rows.items() if not r.cleared] == ["Kit"]

    def test_the_control_home_is_fully_vetted_qualified_trained_and_supervised(self, demo: None) -> None:
        today = timezone.localdate()
        home = Home.objects.get(external_id="home-control")
        for row in staff_overview(home=home, as_of=today):
            name = row.member.full_name
            assert row.cleared, name
            assert not row.qualification.overdue, name
            assert not row.supervision.supervision_overdue and not row.supervision.appraisal_overdue, name
            assert row.training_gaps == 0, name
            assert (today - row.supervision.last_supervision.held_on).days <= 42, name
        for check in VettingCheck.objects.filter(staff_member__home=home, kind="dbs"):
            member = check.staff_member
            assert check.verified_on <= member.start_date and check.dbs_children_barred_list
            if (today - check.dbs_issued_on).days > 3 * 365:
                assert member.dbs_update_checks.filter(checked_on__gte=today - datetime.timedelta(days=365)).exists()
        matrix = training_matrix(home=home, as_of=today)
        assert all(f.trained == f.required for f in matrix.figures)
        assert not [c for _, cells in matrix.rows for c in cells if c.state == "expiring"]


def load(document: Any) -> Any:
    return bundle_load(actor=None, document=document, load_day=LOAD_DAY)


@pytest.fixture
def bundle() -> dict[str, Any]:
    return json.loads(demo_bundle_paths()[0].read_text())


def test_a_bundle_without_a_catalogue_gives_the_provider_the_defaults(db: Any, bundle: dict[str, Any]) -> None:
    report = load(bundle)
    assert Course.objects.count() == 15
    assert report.created["training"] == TrainingCompletion.objects.count() > 0


def test_a_bundles_own_catalogue_is_used(db: Any, bundle: dict[str, Any]) -> None:
    doc = copy.deepcopy(bundle)
    doc["providers"][0]["courses"] = [
        {"code": c, "title": c.title(), "mandatory_for": ["support_worker", "senior"], "renew_every_months": 12}
        for c in ("safeguarding", "first_aid")
    ]
    for s in doc["staff"]:
        s["training"] = [t for t in s.get("training", []) if t["course"] in ("safeguarding", "first_aid")]
    load(doc)
    assert sorted(Course.objects.values_list("code", flat=True)) == ["first_aid", "safeguarding"]


def test_a_verified_check_is_not_changed_by_a_bundle(db: Any, bundle: dict[str, Any]) -> None:
    load(bundle)
    doc = copy.deepcopy(bundle)
    doc["staff"][0]["vetting_checks"][0]["evidence"] = "Something else entirely."
    with pytest.raises(BundleInvalid) as exc:
        load(doc)
    assert any(
        e.path == "$.staff[0].vetting_checks[0]" and "differs from the signed record" in e.reason
        for e in exc.value.errors
    )


def test_training_in_an_unknown_course_is_located(db: Any, bundle: dict[str, Any]) -> None:
    doc = copy.deepcopy(bundle)
    doc["staff"][2]["training"][0]["course"] = "underwater_basket_weaving"
    with pytest.raises(BundleInvalid) as exc:
        load(doc)
    assert [e.path for e in exc.value.errors] == ["$.staff[2].training[0].course"]
    assert StaffMember.objects.count() == 0


def test_shifts_keep_the_exception_they_relied_on(db: Any, bundle: dict[str, Any]) -> None:
    doc = copy.deepcopy(bundle)
    kit = next(s for s in doc["staff"] if s["first_name"] == "Kit")
    kit["vetting_exceptions"] = [
        {
            "id": "kit-exception",
            "outstanding": ["Two written references"],
            "reason": "Cover.",
            "safeguards": "With a vetted colleague.",
            "starts_on": {"days_before_load": -7},
            "ends_on": {"days_before_load": -30},
            "recorded_by_name": "Dana Whitlow",
        }
    ]
    kit["shifts"] = [
        {
            "id": "kit-shift",
            "starts_at": {"days_before_load": -8, "time": "07:00"},
            "ends_at": {"days_before_load": -8, "time": "15:00"},
            "vetting_exception": "kit-exception",
        }
    ]
    load(doc)
    shift = StaffMember.objects.get(first_name="Kit").shifts.get()
    assert shift.vetting_exception is not None and shift.vetting_exception.outstanding == ["Two written references"]
    assert not load(doc).changed_anything
