"""What ``make bench`` measures on a generated provider (docs/benchmark.md).

- ``hearth audit`` for one home, in process, and for the whole provider as the command runs it
  (shared between a process per core) and in one process;
- three pages through the real server (gunicorn on loopback): the home dashboard, a child's record
  and the manager's review queue, as median and 95th percentile over repeated requests; and, in
  process, each page's query count and the time of its own SQL beside the page's time;
- staff writing log entries concurrently over loopback for a bounded time: throughput, 99th
  percentile, errors, and that every entry answered as saved is stored.
"""

import datetime
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.children.models import Placement
from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.oversight.engine import run_audit
from hearth.oversight.parallel import audit_with_pids
from hearth.records.models import LogEntry
from hearth.risk import selectors as risk_selectors

User = get_user_model()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(call: Any, repeats: int) -> list[float]:
    spent = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        spent.append(time.perf_counter() - started)
    return spent


# --- sign-ins ---------------------------------------------------------------------------------


def session_for(user: Any) -> str:
    """A signed-in session (second factor passed where the role needs one), as the sign-in pages
    would leave it; the benchmark's requests carry its cookie."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend"))
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return str(store.session_key)


# --- the server --------------------------------------------------------------------------------


@contextmanager
def server(port: int, workers: int, threads: int) -> Iterator[None]:
    """gunicorn serving Hearth on loopback with the bench settings, for the length of the block."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}  # the same secret key as ours
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    process = subprocess.Popen(  # noqa: S603 - our own program, fixed arguments
        [gunicorn, "hearth.config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads),
         "-k", "gthread", "--log-level", "warning", "--timeout", "120"],
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/accounts/sign-in/")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start within 60 seconds")
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


class Browser:
    """One person's keep-alive connection to the server, with their cookies."""

    def __init__(self, port: int, session: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {"sessionid": session}

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, http.client.CannotSendRequest):
            # The server closed an idle keep-alive connection: open another, as a browser does.
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.conn.port, timeout=60)
            started = time.perf_counter()
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        spent = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, spent


# --- the measurements -------------------------------------------------------------------------


@dataclass
class Results:
    homes: int
    figures: dict[str, Any] = field(default_factory=dict)


def pick_home() -> tuple[Home, Any, Any, Any]:
    """The home the page and single-home figures use: the one with the most log entries (the
    heaviest records), with its manager, its worker and its longest-placed current child."""
    home = Home.objects.order_by("-pk").first()
    counts = (
        LogEntry.objects.values("home_id")
        .order_by()
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
    )
    if counts:
        busiest = max(counts, key=lambda row: row["n"])["home_id"]
        home = Home.objects.get(pk=busiest)
    assert home is not None
    manager = User.objects.get(memberships__home=home, memberships__role="registered_manager")
    worker = User.objects.get(memberships__home=home, memberships__role="support_worker")
    placement = (
        Placement.objects.filter(home=home, left_on__isnull=True)
        .order_by("admitted_on")
        .select_related("child")
        .first()
    )
    assert placement is not None, f"{home} has no child placed today"
    return home, manager, worker, placement.child


def measure_audit(results: Results, home: Home) -> None:
    """``hearth audit`` over the whole provider as the command runs it (homes shared between a
    process per core, each building the provider's strategy index afresh), then in this one
    process once (building it here), then for one home (median of 5, the index already built)."""
    as_of = today()
    homes = list(Home.objects.all())
    findings: list[Any] = []
    processes: set[int] = set()

    def whole_provider() -> None:
        pids, found = audit_with_pids(homes=homes, as_of=as_of)
        processes.clear()
        processes.update(pids)
        findings[:] = found

    risk_selectors.forget_strategy_indexes()
    whole = timed(whole_provider, 2 if len(homes) > 30 else 3)
    risk_selectors.forget_strategy_indexes()
    alone = timed(lambda: run_audit(homes=homes, as_of=as_of), 1)
    single = timed(lambda: run_audit(homes=[home], as_of=as_of), 5)
    results.figures["audit_one_home_s"] = statistics.median(single)
    results.figures["audit_provider_s"] = statistics.median(whole)
    results.figures["audit_provider_first_s"] = whole[0]
    results.figures["audit_provider_one_process_s"] = alone[0]
    results.figures["audit_workers"] = len(processes)
    results.figures["findings"] = len(findings)


