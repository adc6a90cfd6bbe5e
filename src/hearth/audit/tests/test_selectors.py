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
