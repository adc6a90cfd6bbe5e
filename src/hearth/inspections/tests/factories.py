"""Reports for tests: the fixtures in ``reports/``, re-addressed to a test home's URN."""

from pathlib import Path
from typing import Any

from hearth.inspections.models import Inspection
from hearth.inspections.parser import parse_report
from hearth.inspections.services import inspection_import, sha256

REPORTS = Path(__file__).parent / "reports"
REAL_REPORT = "SC1236771-monitoring-2020-12"
FIXTURE_URNS = {
    "SC1236771-monitoring-2020-12": "1236771",
    "SC482913-full-2019-03": "SC482913",
    "SC551234-interim-2021-01": "SC551234",
    "SC660021-full-2021-11": "SC660021",
    "SC703388-assurance-2020-11": "SC703388",
    "SC397410-full-2022-02": "SC397410",
}


def report_text(name: str, *, urn: str | None = None) -> str:
    """A fixture's text, with its URN replaced by ``urn`` if given."""
    text = (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
    if urn is not None:
        fixture = FIXTURE_URNS[name].removeprefix("SC")
        text = text.replace(f"SC{fixture}", urn).replace(fixture, urn.removeprefix("SC"))
    return text


def report_for(home: Any, name: str = REAL_REPORT) -> dict[str, Any]:
    return parse_report(report_text(name, urn=home.urn), source=f"{name}.txt")


def imported_inspection(home: Any, name: str = REAL_REPORT, actor: Any = None) -> Inspection:
    """The fixture report imported into ``home``: its requirements and recommendations become actions."""
    text = report_text(name, urn=home.urn)
    return inspection_import(
        actor=actor,
        home=home,
        report=parse_report(text, source=f"{name}.txt"),
        source_name=f"{name}.txt",
        source_sha256=sha256(text.encode()),
    ).inspection
