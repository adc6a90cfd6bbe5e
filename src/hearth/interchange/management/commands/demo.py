"""``hearth demo``: load the demo homes of scenarios.md and print their sign-ins."""

import base64
import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.dates import today
from hearth.interchange.demo import demo_accounts, demo_load, demo_present, demo_sign_ins_refresh, demo_totp_key


class Command(BaseCommand):
    help = "Load the demo homes (A, B and the control) with dates relative to today, and their sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-absent", action="store_true", help="Do nothing if the demo homes are already loaded.")
        parser.add_argument(
            "--load-day",
            type=datetime.date.fromisoformat,
            default=None,
            help="Load the demo as if this day (YYYY-MM-DD, not after today) were today (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or settings.HEARTH_DEMO_ALLOWED):
            raise CommandError(
                "The demo loads sign-ins with a published password: it runs only with DEBUG on (a "
                "developer's machine, `make run`), never in production."
            )
        load_day = options["load_day"] or today()
        if load_day > today():
            raise CommandError(
                f"--load-day {load_day.isoformat()} is after today: the demo's records would lie in the future."
            )
        if options["if_absent"] and demo_present():
            self.stdout.write("Demo homes already loaded.")
            sign_ins = demo_sign_ins_refresh(load_day=load_day)  # the records stay as first loaded
        else:
            reports, sign_ins = demo_load(load_day=load_day)
            for path, report in reports:
                self.stdout.write(f"{path.name}: {report.summary()}")
        password = demo_accounts()["password"]
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {password}):")
        for s in sign_ins:
            self.stdout.write(f"  {s.username:<11} {s.role:<24} {s.where}")
        self.stdout.write("")
        self.stdout.write("Accounts marked below also need a 6-digit code. Either add the key to an authenticator")
        self.stdout.write(
            "app, or run `.venv/bin/hearth totp_code USERNAME` for the current code (demo accounts only)."
        )
        for s in sign_ins:
            if s.needs_code:
                key = base64.b32encode(bytes.fromhex(demo_totp_key(s.username))).decode()
                self.stdout.write(f"  {s.username:<11} key {key}")
