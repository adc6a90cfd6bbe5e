"""Notices to Ofsted about the home itself (Part 7 of the Regulations): the registered manager's
absence of 28 days or more and their return (Reg 48), and changes of who carries on or manages the
home (Reg 49). Each has a deadline, worked out when it is recorded (``deadlines.py``), and is
tracked until it is sent, as Regulation 40 notifications are."""

from django.db import models

from hearth.core.models import HearthModel


class HomeNotice(HearthModel):
    class Kind(models.TextChoices):
        ABSENCE_PLANNED = "absence_planned", "The manager will be away 28 days or more (planned)"
        ABSENCE_UNPLANNED = "absence_unplanned", "The manager is away 28 days or more (emergency or unforeseen)"
        RETURN = "return", "The manager has come back after an absence"
        MANAGER_CHANGE = "manager_change", "A change of registered manager"
        RI_CHANGE = "ri_change", "A change of responsible individual"
        PROVIDER_CHANGE = "provider_change", "A change to the provider (name, address, directors)"
        OTHER = "other", "Another notice under Part 7"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    event_on = models.DateField(help_text="The day the absence starts, the return, or the change")
    expected_until = models.DateField(null=True, blank=True, help_text="For an absence, when it is expected to end")
    details = models.TextField(help_text="The reason, and what the notice must say")
    arrangements = models.TextField(blank=True, help_text="Who runs the home meanwhile, with their qualifications")
    due_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True)
    sent_reference = models.CharField(max_length=100, blank=True)
    sent_by_name = models.CharField(max_length=200, blank=True)
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        help_text="The absence a return ends",
    )
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-event_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.event_on:%-d %B %Y})"

    @property
    def regulation(self) -> str:
        return REGULATION[self.kind]

    @property
    def regulation_words(self) -> str:
        """The regulation in words: Regulation 48(2), or Part 7 of the Regulations for another notice."""
        return "Part 7 of the Regulations" if self.kind == self.Kind.OTHER else f"Regulation {self.regulation}"


REGULATION: dict[str, str] = {
    HomeNotice.Kind.ABSENCE_PLANNED: "48(2)",
    HomeNotice.Kind.ABSENCE_UNPLANNED: "48(3)",
    HomeNotice.Kind.RETURN: "48(5)",
    HomeNotice.Kind.MANAGER_CHANGE: "49",
    HomeNotice.Kind.RI_CHANGE: "49",
    HomeNotice.Kind.PROVIDER_CHANGE: "49",
    HomeNotice.Kind.OTHER: "Part 7",
}
