"""Two people editing one record (core/conflicts.py, core.services.claim_next_version): a stale form
changes nothing, its author is shown what changed and keeps what they typed, and of two
simultaneous saves exactly one lands."""

import datetime
import re
import threading
from typing import Any

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.core.services import ConcurrentEditError, apply_changes
from hearth.incidents.models import MissingEpisode
from hearth.records.tests.factories import home_records


def form_values(html: str) -> dict[str, str]:
    """The values a browser would send back from the page's form (inputs and textareas)."""
    values = {m.group(1): m.group(2) for m in re.finditer(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)}
    values.update(
        {m.group(1): m.group(2) for m in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>\s*([^<]*)</textarea>', html)}
    )
    return values


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_stale_missing_episode_form_does_not_erase_the_return(world: World, client_for: Any) -> None:
    episode = home_records(world.home_a, world.child_a, world.staff_a).missing
    url = reverse(
        "incidents:missing_update",
        kwargs={"home_id": world.home_a.public_id, "incident_id": episode.incident.public_id},
    )
    first, second = client_for("support_worker"), client_for("senior")
    opened_by_first = form_values(first.get(url).content.decode())
    opened_by_second = form_values(second.get(url).content.decode())
    assert opened_by_second["expected_version"] == str(episode.version)
    returned = timezone.now() - datetime.timedelta(minutes=30)
    saved = first.post(url, {**opened_by_first, "returned_at": local(returned), "return_condition": "Cold, unhurt."})
    assert saved.status_code == 302

    stale = second.post(url, {**opened_by_second, "police_reference": "WY-1234"})
    page = stale.content.decode()
    assert stale.status_code == 200 and "Someone else saved this missing episode" in page
    assert "Returned at: blank became" in page
    episode.refresh_from_db()
    assert episode.returned_at is not None and episode.police_reference == ""  # nothing of the stale form saved
    merged = form_values(page)
    assert merged["police_reference"] == "WY-1234"  # what the second worker typed is kept
    assert merged["returned_at"] == local(returned) and merged["expected_version"] == str(episode.version)
    assert second.post(url, merged).status_code == 302  # saved again from the merged form: both facts stand
    episode.refresh_from_db()
    assert episode.police_reference == "WY-1234" and episode.returned_at is not None
    assert episode.return_condition == "Cold, unhurt."


def test_both_changed_the_same_field_keeps_what_this_person_typed(world: World, client_for: Any) -> None:
    episode = home_records(world.home_a, world.child_a, world.staff_a).missing
    url = reverse(
        "incidents:missing_update",
        kwargs={"home_id": world.home_a.public_id, "incident_id": episode.incident.public_id},
    )
    first, second = client_for("support_worker"), client_for("senior")
    a, b = form_values(first.get(url).content.decode()), form_values(second.get(url).content.decode())
    assert first.post(url, {**a, "police_reference": "FIRST-1"}).status_code == 302
    page = second.post(url, {**b, "police_reference": "SECOND-2"}).content.decode()
    assert "they changed it from blank to FIRST-1; your change is kept on the form" in page
    assert form_values(page)["police_reference"] == "SECOND-2"
    assert MissingEpisode.objects.get(pk=episode.pk).police_reference == "FIRST-1"


def test_an_edit_form_without_its_version_is_refused_with_a_reason(world: World, client_for: Any) -> None:
    episode = home_records(world.home_a, world.child_a, world.staff_a).missing
    url = reverse(
        "incidents:missing_update",
        kwargs={"home_id": world.home_a.public_id, "incident_id": episode.incident.public_id},
    )
    client = client_for("support_worker")
    sent = {k: v for k, v in form_values(client.get(url).content.decode()).items() if k != "expected_version"}
    page = client.post(url, {**sent, "police_reference": "X-1"}).content.decode()
    assert "This page is out of date" in page
    assert MissingEpisode.objects.get(pk=episode.pk).police_reference == ""


def test_a_service_given_a_stale_version_changes_nothing(world: World) -> None:
    episode = home_records(world.home_a, world.child_a, world.staff_a).missing
    opened = episode.version
    apply_changes(instance=episode, changes={"police_reference": "A"}, actor=None)
    stale = MissingEpisode.objects.get(pk=episode.pk)
    stale.version = opened  # as read before the change
    with pytest.raises(ConcurrentEditError):
        apply_changes(instance=stale, changes={"police_reference": "B"}, actor=None)
    assert MissingEpisode.objects.get(pk=episode.pk).police_reference == "A"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="simultaneous transactions need a server's row locks")
@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_edits_exactly_one_lands_every_time(world: World) -> None:
    """Two workers save the same version of a missing episode at the same instant, 25 times over:
    each time one is accepted, the other refused, and the history holds each version once."""
    episode = home_records(world.home_a, world.child_a, world.staff_a).missing
    for attempt in range(25):
        start, outcomes = threading.Barrier(2), list[str]()
        version = MissingEpisode.objects.get(pk=episode.pk).version

        def edit(
            reference: str, version: int = version, start: threading.Barrier = start, outcomes: list[str] = outcomes
        ) -> None:
            try:
                mine = MissingEpisode.objects.get(pk=episode.pk)
                start.wait(timeout=10)
                with transaction.atomic():
                    apply_changes(
                        instance=mine, changes={"police_reference": reference}, actor=None, expected_version=version
                    )
                outcomes.append(reference)
            except ConcurrentEditError:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=edit, args=(f"{attempt}-{n}",)) for n in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert len(outcomes) == 2 and outcomes.count("refused") == 1, outcomes
        stored = MissingEpisode.objects.get(pk=episode.pk)
        assert stored.police_reference == next(o for o in outcomes if o != "refused")
        assert stored.version == version + 1
    versions = list(MissingEpisode.history.filter(id=episode.pk).values_list("version", flat=True))
    assert len(versions) == len(set(versions))
