"""Key work, the child's goals and what they achieve: the records of the children's views, wishes
and feelings standard (Regulation 7) and the enjoyment and achievement standard (Regulation 9).

A key-work session keeps the child's own words in a field of their own, apart from what the
worker wrote: the child may read the record years later, and an inspector looks for their voice.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel

CHILD_WORDS_MAX_CHARS = 2000
SESSION_MAX_CHARS = 4000


class KeyWorkSession(HearthModel):
    """A key-work session: planned (a date and topics), then held (what was done, the child's words)
    or not held (why)."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="key_work_sessions")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="key_work_sessions")
    planned_for = models.DateField(null=True, blank=True)
    topics = models.CharField(max_length=300)
    held_at = models.DateTimeField(null=True, blank=True)
    what_was_done = models.TextField(blank=True)
    child_words = models.TextField(blank=True)
    not_held_reason = models.CharField(max_length=300, blank=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    worker_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_at", "-planned_for", "-id"]
        indexes = [models.Index(fields=["child", "held_at"])]

    def __str__(self) -> str:
        return f"Key-work session: {self.topics}"

    @property
    def is_planned(self) -> bool:
        return self.held_at is None and not self.not_held_reason


class Goal(HearthModel):
    """Something the child is working towards, in their words as well as the plan's."""

    class Status(models.TextChoices):
        WORKING = "working", "Working towards it"
        ACHIEVED = "achieved", "Achieved"
        STOPPED = "stopped", "No longer a goal"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="goals")
    goal = models.CharField(max_length=300)
    child_words = models.TextField(blank=True, help_text="Why it matters to them, in their words")
    set_on = models.DateField()
    target_by = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WORKING)
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "-set_on", "id"]

    def __str__(self) -> str:
        return self.goal


class GoalUpdate(HearthModel):
    """Progress towards a goal, as of a day."""

    class Progress(models.TextChoices):
        NONE = "none", "No progress yet"
        SOME = "some", "Some progress"
        GOOD = "good", "Good progress"
        ACHIEVED = "achieved", "Achieved"

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField()
    progress = models.CharField(max_length=20, choices=Progress.choices)
    note = models.TextField()
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_progress_display()} ({self.on:%-d %B %Y})"


class Achievement(HearthModel):
    """Something the child did well: at school, in an activity, or in their own life (Reg 8, 9)."""

    class Area(models.TextChoices):
        EDUCATION = "education", "Education"
        ACTIVITY = "activity", "Activities and interests"
        PERSONAL = "personal", "Personal"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="achievements")
    on = models.DateField()
    area = models.CharField(max_length=20, choices=Area.choices)
    what = models.CharField(max_length=300)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return self.what
