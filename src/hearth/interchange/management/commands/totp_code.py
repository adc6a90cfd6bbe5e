"""``hearth totp_code USERNAME``: the current second-factor code of a demo account (DEBUG only)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.interchange.demo import DEMO_DEVICE_NAME


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account. Refuses unless DEBUG is on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("totp_code works only with DEBUG on (a developer's machine), never in production.")
        device = TOTPDevice.objects.filter(user__username=options["username"], name=DEMO_DEVICE_NAME).first()
        if device is None:
            raise CommandError(f"{options['username']!r} is not a demo account with a second factor.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
