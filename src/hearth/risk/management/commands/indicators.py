"""``hearth indicators evaluate``: precision and recall of the concern indicators on the labelled set.
``hearth indicators check TEXT``: what the indicators find in a sentence, and the words matched."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.risk.indicators import LEXICON_VERSION
from hearth.risk.indicators.evaluate import LABELLED, evaluate
from hearth.risk.indicators.lexicon import categories_in


class Command(BaseCommand):
    help = "Evaluate the concern-indicator lexicons on the labelled examples, or check one text."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help="precision and recall on the labelled examples")
        ev.add_argument("--file", type=Path, default=LABELLED)
        ev.add_argument("--show-mistakes", action="store_true")
        ck = sub.add_parser("check", help="what the indicators find in a text")
        ck.add_argument("text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            matches = categories_in(options["text"])
            for category, words in matches.items():
                self.stdout.write(f"{category}: {', '.join(words)}")
            if not matches:
                self.stdout.write("no indicators")
            return
        result = evaluate(options["file"])
        self.stdout.write(f"Lexicon {LEXICON_VERSION} on {result.examples} labelled examples ({options['file'].name})")
        self.stdout.write(f"{'category':<14}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
        rows = [*result.per_category.items(), ("any concern", result.any_concern)]
        for name, s in rows:
            self.stdout.write(
                f"{name:<14}{s.precision:>10.3f}{s.recall:>8.3f}{s.true_pos:>5}{s.false_pos:>5}{s.false_neg:>5}"
            )
        if options["show_mistakes"]:
            for sentence, expected, found in result.mistakes:
                self.stdout.write(f"  expected {sorted(expected) or '-'}, found {sorted(found) or '-'}: {sentence}")
