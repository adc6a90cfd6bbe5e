"""Complaints (Regulation 39): each complaint, who investigates it (never the person it is about),
what was done, the outcome and whether the complainant was satisfied, answered by the deadline of
the home's complaints procedure. Ofsted may ask for a summary of a year's complaints (Reg 39(3))."""

from django.db import models

from hearth.core.models import HearthModel

DEFAULT_RESPONSE_DAYS = 28


class Complaint(HearthModel):
    class From(models.TextChoices):
        CHILD = "child", "A child living at the home"
        PARENT = "parent", "A parent or relative"
        PROFESSIONAL = "professional", "A professional (social worker, school, police…)"
        NEIGHBOUR = "neighbour", "A neighbour or member of the public"
        OTHER = "other", "Someone else"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        WITHDRAWN = "withdrawn", "Withdrawn by the complainant"

    class Satisfied(models.TextChoices):
        YES = "yes", "Satisfied"
        NO = "no", "Not satisfied"
        NOT_KNOWN = "not_known", "Not known"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="complaints")
    received_on = models.DateField()
    complainant_kind = models.CharField(max_length=20, choices=From.choices)
    complainant_name = models.CharField(max_length=200)
    child = models.ForeignKey(
        "children.Child",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The child who complained, or the child it is about",
    )
    advocate = models.CharField(max_length=200, blank=True, help_text="A child's advocate, where they have one")
    summary = models.TextField()
    about_staff = models.ManyToManyField("staff.StaffMember", blank=True, related_name="complaints_about")
    investigator = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints_investigated"
    )
    response_due = models.DateField(help_text="From the home's complaints procedure")
    actions = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    response = models.TextField(blank=True, help_text="What the complainant was told")
    responded_on = models.DateField(null=True, blank=True)
    satisfaction = models.CharField(max_length=20, choices=Satisfied.choices, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Complaint received {self.received_on:%-d %B %Y}"

    @property
    def from_a_child(self) -> bool:
        return self.complainant_kind == self.From.CHILD
