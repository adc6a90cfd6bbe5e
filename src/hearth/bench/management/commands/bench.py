"""``hearth bench --homes N [--years Y] [--seed S]``: generate a provider in the (empty) database
DATABASE_URL names, measure it (hearth/bench/measure.py), and add a row to the results file;
``hearth bench --table FILE`` prints the table of every row in it. ``make bench`` runs both at
3, 30 and 300 homes (scripts/bench.sh; docs/benchmark.md)."""

import json
import math
import socket
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from hearth.bench import doses, live, measure
from hearth.bench.synth import synth_provider
from hearth.homes.models import Home

TARGETS = {  # at 300 homes (the targets)
    "audit_one_home_s": 0.5,
    "audit_provider_s": 30,
    "dashboard_p95_ms": 300,
    "child_record_p95_ms": 300,
    "review_queue_p95_ms": 300,
    "shift_page_p95_ms": 300,  # issue 21
    "search_p95_ms": 300,  # issue 21
    "medicines_p95_ms": 300,  # issue 22
    "dose_write_p99_ms": 500,  # issue 22
    "write_p99_ms": 500,
    "save_to_shown_p95_s": 60,  # issue 20 (aim: 10)
    "provider_live_p95_ms": 300,
    "risk_version_live_p95_ms": 300,
    "risk_check_live_p95_ms": 300,
}
ROWS = [
    ("synth_s", "Generate the provider (s)"),
    ("rows_millions", "Rows generated (millions)"),
    ("vacuum_s", "Vacuum and analyse it (s)"),
    ("database_gb", "Database size (GB)"),
    ("findings", "Findings (whole provider)"),
    ("audit_one_home_s", "Audit, one home (s)"),
    ("audit_provider_s", "Audit, whole provider (s)"),
    ("audit_provider_first_s", "  the first of those runs (s)"),
    ("audit_workers", "  processes it was shared between"),
    ("audit_provider_one_process_s", "  in one process, once (s)"),
    ("dashboard_cold_ms", "Home dashboard, findings not yet computed (ms)"),
    ("dashboard_p50_ms", "Home dashboard p50 (ms)"),
    ("dashboard_p95_ms", "Home dashboard p95 (ms)"),
    ("dashboard_inprocess_ms", "  in process (ms)"),
    ("dashboard_sql_ms", "  its SQL alone (ms)"),
    ("dashboard_queries", "  queries"),
    ("child_record_p50_ms", "Child's record p50 (ms)"),
    ("child_record_p95_ms", "Child's record p95 (ms)"),
    ("child_record_inprocess_ms", "  in process (ms)"),
    ("child_record_sql_ms", "  its SQL alone (ms)"),
    ("child_record_queries", "  queries"),
    ("review_queue_p50_ms", "Review queue p50 (ms)"),
    ("review_queue_p95_ms", "Review queue p95 (ms)"),
    ("review_queue_inprocess_ms", "  in process (ms)"),
    ("review_queue_sql_ms", "  its SQL alone (ms)"),
    ("review_queue_queries", "  queries"),
    ("shift_page_p50_ms", "Shift page p50 (ms)"),
    ("shift_page_p95_ms", "Shift page p95 (ms)"),
    ("shift_page_inprocess_ms", "  in process (ms)"),
    ("shift_page_sql_ms", "  its SQL alone (ms)"),
    ("shift_page_queries", "  queries"),
    ("search_p50_ms", "Search of a home's records, a common word, p50 (ms)"),
    ("search_p95_ms", "Search of a home's records, p95 (ms)"),
    ("search_inprocess_ms", "  in process (ms)"),
    ("search_sql_ms", "  its SQL alone (ms)"),
    ("search_queries", "  queries"),
    ("medicines_p50_ms", "A child's MAR, a year of doses, p50 (ms)"),
    ("medicines_p95_ms", "A child's MAR, p95 (ms)"),
    ("medicines_inprocess_ms", "  in process (ms)"),
    ("medicines_sql_ms", "  its SQL alone (ms)"),
    ("medicines_queries", "  queries"),
    ("nightly_s", "Nightly audit of every home, stored (s)"),
    ("strategy_index_build_s", "Strategy index: built by the worker (s)"),
    ("strategy_index_store_s", "  pickled, signed and stored (s)"),
    ("strategy_index_mb", "  stored size (MB)"),
    ("strategy_index_load_s", "  loaded by a web process (s)"),
    ("save_to_shown_p50_s", "Save to finding shown, p50 (s), worker running, under writes"),
    ("save_to_shown_p95_s", "Save to finding shown, p95 (s)"),
    ("save_to_shown_seen", "  probes shown within 120 s"),
    ("provider_live_p50_ms", "Provider page under writes, p50 (ms)"),
    ("provider_live_p95_ms", "Provider page under writes, p95 (ms)"),
    ("provider_live_failures", "  answered other than 200"),
    ("risk_version_live_p50_ms", "Risk assessment version page under writes, p50 (ms)"),
    ("risk_version_live_p95_ms", "Risk assessment version page under writes, p95 (ms)"),
    ("risk_version_live_failures", "  answered other than 200"),
    ("risk_check_live_p50_ms", "Live risk-text check under writes, p50 (ms)"),
    ("risk_check_live_p95_ms", "Live risk-text check under writes, p95 (ms)"),
    ("risk_check_live_failures", "  answered other than 200"),
    ("queue_after_writes", "Tasks queued when the writes stopped"),
    ("queue_drain_s", "  time for the worker to empty the queue (s)"),
    ("writes_per_s", "Log entries written per second"),
    ("write_p99_ms", "Log entry write p99 (ms)"),
    ("write_errors", "Write errors"),
    ("writes_unstored", "Writes answered but not stored"),
    ("dose_writes_per_s", "Doses recorded per second"),
    ("dose_write_p99_ms", "Dose recording p99 (ms)"),
    ("dose_write_errors", "Dose recording errors"),
    ("dose_writes_unstored", "Doses answered but not stored"),
]


