"""Reads about sign-in: who at a home has set up their second factor, whose set-up code is waiting,
and whether a code someone holds still works."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
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


@dataclass(frozen=True)
class PersonRow:
    membership: Membership
    current: bool
    second_factor: SecondFactorStatus | None  # for roles that need one
    can_change: bool


def people_of_home(*, home: Any, viewer: Any, as_of: datetime.date) -> list[PersonRow]:
    """Everyone who holds or held a role at the home (ended ones last), with their second factor
    where their role needs one, and whether ``viewer`` may change them. Four queries."""
    from hearth.access import policies

    memberships = list(
        Membership.objects.filter(home=home)
        .select_related("user", "home")
        .order_by("user__last_name", "user__first_name", "-starts_on")
    )
    needing = [m for m in memberships if m.role in policies.SECOND_FACTOR_ROLES]
    statuses = {s.membership.pk: s for s in second_factor_statuses(needing)}
    rows = [
        PersonRow(
            m,
            m.ends_on is None or m.ends_on > as_of,
            statuses.get(m.pk),
            policies.can_change_membership(viewer, m),
        )
        for m in memberships
    ]
    return sorted(rows, key=lambda r: not r.current)


def invitations_waiting(*, home: Any) -> list[Any]:
    from hearth.access.models import Invitation

    now = timezone.now()
    return list(
        Invitation.objects.filter(home=home, accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)
        .select_related("issued_by")
        .order_by("-issued_at")
    )


def staff_colleagues(*, home: Any, excluding: Any, as_of: datetime.date) -> list[tuple[str, str]]:
    """The home's staff today other than ``excluding``, as (value, full name) choices: who may
    witness a controlled drug given or counted. One query."""
    from hearth.access import policies

    members = (
        Membership.objects.filter(home=home, role__in=policies.STAFF_ROLES, starts_on__lte=as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=as_of))
        .exclude(user=excluding)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    seen: dict[str, str] = {}
    for m in members:
        seen.setdefault(str(m.user.pk), m.user.get_full_name() or m.user.get_username())
    return list(seen.items())
