"""Live oversight under load (issue 20; docs/live-oversight.md): the nightly audit of every home,
then, with a background worker running and support workers writing log entries as fast as the
server answers, how long a save that causes a finding takes to show on the home's findings page,
the provider page's time (every view, so the first after each change too), the live risk-text
check's and a risk assessment version page's time, and what the worker left queued."""

import datetime
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hearth.bench.measure import Browser, Results, measure_writes, percentile, session_for
from hearth.children.models import Placement
from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.incidents.services import physical_intervention_create
from hearth.oversight.models import QueuedRun
from hearth.oversight.scheduling import HEARTBEAT
from hearth.oversight.tasks import nightly_audit_now
from hearth.risk.models import RiskAssessment
from hearth.risk.services import risk_assessment_start
from hearth.staff.models import StaffMember

User = get_user_model()
SHOWN_WITHIN = 120.0  # give up on a probe after this long


def measure_nightly(results: Results) -> None:
    """The nightly run's work, as the worker does it (chunk after chunk, then the comparisons):
    every home audited and stored, here in this process. The worker started for the live phase
    runs it again, as it would just after midnight, beside the saves' re-audits."""
    started = time.perf_counter()
    nightly_audit_now(today())
    results.figures["nightly_s"] = time.perf_counter() - started


def measure_strategy_index(results: Results, home: Home) -> None:
    """The provider's strategy index as the worker builds and stores it, and as a web process
    loads it (``risk/strategy_indexes.py``): the build, the stored size, the load."""
    from hearth.risk import strategy_indexes
    from hearth.risk.models import StrategyIndexSnapshot

    provider_id = home.provider_id
    strategy_indexes.forget_strategy_indexes()
    StrategyIndexSnapshot.objects.filter(provider_id=provider_id).delete()
    started = time.perf_counter()
    strategy_indexes.provider_strategy_index_built(provider_id=provider_id)
    results.figures["strategy_index_build_s"] = time.perf_counter() - started
    started = time.perf_counter()
    strategy_indexes.strategy_index_publish(provider_id=provider_id)
    results.figures["strategy_index_store_s"] = time.perf_counter() - started
    snapshot = StrategyIndexSnapshot.objects.get(provider_id=provider_id)
    results.figures["strategy_index_mb"] = len(bytes(snapshot.data)) / 1e6
    loads = []
    for _ in range(3):
        started = time.perf_counter()
        strategy_indexes._load(provider_id)
        loads.append(time.perf_counter() - started)
    results.figures["strategy_index_load_s"] = statistics.median(loads)
    strategy_indexes.forget_strategy_indexes()


