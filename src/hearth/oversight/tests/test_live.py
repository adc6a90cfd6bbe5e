"""Live oversight: findings stored with a life, re-audits queued by saves and run by the worker,
the clock's work once a day, and pages reading what is stored (docs/live-oversight.md)."""

import datetime
import io
import json
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.incidents.models import PhysicalIntervention
from hearth.oversight import engine
from hearth.oversight.models import HomeAudit, QueuedRun, ScheduledRun, StoredFinding
from hearth.oversight.scheduling import run_request, run_started
from hearth.oversight.selectors import findings as findings_selectors
from hearth.oversight.services.stored import findings_store, homes_refresh
from hearth.oversight.tasks import timed_work_enqueue
from hearth.oversight.tests.test_timeliness_rules import restraint as restraint_at


def restraint(world: World, hours_ago: int) -> Any:
    """A restraint at home A ``hours_ago``, recorded at once and not signed off."""
    at = timezone.now() - datetime.timedelta(hours=hours_ago)
    return restraint_at(world, at, at)


def open_codes(home: Any) -> list[str]:
    return sorted(StoredFinding.objects.filter(home=home, resolved_at__isnull=True).values_list("code", flat=True))


def test_a_finding_is_opened_seen_again_and_resolved_with_its_first_sight_and_due_date_kept(world: World) -> None:
    today = timezone.localdate()
    first = timezone.now()
    restraint(world, hours_ago=60)  # not signed within 48 hours (Reg 35(3)(b))
    homes_refresh([world.home_a], as_of=today, now=first)
    row = StoredFinding.objects.get(home=world.home_a, code="restraint.not_signed_off")
    assert row.first_seen_at == first and row.resolved_at is None
    due = row.due

    later = first + datetime.timedelta(hours=3)
    result = homes_refresh([world.home_a], as_of=today + datetime.timedelta(days=1), now=later)
    row.refresh_from_db()
    assert row.first_seen_at == first and row.last_seen_at == later and row.due == due
    assert result.seen_again >= 1 and "restraint.not_signed_off" not in [r.code for r in result.opened]

    incident_services.physical_intervention_sign(
        actor=None, intervention=PhysicalIntervention.objects.get(), comment="Spoke to staff.", at=later
    )
    homes_refresh([world.home_a], as_of=today, now=later + datetime.timedelta(minutes=1))
    row.refresh_from_db()
    assert row.resolved_at == later + datetime.timedelta(minutes=1)


def test_findings_of_other_rules_are_left_alone_when_only_some_rules_run(world: World) -> None:
    restraint(world, hours_ago=60)
    today, now = timezone.localdate(), timezone.now()
    homes_refresh([world.home_a], as_of=today, now=now)
    before = open_codes(world.home_a)
    findings_store(homes=[world.home_a], findings=[], as_of=today, now=now, codes=["risk.generic_strategy"])
    assert open_codes(world.home_a) == before


