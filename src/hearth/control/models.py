"""Measures of control, discipline and restriction (Regulations 19 and 20; Reg 35(3) for the record).

A consequence or sanction, or a restriction of the child's liberty (a locked door, an item taken
away, a search): what was done and why, who decided, the child's view, and a manager's review
within 7 days. Regulation 19(2) prohibits some measures outright; ``prohibited.py`` names them and
the services refuse them. Restraint is recorded as a physical intervention (incidents)."""

from django.conf import settings
from django.db import models

from hearth.core.models import HearthModel


class ControlMeasure(HearthModel):
    class Kind(models.TextChoices):
        CONSEQUENCE = "consequence", "A consequence or sanction"
        REPARATION = "reparation", "Reparation (paying towards or putting right damage)"
        LOCKED_DOOR = "locked_door", "A door or area locked"
        ITEM_REMOVED = "item_removed", "An item taken away or kept"
        ROOM_SEARCH = "room_search", "A search of the child's room or belongings"
        PERSONAL_SEARCH = "personal_search", "A search of the child's person (over clothing)"
        OTHER_RESTRICTION = "other_restriction", "Another restriction of liberty"

    RESTRICTIONS = frozenset({"locked_door", "item_removed", "room_search", "personal_search", "other_restriction"})

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="control_measures")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="control_measures")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    at = models.DateTimeField(help_text="When the measure was imposed")
    measure = models.TextField(help_text="What was done, and for how long")
    reason = models.TextField(help_text="The behaviour or risk that led to it")
    amount = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True, help_text="Reparation, in £")
    ends = models.CharField(max_length=200, blank=True, help_text="When the restriction ends or is reviewed")
    decided_by_name = models.CharField(max_length=200)
    child_view = models.TextField(blank=True)
    child_view_recorded_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.at:%-d %B %Y}"

    @property
    def is_restriction(self) -> bool:
        return self.kind in self.RESTRICTIONS
