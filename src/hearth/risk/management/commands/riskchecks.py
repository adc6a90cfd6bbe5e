"""``hearth riskchecks evaluate``: precision and recall of each risk-assessment text check on its
labelled examples (src/hearth/risk/checks/labelled/)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.risk.checks.evaluate import HELD_OUT, LABELLED, USED_FOR, evaluate


class Command(BaseCommand):
    help = "Precision and recall of the risk-assessment text checks on their labelled examples."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help="precision and recall per check")
        ev.add_argument("--check", help="one rule code, e.g. risk.boundary_breach")
        ev.add_argument("--show-mistakes", action="store_true")
        ev.add_argument("--held-out", action="store_true", help="score on the held-out examples, never used to tune")
        ev.add_argument(
            "--examples",
            help="a folder of labelled examples under risk/checks/labelled/, e.g. heldout-2 (a second held-out set)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = HELD_OUT if options["held_out"] else LABELLED
        if options.get("examples"):
            folder = LABELLED / options["examples"]
            if not folder.is_dir() or folder.parent != LABELLED:
                raise CommandError(f"No folder of examples called {options['examples']} in {LABELLED}.")
        scores = evaluate(options.get("check"), folder)
        self.stdout.write(f"Examples: {folder.relative_to(LABELLED.parent.parent.parent.parent)}")
        if folder.name in USED_FOR:
            self.stdout.write(f"({USED_FOR[folder.name]})")
        self.stdout.write(
            f"{'check':<32}{'examples':>9}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}"
        )
        for s in scores:
            self.stdout.write(
                f"{s.code:<32}{s.examples:>9}{s.precision:>10.3f}{s.recall:>8.3f}"
                f"{s.true_pos:>5}{s.false_pos:>5}{s.false_neg:>5}{s.true_neg:>5}"
            )
            if options["show_mistakes"]:
                for expected, text in s.mistakes:
                    self.stdout.write(f"    {'missed' if expected else 'false alarm'}: {text[:150]}")
