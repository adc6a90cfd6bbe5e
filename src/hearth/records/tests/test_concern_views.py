"""A possible concern is asked about before saving, and an incident raised from it answers it."""

import datetime
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.incidents.models import Incident
from hearth.oversight.selectors.queue import review_queue
from hearth.records.concern_views import concern_digest
from hearth.records.models import ConcernResponse, LogEntry

WORDING = "She had a new phone and cash and wouldn't say where from. She said an older friend gave her a lift back."


def local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, **kw})


def entry_data(world: World, text: str = WORDING, **more: str) -> dict[str, Any]:
    return {"children": [world.child_a.pk], "kind": "daily", "occurred_at": local(timezone.now()), "text": text, **more}


def test_a_possible_concern_is_asked_about_before_anything_is_saved(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    page = client.post(url(world, "records:log_new"), entry_data(world))
    assert page.status_code == 200 and not LogEntry.objects.exists()
    html = page.content.decode()
    assert "Possible exploitation" in html and "new phone" in html and "older friend" in html
    assert "Save and raise an incident" in html and "Save without an incident" in html
    assert "Success" not in html and WORDING.replace("'", "&#x27;") in html  # what was typed is kept
    assert f'name="concern_seen" value="{concern_digest(WORDING)}"' in html


def test_saving_without_an_incident_warns_and_sends_the_concern_to_the_queue(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    seen = {"concern_seen": concern_digest(WORDING), "then": "entry"}
    page = client.post(url(world, "records:log_new"), entry_data(world, **seen), follow=True)
    entry = LogEntry.objects.get()
    assert entry.indicator_categories == ["exploitation"]
    html = page.content.decode()
    assert "Important" in html and "Success" not in html and "within 24 hours" in html
    concern = review_queue(home=world.home_a, now=timezone.now())[0]
    assert concern.kind == "concern" and concern.title.startswith("Possible exploitation")
    assert concern.due - entry.occurred_at == datetime.timedelta(hours=24)


def test_a_changed_text_is_asked_about_again(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    changed = WORDING + " She has a second phone too."
    page = client.post(
        url(world, "records:log_new"), entry_data(world, changed, concern_seen=concern_digest(WORDING), then="entry")
    )
    assert page.status_code == 200 and "Save and raise an incident" in page.content.decode()
    assert not LogEntry.objects.exists()


def test_raising_an_incident_from_the_prompt_fills_the_form_and_answers_the_concern(
    world: World, client_for: Any
) -> None:
    client = client_for("support_worker")
    seen = {"concern_seen": concern_digest(WORDING), "then": "incident"}
    saved = client.post(url(world, "records:log_new"), entry_data(world, **seen))
    entry = LogEntry.objects.get()
    raise_url = url(world, "records:concern_incident", entry_id=entry.public_id)
    assert saved["Location"] == raise_url
    form = client.get(raise_url).content.decode()
    assert 'value="exploitation" selected' in form  # the kind comes from the concern
    severity = re.findall(r'type="radio" name="severity" value="(\w+)"[^>]*>', form)
    assert severity == ["low", "medium", "high"]
    assert not re.search(r'name="severity" value="\w+"[^>]* checked', form)  # how serious: a person says
    assert "older friend gave her a lift back" in form
    assert "Bullying" in form  # offered, but not chosen
    page = client.post(
        raise_url,
        {
            "type": "exploitation",
            "severity": "high",
            "occurred_at": local(entry.occurred_at),
            "what_happened": entry.text,
            "action_taken": "Told the manager; rang her social worker.",
            f"child_{world.child_a.pk}": "subject",
            "risk_domains": ["cse", "cce"],
        },
    )
    incident = Incident.objects.get()
    assert page["Location"] == url(world, "incidents:detail", incident_id=incident.public_id)
    answer = ConcernResponse.objects.get(entry=entry)
    assert answer.response == ConcernResponse.Response.INCIDENT_RAISED and answer.incident == incident
    assert not [i for i in review_queue(home=world.home_a, now=timezone.now()) if i.kind == "concern"]


def test_an_entry_without_a_concern_has_no_incident_to_raise(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    client.post(url(world, "records:log_new"), entry_data(world, "Alice cooked pasta for everyone."))
    entry = LogEntry.objects.get()
    assert client.get(url(world, "records:concern_incident", entry_id=entry.public_id)).status_code == 404


def test_the_live_check_shows_the_words_as_a_warning(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    page = client.post(url(world, "records:entry_check"), {"text": "a lot of money and a second phone"})
    html = page.content.decode()
    assert page.status_code == 200 and "govuk-warning-text" in html and "second phone" in html
    quiet = client.post(url(world, "records:entry_check"), {"text": "Pasta for tea."}).content.decode()
    assert "govuk-warning-text" not in quiet


def test_the_prompts_buttons_pressed_twice_save_once(world: World, client_for: Any) -> None:
    from hearth.core.submissions import SUBMISSION_FIELD

    client = client_for("support_worker")
    key = {SUBMISSION_FIELD: "5b1f0c7e-2f7a-4c55-9f0e-0d5c3b6a9e11"}
    asked = client.post(url(world, "records:log_new"), entry_data(world, **key)).content.decode()
    assert f'name="{SUBMISSION_FIELD}" value="{key[SUBMISSION_FIELD]}"' in asked  # the prompt keeps the form's key
    seen = {"concern_seen": concern_digest(WORDING), "then": "incident", **key}
    first = client.post(url(world, "records:log_new"), entry_data(world, **seen))
    second = client.post(url(world, "records:log_new"), entry_data(world, **seen))
    assert LogEntry.objects.count() == 1 and first["Location"] == second["Location"]
