"""Reads for the child's voice and progress: what the child's page shows beside their risks."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from hearth.children.models import Child
from hearth.homes.models import Home
from hearth.keywork.models import Achievement, Goal, GoalUpdate, KeyWorkSession

RECENT_DAYS = 90


@dataclass
class ChildsVoice:
    """The child's own words (newest first, with where they were said), their goals with the latest
    progress, and what they achieved lately."""

    words: list[tuple[str, datetime.date, str]] = field(default_factory=list)  # (words, on, where)
    goals: list[Goal] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    sessions: list[KeyWorkSession] = field(default_factory=list)
    planned: list[KeyWorkSession] = field(default_factory=list)


def childs_voice(*, child: Child, home: Home, today: datetime.date) -> ChildsVoice:
    """Four queries: key-work sessions, goals with their updates, achievements."""
    sessions = list(KeyWorkSession.objects.filter(child=child, home=home)[:50])
    held = [s for s in sessions if s.held_at is not None]
    out = ChildsVoice(
        sessions=held[:5],
        planned=sorted((s for s in sessions if s.is_planned), key=lambda s: s.planned_for or today),
    )
    out.words = [(s.child_words, s.held_at.date(), f"key work: {s.topics}") for s in held if s.child_words][:3]  # type: ignore[union-attr]
    out.goals = list(
        Goal.objects.filter(child=child, home=home)
        .exclude(status=Goal.Status.STOPPED)
        .prefetch_related(Prefetch("updates", queryset=GoalUpdate.objects.order_by("-on", "-id")))
    )
    since = today - datetime.timedelta(days=RECENT_DAYS)
    out.achievements = list(Achievement.objects.filter(child=child, home=home, on__gte=since)[:10])
    return out


@dataclass
class VoiceInBrief:
    """For a row of the dashboard: the child's latest words, recent achievements and goals."""

    words: str = ""
    achievements: list[str] = field(default_factory=list)
    goals: list[tuple[str, str]] = field(default_factory=list)  # (goal, progress in words)


def voices_in_brief(*, home: Home, child_ids: list[int], today: datetime.date) -> dict[int, VoiceInBrief]:
    """``childs_voice`` in brief for many children: three queries whatever their number."""
    out = {pk: VoiceInBrief() for pk in child_ids}
    words = (
        KeyWorkSession.objects.filter(child_id__in=child_ids, home=home, held_at__isnull=False)
        .exclude(child_words="")
        .order_by("child_id", "-held_at")
        .values_list("child_id", "child_words")
    )
    for child_id, said in words:
        if not out[child_id].words:
            out[child_id].words = said
    since = today - datetime.timedelta(days=RECENT_DAYS)
    for a in Achievement.objects.filter(child_id__in=child_ids, home=home, on__gte=since).order_by("-on"):
        if len(out[a.child_id].achievements) < 2:
            out[a.child_id].achievements.append(a.what)
    goals = (
        Goal.objects.filter(child_id__in=child_ids, home=home)
        .exclude(status=Goal.Status.STOPPED)
        .prefetch_related(Prefetch("updates", queryset=GoalUpdate.objects.order_by("-on", "-id")))
    )
    for g in goals:
        latest = next(iter(g.updates.all()), None)
        progress = (
            "achieved"
            if g.status == Goal.Status.ACHIEVED
            else (latest.get_progress_display().lower() if latest else "just set")
        )
        out[g.child_id].goals.append((g.goal, progress))
    return out
