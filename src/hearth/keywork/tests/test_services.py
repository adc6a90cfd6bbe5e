import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.conftest import World
from hearth.keywork.models import Goal
from hearth.keywork.selectors import childs_voice
from hearth.keywork.services import (
    achievement_record,
    goal_progress_record,
    goal_set,
    keywork_plan,
    keywork_record,
)


def test_a_planned_session_is_recorded_once_with_the_childs_words_in_their_own_field(world: World) -> None:
    worker = world.users["support_worker"]
    planned = keywork_plan(
        actor=worker, home=world.home_a, child=world.child_a, planned_for=timezone.localdate(), topics="School"
    )
    held = keywork_record(
        actor=worker,
        home=world.home_a,
        child=world.child_a,
        planned=planned,
        held_at=timezone.now(),
        topics="School and friends",
        what_was_done="Talked about her week.",
        child_words="  I like my new form tutor.  ",
    )
    assert held.pk == planned.pk and held.child_words == "I like my new form tutor."
    assert held.worker_name == worker.get_full_name()
    with pytest.raises(ValidationError, match="already recorded"):
        keywork_record(
            actor=worker,
            home=world.home_a,
            child=world.child_a,
            planned=held,
            held_at=timezone.now(),
            topics="x",
            what_was_done="y",
        )
    voice = childs_voice(child=world.child_a, home=world.home_a, today=timezone.localdate())
    assert voice.words[0][0] == "I like my new form tutor."


def test_a_session_says_everything_missing_at_once(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        keywork_record(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            topics=" ",
            what_was_done="",
            child_words="x" * 2001,
            held_at=timezone.now() + datetime.timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {"topics", "what_was_done", "child_words", "held_at"}


def test_progress_marked_achieved_achieves_the_goal_and_then_it_takes_no_more(world: World) -> None:
    goal = goal_set(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        goal="Swim a length",
        set_on=timezone.localdate() - datetime.timedelta(days=5),
    )
    goal_progress_record(actor=None, goal=goal, on=timezone.localdate(), progress="achieved", note="Did it!")
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED
    with pytest.raises(ValidationError, match="This goal is achieved"):
        goal_progress_record(actor=None, goal=goal, on=timezone.localdate(), progress="good", note="More.")


def test_an_achievement_in_the_future_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        achievement_record(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            area="activity",
            what="",
            on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {"what", "on"}
