"""Importing a report into a home: the inspection, its history, and each requirement and
recommendation as an action; the same report twice changes nothing; what cannot be imported is
refused with nothing saved; an overdue requirement shows as a finding."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.conftest import World
from hearth.inspections.models import Inspection, PastInspection
from hearth.inspections.services import action_title, inspection_import
from hearth.inspections.tests.factories import imported_inspection, report_for
from hearth.oversight import services as oversight
from hearth.oversight.engine import run_audit
from hearth.oversight.models import Action

TODAY = timezone.localdate()


def _import(world: World, report: dict[str, Any], actor: Any = None) -> Any:
    return inspection_import(
        actor=actor, home=world.home_a, report=report, source_name="report.txt", source_sha256="0" * 64
    )


def test_a_full_report_becomes_an_inspection_with_actions(world: World) -> None:
    manager = world.users["registered_manager"]
    inspection = imported_inspection(world.home_a, "SC660021-full-2021-11", actor=manager)
    assert inspection.inspection_type == "full"
    assert (inspection.start_on, inspection.end_on) == (datetime.date(2021, 11, 30), datetime.date(2021, 12, 1))
    assert inspection.judgements["help_and_protection"] == "inadequate"
    assert inspection.imported_by_name == manager.get_full_name()
    requirements = inspection.actions.filter(source=Action.Source.OFSTED_REQUIREMENT).order_by("due_on", "title")
    assert [(a.due_on, a.regulation, a.compliance_notice) for a in requirements] == [
        (datetime.date(2021, 12, 10), "12(1)(2)(b)(i)", True),
        (datetime.date(2021, 12, 10), "14(2)(a)(b)", True),
        (datetime.date(2022, 1, 31), "32(3)(a)", False),
    ]
    assert requirements[0].detail.endswith("(Regulation 12 (1) (2)(b)(i))")
    assert requirements[0].source_reference == "Ofsted full inspection, 30 November 2021"
    recommendation = inspection.actions.get(source=Action.Source.OFSTED_RECOMMENDATION)
    assert recommendation.due_on == datetime.date(2021, 12, 1) + datetime.timedelta(days=90)
    assert not recommendation.compliance_notice
    history = list(PastInspection.objects.filter(home=world.home_a).values_list("inspected_on", "judgement"))
    assert history == [
        (datetime.date(2021, 11, 30), "inadequate"),
        (datetime.date(2021, 6, 9), "requires improvement to be good"),
        (datetime.date(2021, 1, 14), ""),
        (datetime.date(2020, 2, 4), "good"),
    ]
    assert AuditEvent.objects.filter(action="inspection.imported").count() == 1


def test_importing_the_same_report_twice_changes_nothing(world: World) -> None:
    report = report_for(world.home_a)
    first = _import(world, report)
    counts = (Inspection.objects.count(), Action.objects.count(), PastInspection.objects.count())
    events = AuditEvent.objects.count()
    again = _import(world, report_for(world.home_a))
    assert not again.created and again.inspection == first.inspection
    assert "already imported; nothing changed" in again.summary
    assert (Inspection.objects.count(), Action.objects.count(), PastInspection.objects.count()) == counts
    assert AuditEvent.objects.count() == events


def test_history_from_a_later_report_adds_only_the_rows_not_already_known(world: World) -> None:
    imported_inspection(world.home_a, "SC1236771-monitoring-2020-12")
    before = PastInspection.objects.count()
    report = report_for(world.home_a)
    report["inspection_dates"] = {"start": "2021-06-01", "end": "2021-06-01"}
    report["history"].insert(0, {"date": "2020-12-01", "type": "monitoring", "judgement": None})
    assert _import(world, report).history_added == 1  # the new inspection; the 2020 visit is known
    assert PastInspection.objects.count() == before + 1


def test_a_report_for_another_home_is_refused(world: World) -> None:
    report = report_for(world.home_b)
    with pytest.raises(
        ValidationError, match=f"URN {world.home_b.urn.removeprefix('SC')}; Alpha House is {world.home_a.urn}"
    ):
        _import(world, report)
    assert not Inspection.objects.exists() and not Action.objects.exists()


def test_what_an_action_needs_but_the_report_lacks_is_refused_and_nothing_saved(world: World) -> None:
    report = report_for(world.home_a)
    report["requirements"][1]["due_date"] = None
    report["inspection_dates"] = None
    with pytest.raises(ValidationError) as refused:
        _import(world, report)
    assert refused.value.messages == [
        "The inspection dates were not found.",
        "Requirement 2 has no due date that could be read, so it cannot be tracked.",
    ]
    assert not Inspection.objects.exists() and not Action.objects.exists() and not PastInspection.objects.exists()


def test_a_requirement_past_its_due_date_is_overdue_until_completed_with_evidence(world: World) -> None:
    inspection = imported_inspection(world.home_a)
    findings = [f for f in run_audit(homes=[world.home_a], as_of=TODAY) if f.code == "oversight.action_overdue"]
    by_title = {f.subject.label: f.severity for f in findings}
    requirement = inspection.actions.get(due_on=datetime.date(2020, 12, 15))
    assert by_title[requirement.title] == "high"
    assert len(findings) == 3  # two requirements (high) and the recommendation (medium)
    oversight.action_complete(
        actor=world.users["registered_manager"],
        action=requirement,
        completed_on=TODAY,
        evidence="Impact risk assessments rewritten for all three children; see their records.",
    )
    findings = [f for f in run_audit(homes=[world.home_a], as_of=TODAY) if f.code == "oversight.action_overdue"]
    assert requirement.title not in {f.subject.label for f in findings}


def test_action_titles_are_the_first_sentence_cut_at_a_word() -> None:
    assert action_title("Ensure staff are trained. Then more.") == "Ensure staff are trained."
    long = "The registered person must ensure " + "that staff do the right thing " * 10 + "(Regulation 12(1))"
    title = action_title(long)
    assert len(title) <= 160 and title.endswith("\u2026") and not title.endswith(" \u2026")


class _RollBack(Exception):
    pass


def test_an_imported_inspection_travels_in_a_records_bundle(db: Any, demo_restored: Any) -> None:
    """Export, then load into an empty database, then export again: the same document; loading
    it once more changes nothing."""

    from django.db import transaction

    from hearth.homes.models import Home
    from hearth.interchange.selectors import bundle_export
    from hearth.interchange.services import bundle_load

    try:
        with transaction.atomic():
            demo_restored()
            inspection = imported_inspection(Home.objects.get(urn="SC990001"), "SC660021-full-2021-11")
            oversight.action_complete(
                actor=None,
                action=inspection.actions.filter(compliance_notice=True).first(),  # type: ignore[arg-type]
                completed_on=TODAY,
                evidence="Impact assessments now completed before every admission.",
            )
            first = bundle_export(homes=Home.objects.all())
            raise _RollBack
    except _RollBack:
        pass
    assert [i["report"]["urn"] for i in first["inspections"]] == ["SC990001"]
    assert sum(a["compliance_notice"] for a in first["actions"]) == 2
    assert not Inspection.objects.exists()
    bundle_load(actor=None, document=first, load_day=TODAY)
    loaded = Inspection.objects.get()
    assert loaded.actions.count() == 4 and loaded.judgements["leadership_and_management"] == "inadequate"
    assert PastInspection.objects.filter(home=loaded.home).count() == 4
    assert bundle_export(homes=Home.objects.all()) == first
    bundle_load(actor=None, document=first, load_day=TODAY)
    assert Inspection.objects.count() == 1 and Action.objects.filter(inspection=loaded).count() == 4
