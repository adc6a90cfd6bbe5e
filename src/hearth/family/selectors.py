"""Reads for family time and money."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from hearth.children.models import Child
from hearth.family.models import Account, FamilyTime, FamilyTimePlan, MoneyEntry, Reconciliation
from hearth.homes.models import Home


def ledger_balance(*, child: Child, home: Home, account: str, on: datetime.date) -> Decimal:
    """The account's balance at the end of ``on``: every entry up to that day (the money this home holds)."""
    total = MoneyEntry.objects.filter(child=child, home=home, account=account, on__lte=on).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal(0)


@dataclass
class Ledger:
    account: str
    label: str
    balance: Decimal
    entries: list[MoneyEntry]
    last_count: Reconciliation | None


@dataclass
class FamilyOverview:
    plans: list[FamilyTimePlan]
    times: list[FamilyTime]
    ledgers: list[Ledger]


def family_overview(*, child: Child, home: Home, today: datetime.date) -> FamilyOverview:
    """Six queries: plans, the latest times, and for each account its balance, entries and count."""
    ledgers = []
    for account, label in Account.choices:
        entries = list(MoneyEntry.objects.filter(child=child, home=home, account=account)[:20])
        ledgers.append(
            Ledger(
                account,
                label,
                ledger_balance(child=child, home=home, account=account, on=today) if entries else Decimal(0),
                entries,
                Reconciliation.objects.filter(child=child, home=home, account=account).first() if entries else None,
            )
        )
    return FamilyOverview(
        plans=list(
            FamilyTimePlan.objects.filter(child=child, home=home).filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=today)
            )
        ),
        times=list(FamilyTime.objects.filter(child=child, home=home).select_related("plan")[:15]),
        ledgers=ledgers,
    )
