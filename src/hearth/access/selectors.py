"""Reads about sign-in: who at a home has set up their second factor, and whose set-up code is waiting."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import Membership, SecondFactorEnrolment


@dataclass(frozen=True)
class SecondFactorStatus:
    membership: Membership
    has_second_factor: bool
    code_expires_at: datetime.datetime | None  # when the person's unused set-up code stops working

    @property
    def summary(self) -> str:
        if self.has_second_factor:
            return "Authenticator app set up"
        if self.code_expires_at is not None:
            return f"Set-up code issued: works until {timezone.localtime(self.code_expires_at):%-d %B %Y, %H:%M}"
        return "Needs a set-up code"


def second_factor_statuses(memberships: Iterable[Membership]) -> list[SecondFactorStatus]:
    """For each membership, whether its holder has a confirmed second factor or a usable set-up code."""
    memberships = list(memberships)
    user_ids = {m.user_id for m in memberships}
    with_device = set(TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True))
    waiting = dict(
        SecondFactorEnrolment.objects.filter(
            user_id__in=user_ids, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        ).values_list("user_id", "expires_at")
    )
    return [SecondFactorStatus(m, m.user_id in with_device, waiting.get(m.user_id)) for m in memberships]
