"""Writes for family time and the child's money (models.py says which regulations ask for them)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, signature_name, signed_record_create
from hearth.family.models import Account, FamilyTime, FamilyTimePlan, MoneyEntry, Reconciliation
from hearth.family.selectors import ledger_balance
from hearth.homes.models import Home


def _check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def family_time_plan_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    with_whom: str,
    how_often: str,
    where: str,
    supervised: bool,
    agreed_on: datetime.date,
    agreed_with: str,
    ends_on: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> FamilyTimePlan:
    """The family time agreed in the care plan (Reg 11(2)(b): contact the child's plan provides for)."""
    errors: dict[str, str] = {}
    for name, value, message in (
        ("with_whom", with_whom, "Say who the family time is with."),
        ("how_often", how_often, "Say how often, for example every Saturday afternoon."),
        ("where", where, "Say where it happens."),
        ("agreed_with", agreed_with, "Say who agreed it, for example the social worker."),
    ):
        if not value.strip():
            errors[name] = message
    if ends_on is not None and ends_on < agreed_on:
        errors["ends_on"] = "The end is before it was agreed."
    return signed_record_create(
        FamilyTimePlan,
        "family_time_plan.created",
        actor=actor,
        errors=errors,
        home=home,
        external_id=external_id,
        child=child,
        with_whom=with_whom.strip(),
        how_often=how_often.strip(),
        where=where.strip(),
        supervised=supervised,
        agreed_on=agreed_on,
        agreed_with=agreed_with.strip(),
        ends_on=ends_on,
        recorded_by_name=recorded_by_name,
    )


@transaction.atomic
def family_time_record(
    *,
    actor: Actor,
    plan: FamilyTimePlan,
    planned_for: datetime.datetime,
    outcome: str = FamilyTime.Outcome.PLANNED,
    reason: str = "",
    how_it_went: str = "",
    child_words: str = "",
    recorded_by_name: str | None = None,
    outcome_recorded_at: datetime.datetime | None = None,
    external_id: str | None = None,
) -> FamilyTime:
    """A time with family against the plan: planned ahead, or recorded with what happened."""
    time = FamilyTime(
        external_id=external_id,
        plan=plan,
        home_id=plan.home_id,
        child_id=plan.child_id,
        planned_for=planned_for,
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    _apply_outcome(
        time, outcome=outcome, reason=reason, how_it_went=how_it_went, child_words=child_words, at=outcome_recorded_at
    )
    time.save()
    audit_event_record(actor=actor, action="family_time.created", obj=time, home=plan.home)
    return time


@transaction.atomic
def family_time_outcome_record(
    *, actor: Actor, time: FamilyTime, outcome: str, reason: str = "", how_it_went: str = "", child_words: str = ""
) -> FamilyTime:
    """What happened at a planned time (rules.md contact.plan_not_followed: within 48 hours)."""
    time = FamilyTime.objects.select_for_update().get(pk=time.pk)
    if time.outcome != FamilyTime.Outcome.PLANNED:
        raise ValidationError(f"This was already recorded as “{time.get_outcome_display().lower()}”.")
    _apply_outcome(time, outcome=outcome, reason=reason, how_it_went=how_it_went, child_words=child_words, at=None)
    time.version += 1
    time.updated_by = actor_or_none(actor)
    time.save()
    audit_event_record(actor=actor, action="family_time.updated", obj=time, home=time.home)
    return time


def _apply_outcome(
    time: FamilyTime, *, outcome: str, reason: str, how_it_went: str, child_words: str, at: datetime.datetime | None
) -> None:
    errors: dict[str, str] = {}
    if outcome not in FamilyTime.Outcome.values:
        errors["outcome"] = "Choose what happened."
    elif outcome not in (FamilyTime.Outcome.PLANNED, FamilyTime.Outcome.HAPPENED) and not reason.strip():
        errors["reason"] = "Say why it did not take place as planned."
    elif outcome != FamilyTime.Outcome.PLANNED and time.planned_for > timezone.now() + datetime.timedelta(hours=1):
        errors["outcome"] = "It has not happened yet: record it as planned."
    _check(errors)
    time.outcome, time.reason = outcome, reason.strip()
    time.how_it_went, time.child_words = how_it_went.strip(), child_words.strip()
    time.outcome_recorded_at = None if outcome == FamilyTime.Outcome.PLANNED else (at or timezone.now())


@transaction.atomic
def money_entry_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    account: str,
    on: datetime.date,
    amount: Decimal,
    what: str,
    receipt_kept: bool = False,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> MoneyEntry:
    """Money in (positive) or out (negative) of the child's account. Spending more than is there
    is refused: the child's money is never overdrawn by the home."""
    errors: dict[str, str] = {}
    if account not in Account.values:
        errors["account"] = "Choose pocket money or savings."
    if not what.strip():
        errors["what"] = "Say what the money was for or where it came from."
    if amount == 0:
        errors["amount"] = "Enter an amount other than £0."
    if on > timezone.localdate():
        errors["on"] = "The date is in the future."
    _check(errors)
    if amount < 0:
        MoneyEntry.objects.select_for_update().filter(child=child, home=home, account=account).exists()
        balance = ledger_balance(child=child, home=home, account=account, on=on)
        if balance + amount < 0:
            raise ValidationError(
                {"amount": f"There is only £{balance:.2f} in {child.display_name}'s {Account(account).label.lower()}."}
            )
    entry = MoneyEntry.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        account=account,
        on=on,
        amount=amount,
        what=what.strip(),
        receipt_kept=receipt_kept,
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="money.recorded", obj=entry, home=home)
    return entry


@transaction.atomic
def reconciliation_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    account: str,
    on: datetime.date,
    counted: Decimal,
    explanation: str = "",
    child_signed: bool = False,
    child_comment: str = "",
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> Reconciliation:
    """The money counted against the ledger. A difference is kept (never adjusted away) and must be
    explained; the rule ``money.not_reconciled`` reports it until a count balances."""
    errors: dict[str, str] = {}
    if account not in Account.values:
        errors["account"] = "Choose pocket money or savings."
    if counted < 0:
        errors["counted"] = "Enter the amount counted."
    if on > timezone.localdate():
        errors["on"] = "The date is in the future."
    _check(errors)
    balance = ledger_balance(child=child, home=home, account=account, on=on)
    if counted != balance and not explanation.strip():
        raise ValidationError(
            {"explanation": f"The ledger says £{balance:.2f} and £{counted:.2f} was counted: explain the difference."}
        )
    count = Reconciliation.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        account=account,
        on=on,
        counted=counted,
        ledger_balance=balance,
        explanation=explanation.strip(),
        child_signed=child_signed,
        child_comment=child_comment.strip(),
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="money.reconciled", obj=count, home=home)
    return count
