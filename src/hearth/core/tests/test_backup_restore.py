"""A backup restores (docs/deploy.md): the demo's records dumped with pg_dump, restored with
pg_restore into an empty database, export exactly as they did before."""

import glob
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

from hearth.homes.models import Home
from hearth.interchange.selectors import bundle_export


def pg_program(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail(f"PostgreSQL's {name} is not installed (it comes with the server programs).")
    return found[-1]


def pg_args() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--host", s["HOST"] or "localhost", "--port", str(s["PORT"] or 5432), "--username", s["USER"]]
    return args, {**os.environ, "PGPASSWORD": s["PASSWORD"] or ""}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_an_empty_database_exports_the_same(
    demo_restored: Callable[[], None], tmp_path: Path
) -> None:
    demo_restored()
    before = bundle_export(homes=Home.objects.all())
    args, env = pg_args()
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    dump = tmp_path / "hearth.dump"

    def run(*cmd: str) -> None:
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)  # noqa: S603 - PostgreSQL's own programs

    run(pg_program("pg_dump"), *args, "--format=custom", "--no-owner", f"--file={dump}", source)
    run(pg_program("dropdb"), *args, "--if-exists", restored)
    run(pg_program("createdb"), *args, restored)
    try:
        run(pg_program("pg_restore"), *args, "--no-owner", f"--dbname={restored}", str(dump))
        original = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = restored
        try:
            after = bundle_export(homes=Home.objects.all())
        finally:
            connection.close()
            connection.settings_dict["NAME"] = original
    finally:
        run(pg_program("dropdb"), *args, "--if-exists", restored)
    assert dump.stat().st_size > 10_000
    assert json.dumps(after, sort_keys=True) == json.dumps(before, sort_keys=True)
    assert len(before["homes"]) == 3
