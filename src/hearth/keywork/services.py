"""Writes for key work, goals and achievements (models.py says which regulations ask for them)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, signature_name
from hearth.homes.models import Home
from hearth.keywork.models import (
    CHILD_WORDS_MAX_CHARS,
    SESSION_MAX_CHARS,
    Achievement,
    Goal,
    GoalUpdate,
    KeyWorkSession,
)


def _too_long(errors: dict[str, str], field: str, text: str, limit: int) -> None:
    if len(text) > limit:
        errors[field] = f"This can be at most {limit:,} characters; it has {len(text):,}."


@transaction.atomic
def keywork_plan(
    *, actor: Actor, home: Home, child: Child, planned_for: datetime.date, topics: str, external_id: str | None = None
) -> KeyWorkSession:
    """A key-work session planned with the child: the day and what it will cover."""
    if not topics.strip():
        raise ValidationError({"topics": "Say what the session will cover."})
    session = KeyWorkSession.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        planned_for=planned_for,
        topics=topics.strip(),
        worker=actor_or_none(actor),
        worker_name=signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="key_work.planned", obj=session, home=home)
    return session


@transaction.atomic
def keywork_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    held_at: datetime.datetime,
    topics: str,
    what_was_done: str,
    child_words: str = "",
    planned: KeyWorkSession | None = None,
    worker_name: str | None = None,
    recorded_at: datetime.datetime | None = None,
    external_id: str | None = None,
) -> KeyWorkSession:
    """A key-work session held, signed by the worker. The child's own words go in their own field
    (Reg 7: children's views sought and recorded); "they did not want to say" is words too."""
    now = recorded_at or timezone.now()
    topics, what_was_done, child_words = topics.strip(), what_was_done.strip(), child_words.strip()
    errors: dict[str, str] = {}
    if not topics:
        errors["topics"] = "Say what the session covered."
    if not what_was_done:
        errors["what_was_done"] = "Say what you did together and anything agreed."
    _too_long(errors, "what_was_done", what_was_done, SESSION_MAX_CHARS)
    _too_long(errors, "child_words", child_words, CHILD_WORDS_MAX_CHARS)
    if held_at > now + datetime.timedelta(minutes=5):
        errors["held_at"] = "The session's time is in the future: plan it instead."
    if planned is not None and not planned.is_planned:
        errors["__all__"] = "This session is already recorded."
    if errors:
        raise ValidationError(errors)
    fields = {
        "topics": topics,
        "held_at": held_at,
        "what_was_done": what_was_done,
        "child_words": child_words,
        "worker": actor_or_none(actor),
        "worker_name": worker_name or signature_name(actor),
        "recorded_at": now,
    }
    if planned is not None:
        session = KeyWorkSession.objects.select_for_update().get(pk=planned.pk)
        for name, value in fields.items():
            setattr(session, name, value)
        session.version += 1
        session.updated_by = actor_or_none(actor)
        session.save()
    else:
        session = KeyWorkSession.objects.create(
            external_id=external_id, home=home, child=child, created_by=actor_or_none(actor), **fields
        )
    audit_event_record(actor=actor, action="key_work.recorded", obj=session, home=home)
    return session


@transaction.atomic
def goal_set(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    goal: str,
    set_on: datetime.date,
    child_words: str = "",
    target_by: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> Goal:
    """A goal agreed with the child (Reg 9: children supported to achieve; Reg 7: in their words)."""
    errors: dict[str, str] = {}
    if not goal.strip():
        errors["goal"] = "Say what the goal is."
    if target_by is not None and target_by < set_on:
        errors["target_by"] = "The target date is before the goal was set."
    _too_long(errors, "child_words", child_words.strip(), CHILD_WORDS_MAX_CHARS)
    if errors:
        raise ValidationError(errors)
    created = Goal.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        goal=goal.strip(),
        child_words=child_words.strip(),
        set_on=set_on,
        target_by=target_by,
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="goal.created", obj=created, home=home)
    return created


@transaction.atomic
def goal_progress_record(
    *,
    actor: Actor,
    goal: Goal,
    on: datetime.date,
    progress: str,
    note: str,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> GoalUpdate:
    """Progress towards a goal; "achieved" marks the goal achieved."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    errors: dict[str, str] = {}
    if progress not in GoalUpdate.Progress.values:
        errors["progress"] = "Choose how the child is getting on."
    if not note.strip():
        errors["note"] = "Say what has happened towards the goal."
    if on < goal.set_on:
        errors["on"] = "This is before the goal was set."
    if goal.status != Goal.Status.WORKING:
        errors["__all__"] = f"This goal is {goal.get_status_display().lower()}: set a new one."
    if errors:
        raise ValidationError(errors)
    update = GoalUpdate.objects.create(
        external_id=external_id,
        goal=goal,
        on=on,
        progress=progress,
        note=note.strip(),
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    if progress == GoalUpdate.Progress.ACHIEVED:
        goal.status = Goal.Status.ACHIEVED
        goal.version += 1
        goal.save(update_fields=["status", "version", "updated_at"])
    audit_event_record(actor=actor, action="goal.progress_recorded", obj=goal, home=goal.home)
    return update


@transaction.atomic
def achievement_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    on: datetime.date,
    area: str,
    what: str,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> Achievement:
    """Something the child did well, for their record and their page (Reg 8 and 9)."""
    errors: dict[str, str] = {}
    if not what.strip():
        errors["what"] = "Say what they achieved."
    if area not in Achievement.Area.values:
        errors["area"] = "Choose what kind of achievement it is."
    if on > timezone.localdate():
        errors["on"] = "The date is in the future."
    if errors:
        raise ValidationError(errors)
    achievement = Achievement.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        on=on,
        area=area,
        what=what.strip(),
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="achievement.created", obj=achievement, home=home)
    return achievement


def keywork_load(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    topics: str,
    worker_name: str,
    planned_for: datetime.date | None = None,
    held_at: datetime.datetime | None = None,
    what_was_done: str = "",
    child_words: str = "",
    not_held_reason: str = "",
    recorded_at: datetime.datetime | None = None,
    external_id: str | None = None,
) -> KeyWorkSession:
    """A session from a records bundle: held (through ``keywork_record``'s checks) or planned."""
    if held_at is not None:
        session = keywork_record(
            actor=actor,
            home=home,
            child=child,
            held_at=held_at,
            topics=topics,
            what_was_done=what_was_done,
            child_words=child_words,
            worker_name=worker_name,
            recorded_at=recorded_at,
            external_id=external_id,
        )
        if planned_for is not None:
            KeyWorkSession.objects.filter(pk=session.pk).update(planned_for=planned_for)
            session.planned_for = planned_for
        return session
    if planned_for is None:
        raise ValidationError({"planned_for": "A session not held needs the day it was planned for."})
    session = keywork_plan(
        actor=actor, home=home, child=child, planned_for=planned_for, topics=topics, external_id=external_id
    )
    KeyWorkSession.objects.filter(pk=session.pk).update(
        worker_name=worker_name, not_held_reason=not_held_reason.strip()
    )
    session.worker_name, session.not_held_reason = worker_name, not_held_reason.strip()
    return session
