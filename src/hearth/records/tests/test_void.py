"""A record saved twice is voided by the registered manager with a reason: kept, with its history,
shown as void on its page, and left out of the queue, the chronology, the counts and the rules."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.conftest import World
from hearth.incidents.models import Incident, MissingEpisode
from hearth.incidents.services import incident_void
from hearth.oversight.engine import run_audit
from hearth.oversight.selectors import review_queue
from hearth.records.models import LogEntry
from hearth.records.selectors import child_chronology
from hearth.records.services import log_entry_void
from hearth.records.tests.factories import home_records


def key(record: Any) -> tuple[str, Any]:
    return type(record).__name__, getattr(record, "pk", None)


def test_a_voided_entry_and_incident_leave_the_queue_chronology_counts_and_rules(world: World) -> None:
    manager = world.users["registered_manager"]
    records = home_records(world.home_a, world.child_a, world.staff_a)
    entry, incident = records.entry, records.missing.incident

    def seen() -> tuple[set[Any], set[Any], int, int, set[str]]:
        queued = {key(i.record) for i in review_queue(home=world.home_a, now=timezone.now())}
        chronology = {key(i.record) for i in child_chronology(child=world.child_a, home=world.home_a)}
        found = run_audit(as_of=timezone.localdate(), homes=[world.home_a])
        evidence = {e.id for f in found for e in f.evidence} | {f.subject.id for f in found}
        return queued, chronology, world.child_a.log_entries.count(), MissingEpisode.objects.count(), evidence

    queued, chronology, entries, episodes, evidence = seen()
    mine = {key(entry), key(incident)}
    assert mine <= queued and mine <= chronology
    assert str(entry.public_id) in evidence and (entries, episodes) == (1, 1)

    log_entry_void(actor=manager, entry=entry, comment="Saved twice: the same entry as 14:02.")
    incident_void(actor=manager, incident=incident, comment="Reported twice by two staff.")

    queued, chronology, entries, episodes, evidence = seen()
    assert not mine & queued and not mine & chronology
    assert str(entry.public_id) not in evidence and str(incident.public_id) not in evidence
    assert (entries, episodes) == (0, 0)
    # Kept: stored, with a history version saying who voided it and why, and an audit event.
    kept = LogEntry.with_voided.get(pk=entry.pk)
    assert kept.is_void and kept.voided_by == manager and kept.void_reason.startswith("Saved twice")
    assert kept.history.first().history_change_reason == "Voided: Saved twice: the same entry as 14:02."
    assert Incident.with_voided.get(pk=incident.pk).is_void
    assert AuditEvent.objects.filter(action__in=["log_entry.voided", "incident.voided"]).count() == 2


def test_voiding_needs_a_reason_and_happens_once(world: World) -> None:
    manager = world.users["registered_manager"]
    entry = home_records(world.home_a, world.child_a, world.staff_a).entry
    with pytest.raises(ValidationError, match="Say why it is void"):
        log_entry_void(actor=manager, entry=entry, comment=" ")
    log_entry_void(actor=manager, entry=entry, comment="Saved twice.")
    with pytest.raises(ValidationError, match="already void"):
        log_entry_void(actor=manager, entry=entry, comment="Again.")


def test_the_registered_manager_voids_from_the_page_which_then_says_void(world: World, client_for: Any) -> None:
    records = home_records(world.home_a, world.child_a, world.staff_a)
    kwargs = {"home_id": world.home_a.public_id, "incident_id": records.missing.incident.public_id}
    page = reverse("incidents:detail", kwargs=kwargs)
    client = client_for("registered_manager")
    assert "Void this record" in client.get(page).content.decode()
    assert "Void this record" not in client_for("deputy_manager").get(page).content.decode()
    response = client.post(reverse("incidents:void", kwargs=kwargs), {"comment": "Reported twice."}, follow=True)
    shown = response.content.decode()
    assert "This record is void" in shown and "Reported twice." in shown
    assert "Add an addendum" not in shown and "Void this record" not in shown
    # Nothing more is added to a void record.
    assert client.get(reverse("incidents:addendum", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("incidents:void", kwargs=kwargs)).status_code == 404