# A superuser, or (PostgreSQL 15 on) a member of pg_checkpoint, which an older server does not have.
MAY_CHECKPOINT = """
    SELECT rolsuper OR EXISTS (
        SELECT 1 FROM pg_roles AS r WHERE r.rolname = 'pg_checkpoint' AND pg_has_role(r.oid, 'MEMBER')
    )
    FROM pg_roles WHERE rolname = current_user
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def table(rows: list[dict[str, Any]]) -> str:
    """The results side by side, one column per scale, with the targets (which apply at 300 homes)."""
    rows = sorted(rows, key=lambda r: r["homes"])
    header = ["Measure", *[f"{r['homes']} homes" for r in rows], "Target at 300"]
    lines = [header]
    for key, label in ROWS:
        cells = [label]
        for row in rows:
            value = row.get(key)
            cells.append("" if value is None else f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}")
        target = TARGETS.get(key)
        if key in ("writes_per_s", "dose_writes_per_s"):
            target_text = "at least 100"
        elif target is not None:
            target_text = f"under {target:,}"
        elif key in ("write_errors", "writes_unstored", "dose_write_errors", "dose_writes_unstored"):
            target_text = "0"
        else:
            target_text = ""
        cells.append(target_text)
        lines.append(cells)
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


class Command(BaseCommand):
    help = "Generate a provider and measure Hearth on it; or print the table of results."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--results", type=Path, default=Path("var/bench/results.jsonl"))
        parser.add_argument("--table", action="store_true", help="Print the table of the results file and stop.")
        parser.add_argument("--repeats", type=int, default=40, help="Requests per page through the server.")
        parser.add_argument("--writers", type=int, default=8)
        parser.add_argument("--probes", type=int, default=10, help="Saves timed until their finding shows.")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes.")
        parser.add_argument("--threads", type=int, default=4, help="Threads per gunicorn worker.")
        parser.add_argument(
            "--generated",
            action="store_true",
            help="Measure the provider already in the database (a copy of one generated by this command, "
            "to try a change without generating again); the generation figures are left out.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["results"]
        if options["table"]:
            if not path.is_file():
                raise CommandError(f"{path}: no results yet; run `make bench` (or hearth bench --homes N) first.")
            rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            self.stdout.write(table(rows))
            return
        if not options["homes"] and not options["generated"]:
            raise CommandError("Give --homes N (or --table, or --generated).")
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL to a postgres:// database.")
        if options["generated"]:
            if not Home.objects.exists():
                raise CommandError("--generated: the database holds no provider to measure.")
            results = measure.Results(homes=Home.objects.count())
            figures = results.figures
        else:
            if Home.objects.exists():
                raise CommandError("The benchmark needs an empty database (migrated, with no homes).")
            results = self._generate(options)
            figures = results.figures
        home, manager, _, child = measure.pick_home()
        measure.measure_audit(results, home)
        paths = measure.page_paths(home, child)
        measure.measure_pages_in_process(results, manager, paths)
        port = _free_port()
        live.measure_nightly(results)
        live.measure_strategy_index(results, home)
        with measure.server(port, options["workers"], options["threads"]):
            measure.measure_pages_through_server(results, port, manager, paths, options["repeats"])
            doses.measure_dose_writes(results, port, options["writers"], 20.0)
            live.measure_under_load(results, port, home, manager, child, options["probes"], options["writers"])
        figures["writes_unstored"] = figures["writes_ok"] - figures["writes_stored"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as out:
            out.write(
                json.dumps(
                    {
                        "homes": results.homes,
                        **{k: v for k, v in figures.items() if not (isinstance(v, float) and math.isnan(v))},
                    }
                )
                + "\n"
            )
        self.stdout.write(table([{"homes": results.homes, **figures}]))

    def _generate(self, options: dict[str, Any]) -> measure.Results:
        """Generate the provider, vacuum and analyse it: the generation figures."""
        results = measure.Results(homes=options["homes"])
        figures = results.figures
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if done == total or done % max(1, total // 20) == 0:
                self.stderr.write(f"  generated {done}/{total} homes in {time.perf_counter() - started:.0f} s")

        _, counts = synth_provider(
            homes=options["homes"], years=options["years"], seed=options["seed"], progress=progress
        )
        figures["synth_s"] = time.perf_counter() - started
        figures["rows_millions"] = sum(counts.values()) / 1e6
        settled = time.perf_counter()
        with connection.cursor() as cursor:
            # As after any bulk load: without it, the autovacuum of millions of new rows runs while
            # the measurements do, and the first reads of each row write its hint bits. Then the
            # pages it changed are written out now rather than by a checkpoint during the writes.
            cursor.execute("VACUUM (ANALYZE)")
            cursor.execute(MAY_CHECKPOINT)
            if cursor.fetchone()[0]:
                cursor.execute("CHECKPOINT")
            cursor.execute("SELECT pg_database_size(current_database())")
            figures["database_gb"] = cursor.fetchone()[0] / 1e9
        figures["vacuum_s"] = time.perf_counter() - settled
        self.stderr.write(f"  generated {sum(counts.values()):,} rows in {figures['synth_s']:.0f} s; measuring")
        return results
