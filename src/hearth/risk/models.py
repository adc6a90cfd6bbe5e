"""Individual risk assessments: one version at a time, one item per risk domain (domain.md section 8).

A version is written as a draft, checked, and approved by a manager; once approved it never
changes. The next review starts a new draft from the current version. The current assessment is
the newest approved version. History (old events) sits in its own field, out of the current view.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import Approval, HearthModel
from hearth.risk.domains import DOMAINS


class RiskAssessment(HearthModel, Approval):
    """One version of a child's individual risk assessment (Reg 12(2)(a)(ii), Reg 14)."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="risk_assessments")
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="risk_assessments")
    number = models.PositiveIntegerField()
    strengths = models.TextField(blank=True, help_text="What the child is good at and what keeps them safe")
    child_words = models.TextField(blank=True, help_text="The child's own words about their risks and this plan")
    history_text = models.TextField(
        blank=True, help_text="Past events that explain the risks, kept out of the current view"
    )
    written_by_name = models.CharField(max_length=200)
    reviews_recorded = models.BooleanField(
        default=False,
        help_text="Approved in Hearth with each open flag judged (RiskFlagReview); an imported approval "
        "without that record counts as reviewing every risk",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["child", "-number"]
        constraints = [models.UniqueConstraint(fields=["child", "number"], name="risk_assessment_number_per_child")]
        indexes = [models.Index(fields=["home", "approved_at"])]

    def __str__(self) -> str:
        return f"Risk assessment v{self.number} for {self.child}"


class RiskItem(HearthModel):
    """The assessment of one risk domain for one child: what the risk is now and what staff do."""

    class Level(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    LEVEL_ORDER = {"high": 0, "medium": 1, "low": 2}
    STRATEGY_FIELDS = ("before", "during", "after")
    TEXT_FIELDS = ("current_risk", "triggers", "before", "during", "after", "child_view", "protective_factors")

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="items")
    domain = models.CharField(max_length=30, choices=list(DOMAINS.items()))
    level = models.CharField(max_length=10, choices=Level.choices)
    current_risk = models.TextField(help_text="The risk now, in a few sentences")
    triggers = models.TextField(help_text="Triggers and early warning signs")
    before = models.TextField("What staff do before", help_text="To prevent it: specific to this child")
    during = models.TextField("What staff do during", help_text="When it is happening: who to call, when")
    after = models.TextField("What staff do after", help_text="Afterwards: checks, talking, who to tell")
    child_view = models.TextField("The child's view", blank=True)
    protective_factors = models.TextField(blank=True)
    review_by = models.DateField()
    incidents = models.ManyToManyField("incidents.Incident", blank=True, related_name="risk_items")
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "domain"]
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="risk_item_domain_per_version")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} ({self.get_level_display().lower()})"

    @classmethod
    def field_label(cls, name: str) -> str:
        """The field's label as staff see it, e.g. "What staff do before"."""
        return str(getattr(cls._meta.get_field(name), "verbose_name", name))


class RiskFlagReview(HearthModel):
    """At approval, what the manager did about one risk: changed its item in this version, or
    confirmed it still right, with a reason. Only these clear a "needs review" flag; a flag on a
    risk neither changed nor confirmed stays open after the version is approved (Reg 12(2)(b))."""

    class Outcome(models.TextChoices):
        CHANGED = "changed", "Changed in this version"
        CONFIRMED = "confirmed", "Confirmed still right"

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="flag_reviews")
    domain = models.CharField(max_length=30, choices=list(DOMAINS.items()))
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="risk_flag_review_per_domain")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.get_outcome_display().lower()}"


class StrategyIndexSnapshot(models.Model):
    """A provider's strategy index (``risk/checks/generic_index.py``) as the background worker last
    built it, so that no web request builds one: the live check as a worker types and a version's
    page load it (``risk/strategy_indexes.py``).

    Not a record: a cache of the provider's plans that any worker can build again, so it has no
    history, no audit event and no place in bundles. ``data`` is a pickle, signed with the site's
    secret key (``signature``): a web process loads only what a Hearth worker wrote."""

    provider = models.OneToOneField("homes.Provider", on_delete=models.CASCADE, related_name="+")
    plans_version = models.JSONField(help_text="What the provider's plans were when it was built.")
    built_at = models.DateTimeField()
    generation = models.PositiveBigIntegerField(default=1, help_text="Goes up by one each time it is rebuilt.")
    data = models.BinaryField()
    signature = models.BinaryField()

    def __str__(self) -> str:
        return f"Strategy index of provider {self.provider_id}, built {self.built_at:%Y-%m-%d %H:%M}"
