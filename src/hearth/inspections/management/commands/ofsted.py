"""``hearth ofsted parse FILE… [--format text|json]`` and ``hearth ofsted import --home ID FILE``:
read Ofsted inspection reports (text or PDF) and import one into a home (docs/ofsted-format.md).

``parse --format json`` prints one JSON object per report, one per line (JSON Lines). A file
that is not a report, or a field that cannot be found, is named on standard error; the exit
status is 1 if any file could not be read as a report.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.inspections.parser import ReportError, parse_report
from hearth.inspections.parser.text import read_report_bytes
from hearth.inspections.services import inspection_import, sha256
from hearth.interchange.management.commands.export import find_home


class Command(BaseCommand):
    help = "Read Ofsted children's home inspection reports (text or PDF), or import one into a home."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        parse = commands.add_parser("parse", help="Print what each report says, as text or JSON.")
        parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parse.add_argument("--format", choices=["text", "json"], default="text")
        load = commands.add_parser("import", help="Import a report into a home: its requirements become actions.")
        load.add_argument("--home", required=True, help="Home id, URN or public id.")
        load.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["command"] == "parse":
            self._parse(options["files"], options["format"])
        else:
            self._import(options["home"], options["file"])

    def _read(self, path: Path) -> tuple[dict[str, Any], bytes]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReportError(f"{path}: cannot be opened ({exc.strerror or exc}).") from None
        return parse_report(read_report_bytes(data, name=str(path)), source=str(path)), data

    def _parse(self, paths: list[Path], fmt: str) -> None:
        failed = 0
        for path in paths:
            try:
                report, _ = self._read(path)
            except ReportError as exc:
                self.stderr.write(str(exc))
                failed += 1
                continue
            for problem in report["problems"]:
                self.stderr.write(f"{path}: {problem}")
            if fmt == "json":
                self.stdout.write(json.dumps(report, ensure_ascii=False))
            else:
                self.stdout.write(describe(report))
        if failed:
            self.stderr.write(f"{failed} of {len(paths)} file(s) could not be read as inspection reports.")
            sys.exit(1)

    def _import(self, home_ref: str, path: Path) -> None:
        home = find_home(home_ref)
        try:
            report, data = self._read(path)
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        for problem in report["problems"]:
            self.stderr.write(f"{path}: {problem}")
        try:
            result = inspection_import(
                actor=None,
                home=home,
                report=report,
                source_name=path.name,
                source_sha256=sha256(data),
                by_name="Hearth (command line)",
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(f"{path}: {message}")
            raise CommandError(f"{path}: not imported into {home.name}; nothing was saved.") from None
        self.stdout.write(f"{path}: {result.summary}.")


def describe(report: dict[str, Any]) -> str:
    """A report as a person reads it."""
    dates = report["inspection_dates"] or {}
    lines = [
        f"{report['file']}",
        f"  URN {report['urn'] or '(not found)'}, {report['provider'] or '(provider not found)'}",
        f"  {report['inspection_type'] or '(type not found)'} inspection, "
        f"{dates.get('start', '?')} to {dates.get('end', '?')}",
    ]
    lines += [f"  Judgement: {area.replace('_', ' ')}: {value}" for area, value in report["judgements"].items()]
    lines += [f"  History: {h['date']} {h['type']}: {h['judgement'] or '-'}" for h in report["history"]]
    for number, requirement in enumerate(report["requirements"], start=1):
        notice = " (compliance notice)" if requirement["compliance_notice"] else ""
        lines.append(
            f"  Requirement {number}, due {requirement['due_date'] or '(not found)'}{notice}, "
            f"regulation {', '.join(requirement['regulations']) or '(none cited)'}: {requirement['text']}"
        )
    lines += [f"  Recommendation: {r['text']}" for r in report["recommendations"]]
    lines += [f"  Enforcement: {e['kind'].replace('_', ' ')} {e['date'] or ''}".rstrip() for e in report["enforcement"]]
    details = report["details"]
    inspectors = "; ".join(f"{i['name']}, {i['role']}" if i["role"] else i["name"] for i in details["inspectors"])
    lines.append(f"  Responsible individual: {details['responsible_individual'] or '(not found)'}")
    lines.append(f"  Registered manager: {details['registered_manager'] or '(not found)'}")
    lines.append(f"  Inspectors: {inspectors or '(not found)'}")
    return "\n".join(lines)
