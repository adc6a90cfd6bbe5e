"""``hearth set_up_code USERNAME``: a single-use code with which the person sets up their second factor.

For the first administrator (created with ``hearth createsuperuser``), who has nobody above them to
give one in the browser; someone able to run commands on the server is trusted already.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.access.services import set_up_code_issue


class Command(BaseCommand):
    help = "Issue a single-use code with which a person sets up their authenticator app (second factor)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active account with the username {options['username']!r}.")
        try:
            issued = set_up_code_issue(actor=None, user=user)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        hours = settings.HEARTH_SET_UP_CODE_HOURS
        self.stdout.write(
            f"Set-up code for {options['username']}: {issued.code}\n"
            f"It works once, within {hours} hours, after the password; any earlier code no longer works."
        )
