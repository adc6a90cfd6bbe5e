import datetime
from typing import Any

from hearth.audit.selectors import history_entries
from hearth.children.services import placement_end
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.core.services import apply_changes


def test_history_lists_creations_and_field_changes_newest_first(db: Any, django_assert_num_queries: Any) -> None:
    child = ChildFactory(legal_status="s20")
    placement = PlacementFactory(child=child, admitted_on=datetime.date(2025, 1, 1))
    apply_changes(instance=child, changes={"legal_status": "s31"}, actor=None)
    placement_end(actor=None, placement=placement, left_on=datetime.date(2025, 6, 1), reason="foster_care")
    with django_assert_num_queries(2):  # one per record type, however many versions
        entries = history_entries(records=[child, placement])
    assert [e.kind for e in entries] == ["Changed", "Changed", "Created", "Created"]
    change = next(e for e in entries if e.record.startswith("Child"))
    assert [(c.field, c.old, c.new) for c in change.changes if c.field == "Legal status"] == [
        ("Legal status", "Accommodated by agreement (section 20)", "Care order (section 31)")
    ]
    ended = entries[0]
    assert ended.reason == "Placement ended"
    assert ("Left on", "(blank)", "01 June 2025") in [(c.field, c.old, c.new) for c in ended.changes]


def test_a_changed_reference_reads_as_the_records_name_and_codes_as_words(db: Any) -> None:
    from hearth.access.tests.factories import UserFactory
    from hearth.audit.labels import action_label
    from hearth.homes.tests.factories import HomeFactory
    from hearth.incidents.models import Incident

    home = HomeFactory()
    first = UserFactory(first_name="Ada", last_name="First")
    second = UserFactory(first_name="Ben", last_name="Second")
    from django.utils import timezone

    incident = Incident.objects.create(
        home=home,
        type="other",
        occurred_at=timezone.now(),
        recorded_at=timezone.now(),
        what_happened="x",
        action_taken="y",
        reported_by=first,
        reported_by_name="Ada First",
        risk_domains=[],
    )
    apply_changes(instance=incident, changes={"reported_by": second, "risk_domains": ["cse"]}, actor=None)
    change = next(e for e in history_entries(records=[incident]) if e.kind == "Changed")
    rows = {c.field: (c.old, c.new) for c in change.changes}
    assert rows["Reported by"] == ("Ada First", "Ben Second")
    assert "cse" not in rows["Risk domains"][1]
    _check_labels(action_label)


def _check_labels(action_label: Any) -> None:
    assert action_label("reg45_review.started") == "Regulation 45 review started"
    assert action_label("log_entry.reviewed") == "Log entry reviewed and signed"
    assert action_label("something_new.happened") == "Something new happened"
