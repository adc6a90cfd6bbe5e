"""What every part of the generator shares: a home's plan (its random stream, how well it is
run, its dates) and bulk inserts in batches."""

import datetime
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

BATCH = 5000
LONDON = timezone.get_default_timezone()

FIRST_NAMES = [
    "Aaliyah",
    "Adam",
    "Aisha",
    "Alfie",
    "Amara",
    "Amelia",
    "Archie",
    "Ava",
    "Ben",
    "Bethany",
    "Caleb",
    "Chloe",
    "Daniel",
    "Demi",
    "Dylan",
    "Ella",
    "Ellis",
    "Emily",
    "Ethan",
    "Evie",
    "Finley",
    "Freya",
    "George",
    "Grace",
    "Harley",
    "Harry",
    "Isla",
    "Jack",
    "Jade",
    "Jayden",
    "Kai",
    "Kayla",
    "Leah",
    "Leo",
    "Lewis",
    "Lily",
    "Logan",
    "Lucas",
    "Maya",
    "Mia",
    "Mohammed",
    "Morgan",
    "Nathan",
    "Nia",
    "Noah",
    "Olivia",
    "Oscar",
    "Paige",
    "Reece",
    "Riley",
    "Rosie",
    "Ruby",
    "Ryan",
    "Sam",
    "Sophie",
    "Taylor",
    "Theo",
    "Tyler",
    "Zara",
    "Zain",
]
LAST_NAMES = [
    "Ahmed",
    "Ali",
    "Allen",
    "Bailey",
    "Baker",
    "Bell",
    "Brown",
    "Campbell",
    "Carter",
    "Clarke",
    "Cole",
    "Cooper",
    "Davies",
    "Edwards",
    "Evans",
    "Fisher",
    "Green",
    "Hall",
    "Harris",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Jones",
    "Kelly",
    "Khan",
    "King",
    "Lee",
    "Lewis",
    "Martin",
    "Mason",
    "Mitchell",
    "Morgan",
    "Murphy",
    "Nelson",
    "Owen",
    "Parker",
    "Patel",
    "Phillips",
    "Price",
    "Reid",
    "Roberts",
    "Robinson",
    "Scott",
    "Shaw",
    "Smith",
    "Taylor",
    "Thomas",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
]


class Quality:
    """How well a home is run decides how often its records fall short of the rules."""

    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


@dataclass
class HomePlan:
    """One synthetic home: its random stream (seeded per home, so the result does not depend on
    the order homes are made in), how well it is run, and the period its records cover."""

    index: int
    seed: int
    start: datetime.date
    end: datetime.date
    rng: random.Random = field(init=False)
    quality: str = field(init=False)
    home: Any = None
    staff: list[Any] = field(default_factory=list)
    manager_user: Any = None
    worker_user: Any = None
    placements: list[Any] = field(default_factory=list)
    last_strategies: dict[str, tuple[dict[str, str], str]] = field(default_factory=dict)  # domain -> (text, child)
    wording: dict[str, str] = field(default_factory=dict)  # how this home's staff put things (synth/children.py)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"hearth-synth:{self.seed}:{self.index}")  # noqa: S311 - synthetic data, not security
        roll = self.rng.random()
        self.quality = Quality.GOOD if roll < 0.6 else Quality.FAIR if roll < 0.9 else Quality.POOR

    @property
    def lapse(self) -> float:
        """The chance that any one duty is missed: small in a good home, common in a poor one."""
        return {Quality.GOOD: 0.002, Quality.FAIR: 0.03, Quality.POOR: 0.15}[self.quality]

    def missed(self) -> bool:
        return self.rng.random() < self.lapse

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        span = max((last - first).days, 0)
        return first + datetime.timedelta(days=self.rng.randint(0, span))

    def at(self, day: datetime.date, hour: float) -> datetime.datetime:
        """An aware datetime on ``day`` at ``hour`` (fractional hours), London time."""
        minutes = int(hour * 60)
        naive = datetime.datetime.combine(day, datetime.time(min(minutes // 60, 23), minutes % 60))
        return timezone.make_aware(naive, LONDON)


def bulk(model: Any, objects: list[Any]) -> list[Any]:
    """Insert ``objects`` in batches; returns them with their keys (PostgreSQL and SQLite return ids)."""
    return model.objects.bulk_create(objects, batch_size=BATCH) if objects else []


def days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def insert_rows(model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert plain rows (field attname to value) the fastest way the database offers, and return
    their new keys in order: PostgreSQL's COPY with keys drawn from the table's sequence, or
    SQLite's executemany. Much faster than ``bulk_create`` for the millions of daily records:
    no model instances, no per-value preparation. Fields left out take their defaults (an empty
    text field, empty)."""
    import json

    from django.db import connection
    from django.db.models import JSONField

    if not rows:
        return []
    table = model._meta.db_table
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults: dict[str, Any] = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default() and not callable(f.default):
            defaults[f.attname] = f.default
        elif not f.null and f.empty_strings_allowed:
            defaults[f.attname] = ""  # a text field nobody filled in, as Django would save it
        else:
            defaults[f.attname] = None
    json_columns = {f.attname for f in fields if isinstance(f, JSONField)}
    sqlite = connection.vendor == "sqlite"
    columns = ["id", *(f.attname for f in fields)]
    with connection.cursor() as cursor:
        if sqlite:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 - a model's own table
            first = cursor.fetchone()[0] + 1
            ids = list(range(first, first + len(rows)))
        else:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
            )
            ids = [r[0] for r in cursor.fetchall()]
        values = []
        for key, row in zip(ids, rows, strict=True):
            record = [key]
            for name in columns[1:]:
                value = row.get(name, defaults[name])
                if name in json_columns:
                    value = json.dumps(value if value is not None else [])
                elif sqlite:
                    value = _sqlite_value(value, connection)
                record.append(value)
            values.append(record)
        quoted = ", ".join(f'"{c}"' for c in columns)
        if sqlite:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', values)  # noqa: S608
        else:
            with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for record in values:
                    copy.write_row(record)
    return ids


def _sqlite_value(value: Any, connection: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
