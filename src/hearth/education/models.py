"""Education: where the child learns, their Personal Education Plan (PEP) reviews, attendance by
session, suspensions and exclusions, and what the home did about absence (Regulation 8: the
education standard; the Guide, chapter 5; the designated teacher and virtual school head under the
Children and Families Act 2014)."""

from django.db import models

from hearth.core.models import HearthModel
from hearth.education.codes import CHOICES


class Provision(HearthModel):
    """A school, college or other education the child attends, from one day to another."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "School"
        COLLEGE = "college", "College"
        ALTERNATIVE = "alternative", "Alternative provision"
        TUITION = "tuition", "Tuition"
        WORK = "work", "Apprenticeship or training"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="education_provisions")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    designated_teacher = models.CharField(max_length=200, blank=True)
    virtual_school_contact = models.CharField(max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return self.name


class PepReview(HearthModel):
    """A review of the child's Personal Education Plan, held each term."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="pep_reviews")
    held_on = models.DateField()
    attended_by = models.CharField(max_length=300)
    targets = models.TextField()
    child_views = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return f"PEP review, {self.held_on:%-d %B %Y}"


class AttendanceMark(HearthModel):
    """One session's register mark, as the school gave it (the official codes, ``codes.py``)."""

    class Session(models.TextChoices):
        AM = "am", "Morning"
        PM = "pm", "Afternoon"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="attendance_marks")
    on = models.DateField()
    session = models.CharField(max_length=2, choices=Session.choices)
    code = models.CharField(max_length=2, choices=CHOICES)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "session"]
        constraints = [models.UniqueConstraint(fields=["child", "on", "session"], name="one_mark_per_session")]

    def __str__(self) -> str:
        return f"{self.on:%-d %B %Y} {self.get_session_display().lower()}: {self.code}"


class Exclusion(HearthModel):
    """A suspension (fixed period) or permanent exclusion."""

    class Kind(models.TextChoices):
        SUSPENSION = "suspension", "Suspension"
        PERMANENT = "permanent", "Permanent exclusion"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="exclusions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_on:%-d %B %Y}"


class AbsenceAction(HearthModel):
    """What the home did about the child missing education (Guide 5.9: staff promote attendance)."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="absence_actions")
    on = models.DateField()
    action = models.TextField()
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "id"]

    def __str__(self) -> str:
        return f"Action on absence, {self.on:%-d %B %Y}"