def test_a_save_at_a_home_queues_one_audit_of_it_however_many_saves_there_are(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        restraint(world, hours_ago=60)
    with django_capture_on_commit_callbacks(execute=True):
        restraint(world, hours_ago=61)
    queued = DBTaskResult.objects.filter(task_path__endswith="audit_home")
    assert queued.count() == 1 and queued.get().args_kwargs["args"] == [world.home_a.pk]
    assert QueuedRun.objects.get(name=f"home:{world.home_a.pk}").queued

    call_command("worker", "--batch", stdout=io.StringIO())
    assert "restraint.not_signed_off" in open_codes(world.home_a)
    assert not QueuedRun.objects.get(name=f"home:{world.home_a.pk}").queued
    assert HomeAudit.objects.get(home=world.home_a).last_as_of == timezone.localdate()
    # The provider-wide comparison was queued by the home's run, and the batch ran it too.
    assert DBTaskResult.objects.filter(task_path__endswith="audit_provider_comparisons", status="SUCCESSFUL").exists()


def test_a_save_during_a_run_asks_for_another(db: Any) -> None:
    calls: list[str] = []
    assert run_request("home:1", lambda: calls.append("first"))
    assert not run_request("home:1", lambda: calls.append("coalesced"))
    run_started("home:1")
    assert run_request("home:1", lambda: calls.append("again"))
    assert calls == ["first", "again"]


def test_the_clock_enqueues_the_nightly_audit_escalations_and_digests_once_a_day_and_a_sweep_each_quarter(
    db: Any,
) -> None:
    tz = timezone.get_current_timezone()
    night = datetime.datetime(2027, 3, 29, 0, 5, tzinfo=tz)  # a Monday, the day after the clocks change
    assert timed_work_enqueue(night) == ["deadlines", "nightly"]
    assert timed_work_enqueue(night + datetime.timedelta(minutes=1)) == []
    assert timed_work_enqueue(night + datetime.timedelta(minutes=10)) == ["deadlines"]  # 00:15, the next quarter
    assert timed_work_enqueue(night.replace(hour=6)) == ["deadlines", "escalation"]
    assert timed_work_enqueue(night.replace(hour=7)) == ["deadlines", "digest"]
    assert timed_work_enqueue(night.replace(hour=7, minute=14)) == []
    assert ScheduledRun.objects.filter(name__in=["nightly", "escalation", "digest"]).count() == 3
    digests = DBTaskResult.objects.filter(task_path__endswith="digests_send_task")
    assert sorted(d.args_kwargs["args"] for d in digests) == [[False], [True]]  # Monday: the weekly one too
    assert DBTaskResult.objects.filter(task_path__endswith="deadlines_sweep").count() == 4
    assert timed_work_enqueue(night + datetime.timedelta(days=1)) == ["deadlines", "nightly"]
    week_on = night + datetime.timedelta(days=9)
    timed_work_enqueue(week_on)
    assert not ScheduledRun.objects.filter(day=night.date()).exists()  # the nightly run prunes a week back


def test_pages_read_the_stored_findings_and_work_them_out_only_when_stale(world: World) -> None:
    today = timezone.localdate()
    with mock.patch.object(engine, "run_audit", wraps=engine.run_audit) as audit:
        first = findings_selectors.home_findings(home=world.home_a, as_of=today)
        assert audit.call_count == 1  # a first look works them out and stores them
        assert findings_selectors.home_findings(home=world.home_a, as_of=today) == first
        assert findings_selectors.provider_findings(homes=[world.home_a], as_of=today) == first
        assert audit.call_count == 1  # then they are read
        restraint(world, hours_ago=60)  # a save, with no worker to see it (no commit in a test)
        assert "restraint.not_signed_off" in {
            f.code for f in findings_selectors.home_findings(home=world.home_a, as_of=today)
        }
        assert audit.call_count == 2
        QueuedRun.objects.create(name=f"home:{world.home_a.pk}", queued=True)
        restraint(world, hours_ago=70)
        findings_selectors.home_findings(home=world.home_a, as_of=today)
        assert audit.call_count == 2  # a worker has it queued: the stored findings stand meanwhile


def test_stored_findings_equal_a_fresh_audit_on_the_demo(db: Any) -> None:
    call_command("demo", stdout=io.StringIO())
    call_command("worker", "--batch", stdout=io.StringIO())  # nothing was committed: the clock's nightly run
    fresh, stored = io.StringIO(), io.StringIO()
    call_command("audit", "--format", "json", stdout=fresh)
    call_command("audit", "--format", "json", "--stored", stdout=stored)
    a, b = json.loads(fresh.getvalue()), json.loads(stored.getvalue())
    assert len(a["findings"]) > 20
    assert a == b


def test_trends_count_what_is_open_how_long_findings_stayed_open_and_which_homes_worsened(world: World) -> None:
    from hearth.oversight.selectors.trends import finding_trends

    now = timezone.now()
    weeks_ago = now - datetime.timedelta(weeks=13)

    def row(home: Any, key: str, severity: str, first: datetime.datetime, resolved: datetime.datetime | None) -> None:
        StoredFinding.objects.create(
            key=key, home=home, code="x.y", regulation="12", standard="", severity=severity, subject={},
            message="m", due=now.date(), as_of=now.date(), first_seen_at=first, last_seen_at=first, resolved_at=resolved,
        )  # fmt: skip

    row(world.home_a, "a1", "high", weeks_ago, None)  # open then and now
    row(world.home_a, "a2", "high", now - datetime.timedelta(days=3), None)  # new since
    row(world.home_b, "b1", "medium", weeks_ago, now - datetime.timedelta(days=10))  # put right after ~81 days
    row(world.home_b, "b2", "low", now - datetime.timedelta(days=6), now - datetime.timedelta(days=4))  # 2 days
    trends = finding_trends(homes=[world.home_a, world.home_b], now=now)
    assert trends.open_by_severity == {"high": 2, "medium": 0, "low": 0}
    assert trends.put_right == 2 and trends.median_days_open["low"] == 2.0
    assert [t.home for t in trends.worse] == [world.home_a] and [t.home for t in trends.better] == [world.home_b]


def test_while_a_worker_is_running_pages_trust_it_with_a_homes_changes(world: World) -> None:
    from hearth.oversight.scheduling import worker_heartbeat, worker_running

    today = timezone.localdate()
    findings_selectors.home_findings(home=world.home_a, as_of=today)
    assert not worker_running()
    worker_heartbeat()
    assert worker_running()
    with mock.patch.object(engine, "run_audit", wraps=engine.run_audit) as audit:
        restraint(world, hours_ago=60)
        findings_selectors.home_findings(home=world.home_a, as_of=today)
        assert audit.call_count == 0  # the worker will have it within a minute


def test_audit_stored_refuses_homes_whose_stored_findings_are_not_of_the_day(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="hearth worker --batch"):
        call_command("audit", "--stored", stdout=io.StringIO())
    homes_refresh([world.home_a, world.home_b], as_of=timezone.localdate(), now=timezone.now())
    out = io.StringIO()
    call_command("audit", "--stored", "--home", world.home_a.urn, stdout=out)
    assert "Alpha House" in out.getvalue()


def test_stored_findings_equal_a_fresh_audit_on_a_synthetic_provider(db: Any) -> None:
    from hearth.bench.synth import synth_provider
    from hearth.homes.models import Home

    end = datetime.date(2026, 11, 20)
    provider, _ = synth_provider(homes=3, years=1, seed=5, end=end)
    homes = list(Home.objects.filter(provider=provider))
    homes_refresh(homes, as_of=end, now=timezone.now())
    fresh, stored = io.StringIO(), io.StringIO()
    call_command("audit", "--as-of", end.isoformat(), "--format", "json", stdout=fresh)
    call_command("audit", "--as-of", end.isoformat(), "--format", "json", "--stored", stdout=stored)
    a, b = json.loads(fresh.getvalue()), json.loads(stored.getvalue())
    assert len(a["findings"]) > 50
    assert a == b


def test_a_manager_acknowledges_a_finding_and_the_page_says_who_and_when(world: World, client_for: Any) -> None:
    from django.urls import reverse

    restraint(world, hours_ago=60)
    manager = client_for("registered_manager")
    url = reverse("oversight:findings", kwargs={"home_id": world.home_a.public_id})
    page = manager.get(url).content.decode()
    assert "Found " in page and "Acknowledge" in page
    row = StoredFinding.objects.get(home=world.home_a, code="restraint.not_signed_off")
    manager.post(
        reverse("oversight:finding_acknowledge", kwargs={"home_id": world.home_a.public_id}), {"finding": row.key}
    )
    row.refresh_from_db()
    assert row.acknowledged_by == world.users["registered_manager"] and row.acknowledged_at is not None
    assert "Acknowledged by" in manager.get(url).content.decode()
    gone = manager.post(
        reverse("oversight:finding_acknowledge", kwargs={"home_id": world.home_a.public_id}),
        {"finding": "no-such"},
        follow=True,
    )
    assert "no longer open" in gone.content.decode()


def test_the_nightly_run_queues_homes_in_chunks_behind_any_saves_re_audit(world: World) -> None:
    from hearth.oversight import tasks

    day = timezone.localdate().isoformat()
    with mock.patch.object(tasks, "NIGHTLY_CHUNK", 1):
        assert tasks.audit_every_home.call(day) == 4  # a chunk per home, and each provider's comparisons
    tasks.audit_home.enqueue(world.home_b.pk)  # a save after midnight
    call_command("worker", "--batch", stdout=io.StringIO())
    ran = list(DBTaskResult.objects.filter(status="SUCCESSFUL").order_by("started_at", "id"))
    names = [r.task_path.rsplit(".", 1)[1] for r in ran]
    assert names.index("audit_home") < names.index("audit_homes")
    assert names.count("audit_homes") >= 2  # the batch's own clock may queue today's nightly run too
    assert HomeAudit.objects.filter(home__in=[world.home_a, world.home_b], last_as_of=day).count() == 2


def test_an_action_made_from_a_finding_is_kept_on_the_stored_finding(world: World) -> None:
    from hearth.oversight.services.actions import action_create

    restraint(world, hours_ago=60)
    homes_refresh([world.home_a], as_of=timezone.localdate(), now=timezone.now())
    row = StoredFinding.objects.get(home=world.home_a, code="restraint.not_signed_off", resolved_at__isnull=True)
    other = StoredFinding.objects.exclude(pk=row.pk).filter(home=world.home_a).first()
    action = action_create(
        actor=world.users["registered_manager"],
        home=world.home_a,
        source="finding",
        title="Sign off the restraint record",
        due_on=timezone.localdate() + datetime.timedelta(days=1),
        finding_code=row.code,
        finding_subject=f"{row.subject['type']}:{row.subject['id']}",
    )
    row.refresh_from_db()
    assert row.action == action
    assert other is None or StoredFinding.objects.get(pk=other.pk).action is None


def test_a_worker_serves_the_queues_it_is_given_and_names_a_wrong_one(world: World) -> None:
    from django.core.management.base import CommandError

    from hearth.oversight import tasks

    tasks.audit_home.enqueue(world.home_a.pk)
    tasks.audit_homes.enqueue(timezone.localdate().isoformat(), [world.home_b.pk])
    with pytest.raises(CommandError, match="name one or both of default, provider"):
        call_command("worker", "--batch", "--queues", "default,slow", stdout=io.StringIO())
    call_command("worker", "--batch", "--queues", "default", stdout=io.StringIO())
    left = DBTaskResult.objects.filter(status="READY")
    assert {r.queue_name for r in left} == {"provider"}  # the provider-wide work waits for its own loop
    assert left.filter(task_path__endswith="audit_homes").exists()
    call_command("worker", "--batch", stdout=io.StringIO())
    assert not DBTaskResult.objects.filter(status="READY").exists()