def page_paths(home: Home, child: Any) -> dict[str, str]:
    return {
        "dashboard": reverse("oversight:dashboard", kwargs={"home_id": home.public_id}),
        "child_record": reverse("children:detail", kwargs={"home_id": home.public_id, "child_id": child.public_id}),
        "review_queue": reverse("oversight:queue", kwargs={"home_id": home.public_id}),
        "shift_page": reverse("shift:page", kwargs={"home_id": home.public_id}),
        # A word in about one entry in nine (synth/daily.py): a search that finds thousands over five
        # years, of which the page shows the newest 25.
        "search": reverse("search:home", kwargs={"home_id": home.public_id}) + "?q=dentist&type=",
        # Issue 22: the MAR of a child with a year of doses (synth/medicines.py).
        "medicines": reverse("medicines:mar", kwargs={"home_id": home.public_id, "child_id": child.public_id}),
    }


def measure_pages_in_process(results: Results, manager: Any, paths: dict[str, str]) -> None:
    """Each page's query count, and its time beside the time of its own SQL, in process."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = session_for(manager)
    for name, path in paths.items():
        cache.clear()  # the first request may work the home's findings out and store them; later ones read them
        started = time.perf_counter()
        client.get(path)
        results.figures[f"{name}_cold_ms"] = (time.perf_counter() - started) * 1000
        samples = []
        for _ in range(8):
            sql = {"n": 0, "s": 0.0}

            def wrapper(
                execute: Any, query: str, params: Any, many: bool, context: Any, sql: dict[str, Any] = sql
            ) -> Any:
                started = time.perf_counter()
                try:
                    return execute(query, params, many, context)
                finally:
                    sql["n"] += 1
                    sql["s"] += time.perf_counter() - started

            started = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                response = client.get(path)
            assert response.status_code == 200, f"{path}: {response.status_code}"
            samples.append((time.perf_counter() - started, sql["s"], sql["n"]))
        samples = samples[2:]  # warm
        results.figures[f"{name}_queries"] = samples[-1][2]
        results.figures[f"{name}_inprocess_ms"] = statistics.median(s[0] for s in samples) * 1000
        results.figures[f"{name}_sql_ms"] = statistics.median(s[1] for s in samples) * 1000


def measure_pages_through_server(
    results: Results, port: int, manager: Any, paths: dict[str, str], repeats: int
) -> None:
    browser = Browser(port, session_for(manager))
    for name, path in paths.items():
        spent = []
        for n in range(repeats + 5):
            status, _, seconds = browser.request("GET", path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            if n >= 5:
                spent.append(seconds)
        results.figures[f"{name}_p50_ms"] = statistics.median(spent) * 1000
        results.figures[f"{name}_p95_ms"] = percentile(spent, 95) * 1000


def measure_writes(results: Results, port: int, writers: int, seconds: float) -> None:
    """``writers`` support workers, each at their own home, write log entries as fast as the server
    answers for ``seconds``; then every entry answered as saved is looked for."""
    homes = list(Home.objects.order_by("pk")[:writers])
    people = []
    for home in homes:
        worker = User.objects.get(memberships__home=home, memberships__role="support_worker")
        browser = Browser(port, session_for(worker))
        path = reverse("records:log_new", kwargs={"home_id": home.public_id})
        status, page, _ = browser.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        child = re.search(r'name="children" value="([^"]+)"', page)
        if status != 200 or token is None or child is None:
            raise RuntimeError(f"the log entry form at {home} could not be read ({status})")
        people.append((browser, path, token.group(1), child.group(1)))
    before = LogEntry.objects.count()
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def write(browser: Browser, path: str, token: str, child: str, n: int) -> None:
        count = 0
        while time.monotonic() < stop:
            count += 1
            at = (timezone.localtime() - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
            body = {
                "csrfmiddlewaretoken": token,
                "children": child,
                "kind": "daily",
                "occurred_at": at,
                "text": f"Benchmark entry {n}.{count}: went to school, tea together, a calm evening.",
            }
            try:
                status, _, spent = browser.request("POST", path, body)
            except OSError as exc:
                with lock:
                    failures.append(str(exc))
                continue
            with lock:
                if status == 302:
                    latencies.append(spent)
                else:
                    failures.append(f"HTTP {status}")

    threads = [threading.Thread(target=write, args=(*p, n)) for n, p in enumerate(people)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    stored = LogEntry.objects.count() - before
    results.figures["writes_per_s"] = len(latencies) / elapsed
    results.figures["write_p99_ms"] = percentile(latencies, 99) * 1000 if latencies else float("nan")
    results.figures["writes_ok"] = len(latencies)
    results.figures["write_errors"] = len(failures)
    results.figures["writes_stored"] = stored
