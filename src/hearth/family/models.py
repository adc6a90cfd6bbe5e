"""Family time and money: the agreed plan for seeing family and each time against it (Regulation
11: positive relationships, including with family; the care plan's contact arrangements), and the
child's pocket money and savings as a ledger, counted each month (Regulation 6(2)(b)(vii): children
are helped to manage money; the Guide 3.21)."""

from django.db import models

from hearth.core.models import HearthModel


class FamilyTimePlan(HearthModel):
    """Agreed family time: with whom, how often, where, and whether supervised."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="family_time_plans")
    with_whom = models.CharField(max_length=200)
    how_often = models.CharField(max_length=200)
    where = models.CharField(max_length=200)
    supervised = models.BooleanField()
    agreed_on = models.DateField()
    agreed_with = models.CharField(max_length=200)
    ends_on = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-agreed_on"]

    def __str__(self) -> str:
        return f"Family time with {self.with_whom}"


class FamilyTime(HearthModel):
    """One time with family against the plan: planned, then what happened."""

    class Outcome(models.TextChoices):
        PLANNED = "planned", "Planned"
        HAPPENED = "happened", "Took place"
        CHILD_DECLINED = "child_declined", "The child chose not to go"
        FAMILY_CANCELLED = "family_cancelled", "Cancelled by the family"
        HOME_CANCELLED = "home_cancelled", "Cancelled by the home"
        NO_SHOW = "no_show", "The family did not come"

    plan = models.ForeignKey(FamilyTimePlan, on_delete=models.PROTECT, related_name="times")
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="family_times")
    planned_for = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PLANNED)
    reason = models.CharField(max_length=300, blank=True)
    how_it_went = models.TextField(blank=True)
    child_words = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-planned_for"]

    def __str__(self) -> str:
        return f"{self.plan.with_whom}, {self.planned_for:%-d %B %Y}"


class Account(models.TextChoices):
    POCKET = "pocket", "Pocket money"
    SAVINGS = "savings", "Savings"


class MoneyEntry(HearthModel):
    """Money in or out of a child's pocket money or savings, with whether a receipt is kept."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="money_entries")
    account = models.CharField(max_length=20, choices=Account.choices)
    on = models.DateField()
    amount = models.DecimalField(max_digits=9, decimal_places=2, help_text="Positive in, negative out")
    what = models.CharField(max_length=200)
    receipt_kept = models.BooleanField(default=False)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "money entries"

    def __str__(self) -> str:
        return f"{self.what}: £{self.amount}"


class Reconciliation(HearthModel):
    """A count of the child's money against the ledger, signed by the child where they can."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="money_reconciliations")
    account = models.CharField(max_length=20, choices=Account.choices)
    on = models.DateField()
    counted = models.DecimalField(max_digits=9, decimal_places=2)
    ledger_balance = models.DecimalField(max_digits=9, decimal_places=2)
    explanation = models.CharField(max_length=300, blank=True)
    child_signed = models.BooleanField(default=False)
    child_comment = models.CharField(max_length=300, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{Account(self.account).label} counted {self.on:%-d %B %Y}"

    @property
    def balances(self) -> bool:
        return self.counted == self.ledger_balance
