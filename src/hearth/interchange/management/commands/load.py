"""``hearth load BUNDLE…``: load records bundles, all or nothing."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.dates import today
from hearth.interchange.errors import BundleInvalid
from hearth.interchange.parsing import bundle_parse
from hearth.interchange.services import bundle_load


class Command(BaseCommand):
    help = (
        "Load records bundles (JSON, docs/bundle-format.md) in one transaction; report every error with its JSON path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bundles", nargs="+", type=Path)
        parser.add_argument(
            "--load-day",
            type=datetime.date.fromisoformat,
            default=None,
            help="Day that relative dates (days_before_load) count back from (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        load_day = options["load_day"] or today()
        for path in options["bundles"]:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from exc
            except UnicodeDecodeError as exc:
                raise CommandError(
                    f"{path}: is not UTF-8 text (byte {exc.start} cannot be read); save the bundle as UTF-8. Nothing was saved."
                ) from None
            try:
                report = bundle_load(actor=None, document=bundle_parse(text), load_day=load_day)
            except BundleInvalid as exc:
                lines = "\n".join(f"  {e.path}: {e.reason}" for e in exc.errors)
                raise CommandError(f"{path}: {len(exc.errors)} error(s); nothing was saved.\n{lines}") from exc
            self.stdout.write(f"{path}: {report.summary()}")
