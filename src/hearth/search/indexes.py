"""Full-text search over the words staff write, in the database's own engine, behind one call.

PostgreSQL (production) keeps each searched table's words as a stored, generated ``tsvector``
column (``DOCUMENT``) with a GIN index on it; SQLite (the embedded default) an FTS5 table kept in
step by triggers, with the Porter stemmer, so that "kicked" finds "kicking" on both. Each searched
table is declared once in ``SEARCHED``; ``install`` makes its column and index, or its FTS5 table,
after every migrate (apps.py), and ``matching`` turns what a person typed into a condition on the
model's rows. Words are matched all together, in any order; what a person types is never passed
to either engine as query syntax.

Why a stored column: a home's search is narrowed to the home first. With only an index of the
expression, PostgreSQL checked a common word by working out ``to_tsvector`` again for each of the
home's rows (0.86 s for 21,000 entries, at 300 homes); read from the column, the same check costs
almost nothing, and a rare word still goes through the GIN index. Adding the column rewrites the
table once, when it is first made.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, Model, Q
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class Searched:
    """A table whose text is searched: its model (``app_label.Model``) and text columns."""

    model: str
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.model.replace(".", "_").lower() + "_search"


SEARCHED = (
    Searched("records.LogEntry", ("text",)),
    Searched("incidents.Incident", ("what_happened", "action_taken")),
)
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12
# PostgreSQL's English stop words (its ``english.stop``), left out on both engines alike so that
# "door or window" finds the same records on each: neither engine is asked for "or".
_STOP_WORDS_TEXT = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what which who whom
this that these those am is are was were be been being have has had having do does did doing a an
the and but if or because as until while of at by for with about against between into through
during before after above below to from up down in out on off over under again further then once
here there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def words_of(typed: str) -> list[str]:
    """The words of what a person typed, lower case, without punctuation, query syntax or stop
    words; at most ``MAX_WORDS``."""
    return [w for w in WORD.findall(typed.lower()) if w not in STOP_WORDS][:MAX_WORDS]


def _table(searched: Searched) -> str:
    from django.apps import apps

    return str(apps.get_model(searched.model)._meta.db_table)


def _sqlite_statements(searched: Searched) -> list[str]:
    table, fts, cols = _table(searched), searched.name, ", ".join(searched.columns)
    new = ", ".join(f"new.{c}" for c in searched.columns)
    old = ", ".join(f"old.{c}" for c in searched.columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='porter unicode61')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # rows written before the table existed
    ]


def _pg_document(searched: Searched) -> str:
    """The words of a row, as PostgreSQL stores them in ``DOCUMENT``."""
    joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in searched.columns)
    return f"to_tsvector('english'::regconfig, {joined})"


DOCUMENT = "hearth_search_document"  # PostgreSQL: the stored words of a searched row


def _pg_statements(searched: Searched) -> list[str]:
    table = _table(searched)
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {DOCUMENT} tsvector "
        f"GENERATED ALWAYS AS ({_pg_document(searched)}) STORED",
        f"CREATE INDEX IF NOT EXISTS {searched.name} ON {table} USING gin ({DOCUMENT})",
    ]


def install(using: str = "default") -> None:
    """Make each searched table's words searchable if they are not yet (a no-op once made)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for searched in SEARCHED:
            if _table(searched) not in existing:
                continue  # the app's own tables are not made yet
            if connection.vendor == "sqlite" and searched.name not in existing:
                statements = _sqlite_statements(searched)
            elif connection.vendor == "postgresql":
                statements = _pg_statements(searched)
            else:
                statements = []
            for statement in statements:
                cursor.execute(statement)


def matching(model: type[Model], words: Sequence[str], using: str = "default") -> Q:
    """A condition on ``model``'s rows: every word is in its searched text (stemmed)."""
    searched = next(s for s in SEARCHED if s.model.lower() == model._meta.label_lower)
    if not words:
        return Q()
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return Q(
            RawSQL(
                f"\"{model._meta.db_table}\".{DOCUMENT} @@ plainto_tsquery('english'::regconfig, %s)",
                [" ".join(words)],
                output_field=BooleanField(),
            )
        )
    if vendor == "sqlite":
        phrase = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {searched.name} WHERE {searched.name} MATCH %s", [phrase]))
    text = Q()
    for word in words:  # another engine: plain containment, so search still works there
        any_column = Q()
        for column in searched.columns:
            any_column |= Q(**{f"{column}__icontains": word})
        text &= any_column
    return text
