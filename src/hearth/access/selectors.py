"""Reads about sign-in: who at a home has set up their second factor, whose set-up code is waiting,
and whether a code someone holds still works."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import Membership, SecondFactorEnrolment
from hearth.audit.models import SecurityEvent


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


def set_up_code_usable(*, user: Any, enrolment_id: int | None) -> SecondFactorEnrolment | None:
    """The person's set-up code if it is theirs, unused, not withdrawn and not expired."""
    if enrolment_id is None:
        return None
    return SecondFactorEnrolment.objects.filter(
        pk=enrolment_id, user=user, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def set_up_code_wrong_tries(*, user: Any) -> int:
    """Wrong set-up codes entered by the person in the last hour."""
    since = timezone.now() - datetime.timedelta(hours=1)
    return SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SET_UP_CODE_FAILED, at__gte=since).count()
