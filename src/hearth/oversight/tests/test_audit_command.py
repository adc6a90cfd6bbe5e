"""``hearth audit``: the JSON interface and the text report."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.staff.tests.factories import StaffMemberFactory


def test_json_has_the_documented_shape(db: Any) -> None:
    member = StaffMemberFactory(start_date="2025-01-01")
    out = StringIO()
    call_command(
        "audit",
        "--home",
        member.home.urn,
        "--as-of",
        "2026-11-22",
        "--format",
        "json",
        "--rule",
        "staff.dbs_missing",
        stdout=out,
    )
    doc = json.loads(out.getvalue())
    assert doc["as_of"] == "2026-11-22"
    assert doc["homes"] == [{"id": str(member.home.public_id), "name": member.home.name, "urn": member.home.urn}]
    [finding] = doc["findings"]
    assert set(finding) == {
        "code",
        "regulation",
        "standard",
        "severity",
        "home",
        "subject",
        "message",
        "evidence",
        "due",
    }
    assert finding["code"] == "staff.dbs_missing" and finding["severity"] == "high" and finding["due"] == "2026-11-29"
    assert finding["subject"]["type"] == "staff_member" and finding["subject"]["id"] == str(member.public_id)
    assert finding["home"] == doc["homes"][0]


def test_text_groups_by_home_and_regulation(db: Any) -> None:
    member = StaffMemberFactory(start_date="2025-01-01")
    out = StringIO()
    call_command("audit", "--as-of", "2026-11-22", "--rule", "staff.dbs_missing", stdout=out)
    text = out.getvalue()
    assert f"{member.home.name} ({member.home.urn}): 1 finding(s)" in text
    assert "Regulation 32(3)(d), Schedule 2 paragraph 2" in text and "[high] staff.dbs_missing" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-13-01"], "is not a date"),
        (["--rule", "no.such_rule"], "No rule with code no.such_rule"),
        (["--home", "SC000000"], "No home"),
    ],
)
def test_bad_arguments_say_what_was_wrong(db: Any, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("audit", *args, stdout=StringIO())


# The stable codes of ../shared/rules.md (a public interface: the CLI, the API and reports use them).
RULES_MD_CODES = {
    *["risk.no_current_assessment", "risk.review_overdue", "risk.not_updated_after_incident", "risk.domain_missing"],
    *["risk.generic_strategy", "risk.boundary_breach", "protection.unverified_destination"],
    *["protection.concern_not_actioned", "missing.police_not_informed", "missing.no_return_interview"],
    *["notification.reg40_overdue", "visitor.unchecked_contact", "protection.location_review_overdue"],
    *["bullying.no_plan", "bullying.under_recorded", "restraint.record_late", "restraint.not_signed_off"],
    *["restraint.child_not_spoken_to", "training.mandatory_missing", "staff.dbs_missing", "staff.dbs_stale"],
    *["staff.recruitment_checks_incomplete", "staff.qualification_overdue", "staff.supervision_overdue"],
    *["oversight.incident_not_reviewed", "oversight.reg44_missing", "oversight.reg45_overdue"],
    *["oversight.action_overdue", "records.late_entry", "admission.no_impact_assessment"],
    *["admission.outside_purpose", "admission.residents_not_considered", "plan.placement_plan_missing"],
    *["records.assessment_too_long", "records.historical_in_current", "records.not_child_centred"],
    *["medication.dose_not_recorded", "medication.prn_over_limit", "medication.controlled_balance"],
    *["medication.error_not_reviewed", "medication.no_consent", "views.keywork_lapsed", "views.child_not_heard"],
    *["education.no_provision", "education.attendance_low", "education.pep_overdue"],
    *["health.not_registered", "health.assessment_overdue", "contact.plan_not_followed", "money.not_reconciled"],
    *["complaint.response_overdue", "complaint.investigated_by_subject", "allegation.lado_not_referred"],
    *["sanction.prohibited", "sanction.not_reviewed", "notice.overdue"],
    *["records.subject_access_overdue", "records.retention_due"],
}


def test_every_registered_rule_has_a_code_of_rules_md_and_cites_its_regulation() -> None:
    from hearth.oversight import rules  # noqa: F401
    from hearth.oversight.engine import REGISTRY

    assert len(RULES_MD_CODES) == 58
    assert set(REGISTRY) == RULES_MD_CODES
    for spec in REGISTRY.values():
        assert "Reg" in (spec.func.__doc__ or ""), f"{spec.code} has no docstring citing its regulation"
