"""``hearth synth --homes N --years Y --seed S``: generate a realistic provider for benchmarking."""

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.bench.synth import synth_provider
from hearth.homes.models import Provider


class Command(BaseCommand):
    help = "Generate a synthetic provider (homes, staff, children and years of records) for benchmarking."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int, required=True)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        homes, years, seed = options["homes"], options["years"], options["seed"]
        if homes < 1 or not 1 <= years <= 20:
            raise CommandError("--homes must be at least 1 and --years between 1 and 20.")
        if Provider.objects.filter(name=f"Synthetic Care Group {seed}").exists():
            raise CommandError(f"Seed {seed} has already been generated in this database; use another seed.")
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if options["quiet"]:
                return
            width = 40
            filled = width * done // total
            elapsed = time.perf_counter() - started
            left = elapsed / done * (total - done)
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} homes, {elapsed:.0f} s, ~{left:.0f} s left "
            )
            sys.stderr.flush()

        provider, counts = synth_provider(homes=homes, years=years, seed=seed, progress=progress)
        if not options["quiet"]:
            sys.stderr.write("\n")
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in sorted(counts.items()))
        self.stdout.write(f"{provider.name}: {summary} in {elapsed:.1f} s.")
