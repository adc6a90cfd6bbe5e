"""``hearth audit [--home ID|URN] [--as-of YYYY-MM-DD] [--format text|json] [--workers N]``: run the
oversight rules and print the findings (rules.md; the JSON is documented in docs/audit-format.md).
Many homes are shared between processes, one per core (``hearth.oversight.parallel``)."""

import datetime
import json
from itertools import groupby
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.interchange.management.commands.export import find_home
from hearth.oversight.engine import Finding, audit_json
from hearth.oversight.parallel import run_audit_in_processes


class Command(BaseCommand):
    help = "Run Hearth's oversight rules over homes as of a date and print the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--home", action="append", default=[], help="Home id, URN or public id (repeatable); default every home."
        )
        parser.add_argument("--as-of", help="The day to audit as of, YYYY-MM-DD (default today).")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--rule", action="append", default=None, help="Only this rule code (repeatable).")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes to share many homes between (default one per core; 1 to run in this process).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = datetime.date.fromisoformat(options["as_of"]) if options["as_of"] else today()
        except ValueError:
            raise CommandError(f"--as-of {options['as_of']!r} is not a date (YYYY-MM-DD).") from None
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError(f"--workers {options['workers']}: give 1 or more.")
        homes = [find_home(r) for r in options["home"]] or list(Home.objects.order_by("name"))
        try:
            findings = run_audit_in_processes(
                homes=homes, as_of=as_of, codes=options["rule"], workers=options["workers"]
            )
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from None
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(audit_json(homes=homes, as_of=as_of, findings=findings), indent=2, ensure_ascii=False)
            )
            return
        self.stdout.write(f"Audit as of {as_of:%-d %B %Y}: {len(findings)} finding(s) in {len(homes)} home(s).")
        by_home: dict[int, list[Finding]] = {h.pk: [] for h in homes}
        for f in findings:
            by_home[f.home.pk].append(f)
        for home in homes:
            found = by_home[home.pk]
            self.stdout.write(f"\n{home.name} ({home.urn}): {len(found) or 'no'} finding(s)")
            for regulation, group in groupby(found, key=lambda f: f.regulation):
                self.stdout.write(f"  Regulation {regulation}")
                for f in group:
                    self.stdout.write(f"    [{f.severity}] {f.code}: {f.message} Due {f.due:%-d %B %Y}.")
                    for e in f.evidence:
                        self.stdout.write(f"      - {e.type}: {e.label}")
