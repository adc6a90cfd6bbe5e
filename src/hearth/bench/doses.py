"""Recording doses at volume (issue 22): support workers at several homes each record as-needed
doses of the synthetic "Bench paracetamol" (synth/medicines.py) as fast as the server answers, as
a tablet would post the dose form; then every dose answered as saved is looked for."""

import datetime
import re
import threading
import time

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from hearth.bench.measure import Browser, Results, percentile, session_for
from hearth.bench.synth.medicines import BENCH_PRN
from hearth.medicines.models import DoseRecord, Prescription

User = get_user_model()


def measure_dose_writes(results: Results, port: int, writers: int, seconds: float) -> None:
    prescriptions = list(
        Prescription.objects.filter(medicine=BENCH_PRN, ends_on__isnull=True, child__placements__left_on__isnull=True)
        .select_related("home", "child")
        .order_by("home_id", "pk")
        .distinct()
    )
    chosen, seen = [], set()
    for p in prescriptions:  # one child at each of ``writers`` homes
        if p.home_id not in seen:
            seen.add(p.home_id)
            chosen.append(p)
        if len(chosen) == writers:
            break
    people = []
    for p in chosen:
        worker = User.objects.filter(memberships__home=p.home, memberships__role="support_worker").first()
        browser = Browser(port, session_for(worker))
        path = reverse(
            "medicines:dose",
            kwargs={"home_id": p.home.public_id, "child_id": p.child.public_id, "prescription_id": p.public_id},
        )
        status, page, _ = browser.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"the dose form at {p.home} could not be read ({status})")
        people.append((browser, path, token.group(1)))
    before = DoseRecord.objects.count()
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    now = timezone.localtime()

    def write(browser: Browser, path: str, token: str) -> None:
        count = 0
        while time.monotonic() < stop:
            count += 1
            # Each dose 61 minutes before the last: the least interval (an hour) is kept.
            at = (now - datetime.timedelta(minutes=61 * count)).strftime("%Y-%m-%dT%H:%M")
            body = {"csrfmiddlewaretoken": token, "outcome": "given", "at": at, "quantity": "1", "reason": "Pain"}
            try:
                status, _, spent = browser.request("POST", path, body)
            except OSError as exc:
                with lock:
                    failures.append(str(exc))
                continue
            with lock:
                (latencies.append(spent) if status == 302 else failures.append(f"HTTP {status}"))

    threads = [threading.Thread(target=write, args=p) for p in people]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    results.figures["dose_writes_per_s"] = len(latencies) / elapsed
    results.figures["dose_write_p99_ms"] = percentile(latencies, 99) * 1000 if latencies else float("nan")
    results.figures["dose_write_errors"] = len(failures)
    results.figures["dose_writes_unstored"] = len(latencies) - (DoseRecord.objects.count() - before)
