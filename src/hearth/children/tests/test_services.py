import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.children.models import Child
from hearth.children.services import (
    case_record_consent_record,
    child_upsert,
    placement_end,
    placement_upsert,
)
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.core.services import ConcurrentEditError
from hearth.homes.tests.factories import HomeFactory

D = datetime.date


def child_fields(**overrides: Any) -> dict[str, Any]:
    fields = {
        "first_name": "Rosa",
        "last_name": "Field",
        "known_as": "",
        "date_of_birth": D(2012, 3, 4),
        "sex": "female",
        "legal_status": "s31",
        "placing_authority": "Example Council",
        "needs": ["autism"],
    }
    return fields | overrides


def test_child_created_with_audit_event_and_history(db: Any) -> None:
    child, changed = child_upsert(actor=None, external_id="c-1", **child_fields())
    assert changed and child.version == 1
    assert AuditEvent.objects.filter(object_id=child.public_id, action="child.created").exists()
    assert child.history.count() == 1


def test_same_details_change_nothing(db: Any) -> None:
    child_upsert(actor=None, external_id="c-1", **child_fields())
    child, changed = child_upsert(actor=None, external_id="c-1", **child_fields())
    assert not changed and child.version == 1 and child.history.count() == 1


def test_changed_details_make_a_new_version(db: Any) -> None:
    child_upsert(actor=None, external_id="c-1", **child_fields())
    child, changed = child_upsert(actor=None, external_id="c-1", **child_fields(known_as="Ro"))
    assert changed and child.version == 2 and child.history.count() == 2
    assert AuditEvent.objects.get(object_id=child.public_id, action="child.updated").changed_fields == ["known_as"]


def test_concurrent_edit_is_refused(db: Any) -> None:
    child, _ = child_upsert(actor=None, external_id="c-1", **child_fields())
    child_upsert(actor=None, external_id="c-1", expected_version=1, **child_fields(known_as="Ro"))
    with pytest.raises(ConcurrentEditError, match="changed by someone else"):
        child_upsert(actor=None, external_id="c-1", expected_version=1, **child_fields(known_as="Rosie"))
    assert Child.objects.get(pk=child.pk).known_as == "Ro"


def test_unknown_need_is_refused(db: Any) -> None:
    with pytest.raises(ValidationError, match="Unknown need"):
        child_upsert(actor=None, external_id=None, **child_fields(needs=["wizardry"]))


def test_placements_cannot_overlap(db: Any) -> None:
    child = ChildFactory()
    PlacementFactory(child=child, admitted_on=D(2025, 1, 1))
    with pytest.raises(ValidationError, match="cannot overlap"):
        placement_upsert(actor=None, external_id=None, child=child, home=HomeFactory(), admitted_on=D(2025, 6, 1))


def test_history_across_homes_kept_whole(db: Any) -> None:
    child = ChildFactory()
    first = PlacementFactory(child=child, admitted_on=D(2024, 1, 1))
    placement_end(actor=None, placement=first, left_on=D(2025, 1, 1), reason="planned_move")
    second, _ = placement_upsert(
        actor=None, external_id=None, child=child, home=HomeFactory(), admitted_on=D(2025, 1, 1)
    )
    assert list(child.placements.order_by("admitted_on")) == [first, second]
    assert first.history.count() == 2


def test_placement_cannot_end_twice(db: Any) -> None:
    placement = PlacementFactory(admitted_on=D(2024, 1, 1))
    placement_end(actor=None, placement=placement, left_on=D(2024, 5, 1), reason="foster_care")
    with pytest.raises(ValidationError, match="already ended"):
        placement_end(actor=None, placement=placement, left_on=D(2024, 6, 1), reason="foster_care")


def test_admission_before_birth_is_refused(db: Any) -> None:
    child = ChildFactory(date_of_birth=D(2015, 1, 1))
    with pytest.raises(ValidationError, match="before the child's date of birth"):
        placement_upsert(actor=None, external_id=None, child=child, home=HomeFactory(), admitted_on=D(2014, 1, 1))


def test_consent_needs_both_parties_and_no_future_dates(db: Any) -> None:
    child, home = ChildFactory(), HomeFactory()
    with pytest.raises(ValidationError) as exc:
        case_record_consent_record(
            actor=None,
            child=child,
            home=home,
            child_consented_on=D(2026, 12, 1),
            placing_authority_consented_on=D(2026, 1, 1),
            placing_authority_contact=" ",
            today=D(2026, 6, 1),
        )
    assert set(exc.value.message_dict) == {"child_consented_on", "placing_authority_contact"}


def test_withdrawn_consent_closes_the_record_to_the_visitor(db: Any) -> None:
    from hearth.access.policies import has_case_record_consent
    from hearth.children.services import case_record_consent_withdraw

    child, home = ChildFactory(), HomeFactory()
    consent = case_record_consent_record(
        actor=None,
        child=child,
        home=home,
        child_consented_on=D(2026, 1, 1),
        placing_authority_consented_on=D(2026, 1, 2),
        placing_authority_contact="Social worker",
        today=D(2026, 6, 1),
    )
    assert has_case_record_consent(child, home, as_of=D(2026, 6, 1))
    case_record_consent_withdraw(actor=None, consent=consent, withdrawn_on=D(2026, 7, 1))
    assert has_case_record_consent(child, home, as_of=D(2026, 6, 30))
    assert not has_case_record_consent(child, home, as_of=D(2026, 7, 1))


def test_children_current_counts_only_the_placement_at_this_home(db: Any) -> None:
    from hearth.children.selectors import children_current
    from hearth.children.tests.factories import ChildFactory, PlacementFactory
    from hearth.homes.tests.factories import HomeFactory

    old, new = HomeFactory(), HomeFactory()
    child = ChildFactory()
    PlacementFactory(child=child, home=old, admitted_on=datetime.date(2025, 1, 1), left_on=datetime.date(2025, 6, 1))
    PlacementFactory(child=child, home=new, admitted_on=datetime.date(2025, 6, 1))
    assert list(children_current(home=old, as_of=datetime.date(2026, 1, 1))) == []
    assert list(children_current(home=new, as_of=datetime.date(2026, 1, 1))) == [child]


def test_placement_plan_is_due_five_working_days_after_admission_skipping_bank_holidays(db: Any) -> None:
    from hearth.children.selectors import placement_plan_due, placement_plans_missing
    from hearth.children.services import placement_plan_record
    from hearth.children.tests.factories import PlacementFactory

    # Admitted Wednesday 23 December 2026: Christmas Day and Boxing Day (observed Monday 28th) are skipped.
    placement = PlacementFactory(admitted_on=datetime.date(2026, 12, 23))
    assert placement_plan_due(placement) == datetime.date(2027, 1, 4)
    as_of = datetime.date(2027, 1, 5)
    missing = placement_plans_missing(home=placement.home, as_of=as_of)
    assert [m.placement for m in missing] == [placement] and missing[0].overdue(as_of)
    with pytest.raises(ValidationError) as exc:
        placement_plan_record(
            actor=None, placement=placement, agreed_on=as_of, agreed_with="", summary="", child_views="", today=as_of
        )
    assert set(exc.value.message_dict) == {"agreed_with", "summary", "child_views"}
    placement_plan_record(
        actor=None,
        placement=placement,
        agreed_on=as_of,
        agreed_with="Sam Patel, social worker",
        summary="Settle and return to school.",
        child_views="Wants to keep her bedroom as it is.",
        today=as_of,
    )
    assert placement_plans_missing(home=placement.home, as_of=as_of) == []
