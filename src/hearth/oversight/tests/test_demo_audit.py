"""The acceptance test of the oversight issue: with the demo loaded today, ``hearth audit`` as of
today reports every row of scenarios.md on the right home, with evidence pointing at the right
records, and no high-severity finding on the control home."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.records.models import LogEntry, Outing
from hearth.risk.models import RiskAssessment
from hearth.visitors.models import Visitor


@pytest.fixture
def audit(db: Any) -> dict[str, Any]:
    call_command("demo", stdout=StringIO())
    out = StringIO()
    call_command("audit", "--as-of", timezone.localdate().isoformat(), "--format", "json", stdout=out)
    doc: dict[str, Any] = json.loads(out.getvalue())
    return doc


def public(model: Any, external_id: str) -> str:
    return str(model.objects.get(external_id=external_id).public_id)


def child(external_id: str) -> str:
    return public(Child, external_id)


def findings(doc: dict[str, Any], home: str, code: str) -> list[dict[str, Any]]:
    urn = Home.objects.get(external_id=home).urn
    return [f for f in doc["findings"] if f["home"]["urn"] == urn and f["code"] == code]


def evidence_ids(found: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for f in found for e in f["evidence"]}


def subjects(found: list[dict[str, Any]]) -> set[str]:
    return {f["subject"]["id"] for f in found}


def test_home_a_every_row_of_scenarios_md(audit: dict[str, Any]) -> None:
    kayla, jordan = child("child-a1"), child("child-a2")
    # A1: Kayla, at high CSE risk, taken to an unchecked address.
    a1 = findings(audit, "home-a", "protection.unverified_destination")
    assert subjects(a1) == {kayla} and public(Outing, "outing-a-canal-street") in evidence_ids(a1)
    # A2: the supermarket entry with no follow-up.
    a2 = findings(audit, "home-a", "protection.concern_not_actioned")
    assert evidence_ids(a2) == {public(LogEntry, "log-a-supermarket")}
    # A3: admissions not weighed.
    assert subjects(findings(audit, "home-a", "admission.no_impact_assessment")) == {kayla}
    assert jordan in subjects(findings(audit, "home-a", "admission.residents_not_considered"))
    # A4 and A5: bullying without a plan, and under-recorded.
    a4 = findings(audit, "home-a", "bullying.no_plan")
    assert subjects(a4) == {kayla, jordan}
    assert evidence_ids(a4) >= {public(Incident, "inc-a-bully-1"), public(Incident, "inc-a-bully-2")}
    a5 = findings(audit, "home-a", "bullying.under_recorded")
    assert a5 and evidence_ids(a5) <= {public(LogEntry, f"log-a-bully-{n}") for n in range(1, 5)}
    # A6 and A7: Jordan's generic self-harm plan; the manager's personal mobile.
    a6 = findings(audit, "home-a", "risk.generic_strategy")
    assert jordan in subjects(a6) and any("Self-harm" in f["message"] for f in a6 if f["subject"]["id"] == jordan)
    a7 = findings(audit, "home-a", "risk.boundary_breach")
    assert subjects(a7) == {jordan} and "personal mobile" in a7[0]["message"]
    assert evidence_ids(a7) == {public(RiskAssessment, "ra-a2-v1")}
    # A8: the manager's son.
    a8 = findings(audit, "home-a", "visitor.unchecked_contact")
    assert [f["subject"]["id"] for f in a8] == [public(Visitor, "visitor-a-son")]
    # A9: five of nine staff lack the four courses.
    a9 = findings(audit, "home-a", "training.mandatory_missing")
    assert len(a9) == 5 and all("county lines" in f["message"] for f in a9)
    # A10: incidents not overseen; admitted outside the statement of purpose.
    assert findings(audit, "home-a", "oversight.incident_not_reviewed")
    assert findings(audit, "home-a", "admission.outside_purpose")


def test_home_b_every_row_of_scenarios_md(audit: dict[str, Any]) -> None:
    ty = child("child-b1")
    assert len(findings(audit, "home-b", "admission.residents_not_considered")) == 3  # B1
    assert subjects(findings(audit, "home-b", "records.assessment_too_long")) == {ty}  # B2
    assert ty in subjects(findings(audit, "home-b", "records.historical_in_current"))
    b3 = findings(audit, "home-b", "risk.domain_missing") + findings(audit, "home-b", "risk.not_updated_after_incident")
    assert any("criminal exploitation" in f["message"] for f in b3)
    assert len(subjects(b3)) == 3  # all three children
    assert findings(audit, "home-b", "records.not_child_centred")  # B4


def test_the_control_home_has_no_high_severity_finding(audit: dict[str, Any]) -> None:
    urn = Home.objects.get(external_id="home-control").urn
    high = [f for f in audit["findings"] if f["home"]["urn"] == urn and f["severity"] == "high"]
    assert high == [], [f["message"] for f in high]


def test_every_finding_has_the_documented_fields(audit: dict[str, Any]) -> None:
    assert audit["as_of"] == timezone.localdate().isoformat()
    assert {h["name"] for h in audit["homes"]} == {"Alder Bank", "Brookside View", "Hollins Lea"}
    for f in audit["findings"]:
        assert f["severity"] in {"high", "medium", "low"} and f["message"] and f["due"] >= audit["as_of"]
        assert set(f["subject"]) == {"type", "id", "label"}
