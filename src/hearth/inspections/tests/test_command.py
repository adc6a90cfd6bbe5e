"""``hearth ofsted parse`` and ``hearth ofsted import`` as a person or a script uses them."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.conftest import World
from hearth.inspections.models import Inspection
from hearth.inspections.tests.factories import FIXTURE_URNS, REPORTS, report_text
from hearth.oversight.models import Action


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ofsted", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_parse_json_prints_one_object_per_report_per_line() -> None:
    files = [str(REPORTS / f"{name}.txt") for name in sorted(FIXTURE_URNS)]
    out, err = run("parse", "--format", "json", *files)
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in reports] == files and err == ""
    assert reports[0]["urn"] == "1236771" and reports[0]["requirements"][0]["due_date"] == "2021-01-15"


def test_parse_names_a_file_that_is_not_a_report_and_exits_1(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list: milk, bread.")
    with pytest.raises(SystemExit) as exited:
        run("parse", str(notes), str(REPORTS / "SC551234-interim-2021-01.txt"))
    assert exited.value.code == 1


def test_parse_text_names_missing_fields_on_stderr(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "report.txt"
    path.write_text(report_text("SC703388-assurance-2020-11").replace("Inspection date: 18 November 2020", ""))
    out, err = run("parse", str(path))
    assert f"{path}: inspection dates: not found" in err
    assert "assurance inspection, ? to ?" in out


def test_import_into_a_home_then_again(world: World, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(report_text("SC482913-full-2019-03", urn=world.home_a.urn))
    out, _ = run("import", "--home", world.home_a.urn, str(path))
    assert "3 requirement(s) and 2 recommendation(s) added as actions" in out
    assert Inspection.objects.get().imported_by_name == "Hearth (command line)"
    out, _ = run("import", "--home", world.home_a.urn, str(path))
    assert "already imported; nothing changed" in out
    assert Action.objects.count() == 5


def test_import_into_the_wrong_home_saves_nothing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(report_text("SC482913-full-2019-03", urn=world.home_a.urn))
    with pytest.raises(CommandError, match="not imported into Beta House; nothing was saved"):
        run("import", "--home", world.home_b.urn, str(path))
    assert not Inspection.objects.exists()
