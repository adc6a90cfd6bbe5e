"""The demo, loaded once per test run and copied into each test that needs it.

Loading the demo through the services takes seconds (about 1,300 records, each validated, with its
history and audit event); the browser journeys each need it afresh, since the live server's
transactions commit. So the suite loads it once, at the suite's clock, copies every row it wrote,
and rolls the load back; :func:`demo_restore` then writes those rows straight back into the
tables, on either database, in a fraction of a second. Tests of the load itself (``hearth demo``,
the awkward days) still load it for real.

PostgreSQL copies with ``COPY`` (text format, byte for byte); SQLite reads and re-inserts the rows.
Foreign keys are deferred on both (Django creates them so), so tables go back in any order.
"""

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

import time_machine
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone


@dataclass
class TableCopy:
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)  # SQLite
    copied: bytes = b""  # PostgreSQL's COPY text


@dataclass
class DemoSnapshot:
    """Every row the demo load wrote, and the instant the load finished (records are stamped up to
    then). ``content_types`` is set if a copied row points at a content type or permission, whose
    numbering a flush between tests may change; else None (the demo's rows point at none)."""

    tables: dict[str, TableCopy]
    content_types: list[tuple[int, str, str]] | None
    loaded_until: datetime.datetime


def _table_names() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _counts(tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - Django's tables
            counts[table] = cursor.fetchone()[0]
    return counts


def _content_types() -> list[tuple[int, str, str]]:
    return list(ContentType.objects.order_by("id").values_list("id", "app_label", "model"))


def _point_at_content_types(tables: list[str]) -> bool:
    """Whether any of these tables has a column referring to a content type or a permission."""
    from django.contrib.auth.models import Permission

    return any(
        f.related_model in (ContentType, Permission)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables
        for f in model._meta.concrete_fields
        if f.is_relation
    )


def _copy_out(table: str) -> TableCopy:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")  # noqa: S608 - Django's tables
        columns = [c[0] for c in cursor.description]
        if connection.vendor == "postgresql":
            # COPY leaves out generated columns (search's stored words): so must the list it is read back by.
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_generated = 'ALWAYS'",
                [table],
            )
            generated = {row[0] for row in cursor.fetchall()}
            columns = [c for c in columns if c not in generated]
            buffer = io.BytesIO()
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                for block in copy:
                    buffer.write(block)
            return TableCopy(columns, copied=buffer.getvalue())
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - Django's tables
        # Django's SQLite connection turns stored times into datetime.time, which sqlite3 cannot
        # write back; every other value it returns goes back as stored.
        rows = [tuple(v.isoformat() if isinstance(v, datetime.time) else v for v in row) for row in cursor.fetchall()]
        return TableCopy(columns, rows=rows)


def demo_snapshot_take() -> DemoSnapshot:
    """Load the demo at the suite's clock (running, as a real load does), copy what it wrote, and
    roll it back. The database must be open to the caller and hold no demo yet."""
    from hearth.conftest import test_clock

    tables = _table_names()
    before = _counts(tables)
    with time_machine.travel(test_clock(), tick=True), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        loaded_until = timezone.now()
        written = [t for t, n in _counts(tables).items() if n != before[t]]
        shared = [t for t in written if before[t]]
        if shared:
            raise RuntimeError(f"The demo adds rows to tables that already held some ({', '.join(shared)}).")
        numbering = _content_types() if _point_at_content_types(written) else None
        snapshot = DemoSnapshot({t: _copy_out(t) for t in written}, numbering, loaded_until)
        transaction.set_rollback(True)
    return snapshot


def demo_restore(snapshot: DemoSnapshot) -> None:
    """Write the demo's rows back into tables that hold none of them (a fresh test database). If the
    content types were numbered differently since the copy, load the demo for real instead."""
    from hearth.risk.selectors import forget_strategy_indexes

    forget_strategy_indexes()
    if snapshot.content_types is not None and _content_types() != snapshot.content_types:
        call_command("demo", stdout=io.StringIO())
        return
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, copied in snapshot.tables.items():
            names = ", ".join(quote(c) for c in copied.columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                    copy.write(copied.copied)
            else:
                marks = ", ".join(["%s"] * len(copied.columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", copied.rows)  # noqa: S608 - Django's tables
        if connection.vendor == "postgresql":
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