@contextmanager
def worker_running() -> Iterator[None]:
    """``hearth worker`` as its own process beside the server, for the length of the block."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    hearth = os.path.join(os.path.dirname(sys.executable), "hearth")
    started = timezone.now()
    process = subprocess.Popen([hearth, "worker", "--interval", "0.2"], env=env, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        # Ready once it has beaten: it warms up first, as it does whenever it starts.
        beat = QueuedRun.objects.filter(name=HEARTBEAT, requested_at__gte=started)
        while not beat.exists() and process.poll() is None and timezone.now() - started < datetime.timedelta(minutes=2):
            time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.wait(timeout=60)


def _restraint(home: Home) -> str:
    """A restraint 60 hours ago, not signed off: it causes ``restraint.not_signed_off``. Saved as
    the form's service saves it; returns the incident's public id, which the findings page links."""
    placement = Placement.objects.filter(home=home, left_on__isnull=True).select_related("child").first()
    staff = StaffMember.objects.filter(home=home).first()
    assert placement is not None and staff is not None
    at = timezone.now() - datetime.timedelta(hours=60)
    intervention = physical_intervention_create(
        actor=None,
        home=home,
        child=placement.child,
        occurred_at=at,
        recorded_at=at,
        location="Hallway",
        behaviour_before="Kicking the door.",
        steps_tried_first="Talked calmly.",
        technique="Two-person escort",
        duration_minutes=2,
        staff_used=[staff],
        outcome="Calmed.",
    )
    return str(intervention.incident.public_id)


def _risk_pages(home: Home, child: Any) -> tuple[str, str, str]:
    """The child's newest approved version page, and the page and live check of a draft started
    for it (the draft's page carries the form token the check needs)."""
    kwargs = {"home_id": home.public_id, "child_id": child.public_id}
    approved = RiskAssessment.objects.filter(child=child, approved_at__isnull=False).order_by("-number").first()
    draft = RiskAssessment.objects.filter(child=child, approved_at__isnull=True).first()
    if draft is None:
        draft = risk_assessment_start(actor=None, child=child, home=home)
    version = approved or draft
    return (
        reverse("risk:version", kwargs={**kwargs, "number": version.number}),
        reverse("risk:version", kwargs={**kwargs, "number": draft.number}),
        reverse("risk:check", kwargs={**kwargs, "number": draft.number}),
    )


def measure_under_load(
    results: Results, port: int, home: Home, manager: Any, child: Any, probes: int, writers: int
) -> None:
    """With the worker running and ``writers`` writing: ``probes`` saves that cause a finding, each
    timed until the home's findings page shows it; the provider page, a risk assessment version's
    page and the live risk-text check timed throughout; then the queue's length at the end of the
    writes, and how long the worker took to empty it."""
    ri = User.objects.get(memberships__role="responsible_individual")
    provider_page = reverse("homes:provider", kwargs={"provider_id": home.provider.public_id})
    findings_page = reverse("oversight:findings", kwargs={"home_id": home.public_id})
    version_page, draft_page, check_url = _risk_pages(home, child)
    typed = {
        "domain": "missing",
        "current_risk": "Goes missing after calls from an older friend.",
        "before": "Staff to monitor and follow the missing from care procedure.",
        "during": "Ring her twice, check the park by the canal, then report her missing to police.",
    }
    stop = threading.Event()
    timings: dict[str, list[float]] = {"provider": [], "risk_version": [], "risk_check": []}
    failures: dict[str, int] = {}
    failure_codes: set[str] = set()

    def look() -> None:
        viewer, writer = Browser(port, session_for(ri)), Browser(port, session_for(manager))
        _, page, _ = writer.request("GET", draft_page)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        token = found.group(1) if found else writer.cookies.get("csrftoken", "")
        while not stop.is_set():
            for name, browser, method, path, body in (
                ("provider", viewer, "GET", provider_page, None),
                ("risk_version", writer, "GET", version_page, None),
                ("risk_check", writer, "POST", check_url, {**typed, "csrfmiddlewaretoken": token}),
            ):  # fmt: skip
                status, _, spent = browser.request(method, path, body)
                if status == 200:
                    timings[name].append(spent)
                else:
                    failures[name] = failures.get(name, 0) + 1
                    failure_codes.add(f"{name} {status}")

    looking = threading.Thread(target=look, daemon=True)
    with worker_running():
        started = time.perf_counter()
        writes = threading.Thread(
            target=measure_writes, args=(results, port, writers, 20.0 + probes * 8.0), daemon=True
        )
        writes.start()
        looking.start()
        shown: list[float] = []
        page = Browser(port, session_for(manager))
        for _ in range(probes):
            saved = time.perf_counter()
            marker = _restraint(home)
            while time.perf_counter() - saved < SHOWN_WITHIN:
                status, text, _ = page.request("GET", findings_page)
                if status == 200 and marker in text:
                    shown.append(time.perf_counter() - saved)
                    break
                time.sleep(0.25)
            time.sleep(2)
        writes.join()
        stop.set()
        looking.join()
        results.figures["live_phase_s"] = time.perf_counter() - started
        waiting = DBTaskResult.objects.filter(status="READY")
        results.figures["queue_after_writes"] = waiting.count()
        drained = time.perf_counter()
        while waiting.exists() and time.perf_counter() - drained < 300:
            time.sleep(0.5)
        results.figures["queue_drain_s"] = time.perf_counter() - drained
    if failure_codes:
        print("  pages answered other than 200 under load:", ", ".join(sorted(failure_codes)), file=sys.stderr)
    results.figures["save_to_shown_probes"] = probes
    results.figures["save_to_shown_seen"] = len(shown)
    results.figures["save_to_shown_each_s"] = [round(t, 1) for t in shown]  # in the results file, not the table
    audits = DBTaskResult.objects.filter(
        task_path__endswith=".audit_home", args_kwargs__args=[home.pk], started_at__isnull=False
    ).order_by("enqueued_at")
    results.figures["probe_home_audits_s"] = [  # (waited after its settling time, ran) for each re-audit of the home
        (
            round((a.started_at - a.run_after).total_seconds(), 1),
            round((a.finished_at - a.started_at).total_seconds(), 1),
        )
        for a in audits
        if a.finished_at and a.run_after
    ]
    print("  save to shown, each (s):", results.figures["save_to_shown_each_s"], file=sys.stderr)
    print("  the home's re-audits, (waited, ran) (s):", results.figures["probe_home_audits_s"], file=sys.stderr)
    if shown:
        results.figures["save_to_shown_p50_s"] = statistics.median(shown)
        results.figures["save_to_shown_p95_s"] = percentile(shown, 95)
    for name, spent in timings.items():
        results.figures[f"{name}_live_failures"] = failures.get(name, 0)
        if spent:
            results.figures[f"{name}_live_p50_ms"] = statistics.median(spent) * 1000
            results.figures[f"{name}_live_p95_ms"] = percentile(spent, 95) * 1000
