from django import forms

from hearth.core.forms import DateInput, DateTimeInput, GovukForm, Radios
from hearth.keywork.models import CHILD_WORDS_MAX_CHARS, SESSION_MAX_CHARS, Achievement, GoalUpdate


class PlanForm(GovukForm):
    planned_for = forms.DateField(label="Date", widget=DateInput())
    topics = forms.CharField(
        label="What it will cover",
        max_length=300,
        help_text="For example: school, keeping safe online, family time at Christmas",
    )


class SessionForm(GovukForm):
    held_at = forms.DateTimeField(label="When it was held", widget=DateTimeInput())
    topics = forms.CharField(label="What it covered", max_length=300)
    what_was_done = forms.CharField(
        label="What you did together, and anything agreed",
        max_length=SESSION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    child_words = forms.CharField(
        label="In the child's own words",
        help_text="What they said, as they said it. If they did not want to say anything, write that.",
        max_length=CHILD_WORDS_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GoalForm(GovukForm):
    goal = forms.CharField(
        label="The goal", max_length=300, help_text="For example: get to school on time every day this half term"
    )
    child_words = forms.CharField(
        label="Why it matters to them, in their words (optional)",
        max_length=CHILD_WORDS_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    set_on = forms.DateField(label="Date agreed", widget=DateInput())
    target_by = forms.DateField(label="Aiming for (optional)", widget=DateInput(), required=False)


class ProgressForm(GovukForm):
    progress = forms.ChoiceField(label="How are they getting on?", choices=GoalUpdate.Progress.choices, widget=Radios)
    note = forms.CharField(label="What has happened", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="Date", widget=DateInput())


class AchievementForm(GovukForm):
    what = forms.CharField(label="What they achieved", max_length=300)
    area = forms.ChoiceField(label="Area", choices=Achievement.Area.choices, widget=Radios)
    on = forms.DateField(label="Date", widget=DateInput())
