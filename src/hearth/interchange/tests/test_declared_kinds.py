"""The kinds declared once (interchange/declared/): their schema, load, refusals and documentation
all come from one description, so these tests check the description's consequences."""

import json
from typing import Any

import pytest

from hearth.interchange.declared import KINDS
from hearth.interchange.demo import demo_bundle_paths
from hearth.interchange.management.commands.bundle_kinds_doc import DOC, with_kinds
from hearth.interchange.schema import structural_errors
from hearth.interchange.services import BundleInvalid
from hearth.interchange.tests.test_bundles import load
from hearth.medicines.models import DoseRecord


@pytest.fixture
def home_a() -> dict[str, Any]:
    return json.loads(demo_bundle_paths()[0].read_text())


def test_the_bundle_format_document_shows_every_declared_kind_as_declared() -> None:
    text = DOC.read_text()
    assert with_kinds(text) == text, "docs/bundle-format.md is out of date: run `.venv/bin/hearth bundle_kinds_doc`"
    for kind in KINDS:
        assert f"### `{kind.key}`" in text


def test_a_field_the_kind_does_not_declare_is_named_with_its_path(home_a: dict[str, Any]) -> None:
    home_a["doses"][0]["colour"] = "white"
    home_a["prescriptions"][0]["kind"] = "sometimes"
    errors = {(e.path, e.reason.split(";")[0]) for e in structural_errors(home_a)}
    assert ("$.doses[0]", "Additional properties are not allowed ('colour' was unexpected)") in errors
    assert any(path == "$.prescriptions[0].kind" and "'sometimes' is not one of" in why for path, why in errors)


def test_a_dose_of_an_unknown_medicine_and_a_changed_signed_dose_are_refused_by_path(
    db: Any, home_a: dict[str, Any]
) -> None:
    load(home_a)
    # The second paracetamol was given 2.5 hours after the first: loaded as it was written elsewhere
    # (the page would have refused it); medication.prn_over_limit reports it.
    assert DoseRecord.objects.filter(prescription__external_id="rx-a1-paracetamol").count() == 2
    home_a["doses"][0]["given_by_name"] = "Someone else"
    home_a["doses"].append({**home_a["doses"][1], "id": "dose-new", "prescription": "rx-nowhere"})
    with pytest.raises(BundleInvalid) as exc:
        load(home_a)
    reasons = {e.path: e.reason for e in exc.value.errors}
    assert "differs from the signed record already stored (given_by_name)" in reasons["$.doses[0]"]
    new = f"$.doses[{len(home_a['doses']) - 1}].prescription"
    assert reasons[new] == "no prescription with id 'rx-nowhere' in this bundle or already stored"


def test_a_complaint_loads_as_written_its_staff_in_any_order_and_an_unknown_investigator_is_named(
    db: Any, home_a: dict[str, Any]
) -> None:
    from hearth.complaints.models import Complaint

    complaint = home_a["complaints"][0]
    complaint["about_staff"] = ["home-a-staff-06", "home-a-staff-02"]  # not in the export's order
    complaint["investigator"] = "home-a-staff-02"  # investigated by a person it is about: loads as written
    load(home_a)
    stored = Complaint.objects.get(external_id=complaint["id"])
    assert stored.investigator is not None and stored.investigator in stored.about_staff.all()
    load(home_a)  # the same again changes nothing, whatever the order of the list
    assert Complaint.objects.count() == 1
    complaint["investigator"] = "home-a-staff-99"
    complaint["id"] = "complaint-new"
    with pytest.raises(BundleInvalid) as exc:
        load(home_a)
    reasons = {e.path: e.reason for e in exc.value.errors}
    assert "no staff member with id 'home-a-staff-99'" in reasons["$.complaints[0].investigator"]
