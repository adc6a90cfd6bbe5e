"""The possible-concern detector from the command line (docs/concern-detection.md).

``hearth indicators evaluate``: precision and recall on the held-out test set (and the tuning set).
``hearth indicators check [TEXT] [--file FILE] [--format json]``: what the detector finds in a text,
or in each line of a file (or of standard input), with the words that led to each category.
``hearth indicators feedback [--provider ID] [--export FILE]``: the detector's precision on the
provider's own answers to the prompts, and those answers as an anonymised labelled file.
"""

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.risk.indicators import DETECTOR_VERSION, detect
from hearth.risk.indicators.evaluate import SPLITS, CorpusError, Evaluation, load_corpus, read_examples, score


class Command(BaseCommand):
    help = "Evaluate the possible-concern detector on its labelled corpus, or check sentences of your own."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help="precision and recall on the labelled corpus")
        ev.add_argument("--split", choices=[*SPLITS, "both"], default="both", help="test (held out), tuning, or both")
        ev.add_argument("--file", type=Path, help="a labelled file of your own (labels, register, sentence)")
        ev.add_argument("--show-mistakes", action="store_true")
        fb = sub.add_parser("feedback", help="precision on a provider's own answers to the prompts, and an export")
        fb.add_argument("--provider", help="the provider's id (every home of it); default: every provider")
        fb.add_argument("--export", type=Path, help="write the answers, anonymised, as a labelled corpus file")
        ck = sub.add_parser("check", help="what the detector finds in a text, or in each line of a file")
        ck.add_argument("text", nargs="?", help="the text; without it, lines are read from --file or standard input")
        ck.add_argument("--file", type=Path, help="one sentence per line")
        ck.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check(options)
            return
        if options["action"] == "feedback":
            self._feedback(options)
            return
        try:
            if options.get("file"):
                runs = [(str(options["file"]), score(read_examples(options["file"])))]
            else:
                splits = SPLITS[::-1] if options["split"] == "both" else (options["split"],)
                runs = [(f"{split} set", score(load_corpus(split))) for split in splits]
        except (CorpusError, OSError) as error:
            raise CommandError(str(error)) from error
        for name, result in runs:
            self._report(name, result, options["show_mistakes"])

    def _report(self, name: str, result: Evaluation, show_mistakes: bool) -> None:
        held_out = " (held out: never tuned on)" if name == "test set" else ""
        self.stdout.write(f"Detector {DETECTOR_VERSION} on the {name}{held_out}: {result.examples} sentences")
        self.stdout.write(f"{'category':<16}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
        for label, s in [*result.per_category.items(), ("any concern", result.any_concern)]:
            self.stdout.write(
                f"{label:<16}{s.precision:>10.3f}{s.recall:>8.3f}{s.true_pos:>5}{s.false_pos:>5}{s.false_neg:>5}"
            )
        if show_mistakes:
            for example, found in result.mistakes:
                expected = ", ".join(sorted(example.labels)) or "none"
                self.stdout.write(f"  expected {expected}; found {', '.join(sorted(found)) or 'none'}: {example.text}")
        self.stdout.write("")

    def _check(self, options: dict[str, Any]) -> None:
        if options.get("text") is not None:
            lines = [options["text"]]
        elif options.get("file"):
            try:
                lines = options["file"].read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Could not read {options['file']}: {error}") from error
        else:
            lines = _read(sys.stdin)
        for line in lines:
            matches = detect(line)
            if options["format"] == "json":
                record = {
                    "text": line,
                    "categories": sorted({m.category for m in matches}),
                    "evidence": [{"category": m.category, "words": m.words} for m in matches],
                }
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            elif matches:
                self.stdout.write("; ".join(f"{m.category}: {m.words}" for m in matches))
            else:
                self.stdout.write("no possible concern")

    def _feedback(self, options: dict[str, Any]) -> None:
        from hearth.homes.models import Home
        from hearth.risk.indicators.feedback import provider_feedback

        homes = Home.objects.all()
        if options.get("provider"):
            homes = homes.filter(provider__public_id=_uuid_or_error(options["provider"]))
            if not homes.exists():
                raise CommandError(f"No provider with the id {options['provider']}, or it has no homes.")
        result = provider_feedback(home_ids=homes.values_list("pk", flat=True))
        s = result.any_concern
        self.stdout.write(f"Prompts answered: {result.answered}; confirmed (incident or risk review): {s.true_pos}")
        self.stdout.write(f"Precision of the prompts on your answers: {s.precision:.3f}")
        self.stdout.write(
            f"Possible misses (an incident of a concern's kind within a day of an entry that showed nothing): "
            f"{s.false_neg}; estimated recall {s.recall:.3f}"
        )
        for category, per in result.per_category.items():
            if per.true_pos or per.false_pos:
                self.stdout.write(
                    f"  {category:<16} precision {per.precision:.3f} ({per.true_pos + per.false_pos} prompts)"
                )
        if options.get("export"):
            lines = [
                "# source: this provider's answers to Hearth's prompts, anonymised by hearth indicators feedback."
                " Read every line before sharing it.",
                "# columns: expected categories (comma-separated, or -), register, sentence",
                *(f"{','.join(labels) or '-'}\tterse\t{text}" for labels, text in result.examples),
            ]
            options["export"].write_text("\n".join(lines) + "\n", encoding="utf-8")
            self.stdout.write(f"Wrote {len(result.examples)} examples to {options['export']}")


def _uuid_or_error(value: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError as error:
        raise CommandError(f"{value} is not a provider id (it looks like 3f2b…, as shown in /admin/).") from error


def _read(stream: TextIO) -> list[str]:
    return stream.read().splitlines()
