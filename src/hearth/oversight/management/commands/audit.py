"""``hearth audit [--home ID|URN] [--as-of YYYY-MM-DD] [--format text|json] [--stored] [--workers N]``: run the
oversight rules and print the findings (rules.md; the JSON is documented in docs/audit-format.md).
Many homes are shared between processes, one per core (``hearth.oversight.parallel``). ``--stored``
prints the findings the background worker has stored instead (docs/live-oversight.md)."""

import datetime
import json
from itertools import groupby
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.interchange.management.commands.export import find_home
from hearth.oversight.engine import Finding, audit_json, finding_order
from hearth.oversight.models import HomeAudit, StoredFinding
from hearth.oversight.parallel import run_audit_in_processes
from hearth.oversight.services.stored import stored_as_findings


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
            "--stored",
            action="store_true",
            help="Print the stored findings the background worker keeps, rather than working them out now.",
        )
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
        if options["stored"]:
            findings = self._stored(homes, as_of, options["rule"])
        else:
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
        self._print(homes, findings)

    def _stored(self, homes: list[Home], as_of: datetime.date, codes: list[str] | None) -> list[Finding]:
        """The open stored findings of ``homes``, which must be of ``as_of``."""
        states = dict(HomeAudit.objects.filter(home__in=homes).values_list("home_id", "last_as_of"))
        behind = [h.name for h in homes if states.get(h.pk) != as_of]
        if behind:
            raise CommandError(
                f"The stored findings of {len(behind)} home(s) are not of {as_of:%-d %B %Y} "
                f"({', '.join(behind[:3])}{'…' if len(behind) > 3 else ''}): run 'hearth worker --batch' first."
            )
        rows = StoredFinding.objects.filter(home__in=homes, resolved_at__isnull=True)
        if codes:
            rows = rows.filter(code__in=codes)
        return sorted(stored_as_findings(rows, homes), key=finding_order)

    def _print(self, homes: list[Home], findings: list[Finding]) -> None:
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
