"""``hearth export --home ID``: write homes' records as a bundle."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from hearth.homes.models import Home, Provider
from hearth.homes.selectors import home_by_reference
from hearth.interchange.selectors import bundle_export


def find_home(ref: str) -> Home:
    """A home by bundle id, URN or public id, or a CommandError saying none matched."""
    home = home_by_reference(ref)
    if home is None:
        raise CommandError(f"No home with id, URN or public id {ref!r}.")
    return home


class Command(BaseCommand):
    help = "Export homes (by bundle id, URN or public id) or a whole provider as a records bundle."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--home", action="append", default=[], help="Home id, URN or public id (repeatable).")
        parser.add_argument("--provider", help="Export every home of this provider (bundle id or public id).")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        homes = [find_home(ref) for ref in options["home"]]
        if options["provider"]:
            provider = Provider.objects.filter(Q(external_id=options["provider"])).first()
            if provider is None:
                raise CommandError(f"No provider with id {options['provider']!r}.")
            homes.extend(provider.homes.all())
        if not homes:
            raise CommandError("Say what to export: --home ID (repeatable) or --provider ID.")
        text = json.dumps(bundle_export(homes=homes), indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stderr.write(f"Wrote {len(homes)} home(s) to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
