"""The migrations describe the models exactly. The SQLite run of ``make test`` builds its tables
straight from the models (``--no-migrations``: 2 seconds rather than 40); the PostgreSQL run and
every deployment apply the migrations themselves, so a model changed without its migration must
fail here, on both."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command


def test_every_model_change_has_its_migration(db: Any) -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"A model changed without a migration (run `hearth makemigrations`):\n{out.getvalue()}")
