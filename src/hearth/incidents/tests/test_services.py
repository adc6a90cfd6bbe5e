import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.conftest import World
from hearth.incidents.models import Incident
from hearth.incidents.notifications import required_recipients
from hearth.incidents.selectors import restraint_clocks
from hearth.incidents.services import (
    incident_create,
    incident_review,
    missing_action_add,
    missing_episode_create,
    missing_episode_update,
    notification_record,
    physical_intervention_child_spoken,
    physical_intervention_create,
    physical_intervention_sign,
)


def ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def make_incident(world: World, **overrides: object) -> Incident:
    fields = dict(
        actor=None,
        home=world.home_a,
        type="bullying",
        severity="medium",
        occurred_at=ago(5),
        what_happened="Took her sweets.",
        action_taken="Separated them.",
        children=[(world.child_a, "harmed")],
    )
    fields.update(overrides)
    return incident_create(**fields)  # type: ignore[arg-type]


def test_incident_with_children_roles_staff_and_domains(world: World) -> None:
    incident = make_incident(world, staff=[(world.staff_a, "witness")], risk_domains=["bullying_victim"])
    assert [(r.child, r.role) for r in incident.involved_children.all()] == [(world.child_a, "harmed")]
    assert incident.risk_domains == ["bullying_victim"]


def test_incident_errors_name_every_field(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        incident_create(
            actor=None,
            home=world.home_a,
            type="nonsense",
            severity="x",
            occurred_at=ago(1),
            what_happened="",
            action_taken="",
            children=[],
            risk_domains=["magic"],
        )
    assert set(exc.value.message_dict) == {
        "type",
        "severity",
        "what_happened",
        "action_taken",
        "children",
        "risk_domains",
    }
    assert not Incident.objects.exists()


def test_review_needs_a_comment_and_happens_once(world: World) -> None:
    incident = make_incident(world)
    with pytest.raises(ValidationError):
        incident_review(actor=world.users["registered_manager"], incident=incident, comment=" ")
    incident_review(actor=world.users["registered_manager"], incident=incident, comment="Spoke to both; plan updated.")
    with pytest.raises(ValidationError, match="already been reviewed"):
        incident_review(actor=world.users["registered_manager"], incident=incident, comment="again")


def test_missing_episode_through_return_and_interview(world: World) -> None:
    episode = missing_episode_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        whereabouts_known=False,
        last_seen_at=ago(30),
        last_seen_where="Bus station",
        circumstances="Left after an argument.",
        risk_level="high",
        action_taken="Called her.",
        police_informed_at=ago(29),
        police_reference="MP/123",
    )
    assert episode.incident.type == "missing" and episode.incident.severity == "high"
    missing_action_add(
        actor=None, episode=episode, at=ago(28), kind="taxi_firms", description="Asked three firms not to carry her."
    )
    with pytest.raises(ValidationError, match="condition on return"):
        missing_episode_update(actor=None, episode=episode, returned_at=ago(20))
    with pytest.raises(ValidationError, match="offered after the return"):
        missing_episode_update(
            actor=None,
            episode=episode,
            returned_at=ago(20),
            return_condition="Tired.",
            return_interview_offered_at=ago(25),
        )
    missing_episode_update(
        actor=None,
        episode=episode,
        returned_at=ago(20),
        return_condition="Tired, hungry, unhurt.",
        return_interview_offered_at=ago(10),
    )
    episode.refresh_from_db()
    assert episode.returned_at and episode.actions.count() == 1


def test_away_without_authorisation_is_its_own_type(world: World) -> None:
    episode = missing_episode_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        whereabouts_known=True,
        last_seen_at=ago(2),
        last_seen_where="Friend's house",
        circumstances="Stayed past curfew.",
        risk_level="low",
        action_taken="Phoned.",
    )
    assert episode.incident.type == "away"


def a_hold(world: World, hours_ago: int) -> Any:
    """A single-person hold by staff member A, recorded an hour after it happened."""
    return physical_intervention_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        occurred_at=ago(hours_ago),
        location="Hall",
        behaviour_before="Kicking the door.",
        steps_tried_first="Talked; offered space.",
        technique="Single-person hold",
        duration_minutes=2,
        staff_used=[world.staff_a],
        outcome="Calmed.",
        recorded_at=ago(hours_ago - 1),
    )


def test_physical_intervention_clocks(world: World) -> None:
    pi = a_hold(world, 50)
    now = timezone.now()
    assert [c.state for c in restraint_clocks(pi, now)] == ["done on time", "overdue", "due"]
    physical_intervention_sign(
        actor=world.users["registered_manager"], intervention=pi, comment="Spoke to Sam; hold was proportionate."
    )
    physical_intervention_child_spoken(
        actor=world.users["registered_manager"], intervention=pi, comment="She said it felt fair."
    )
    later = now + datetime.timedelta(minutes=1)
    assert [c.state for c in restraint_clocks(pi, later)] == [
        "done on time",
        "done late",
        "done on time",
    ]


def test_injuries_need_treatment(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        physical_intervention_create(
            actor=None,
            home=world.home_a,
            child=world.child_a,
            occurred_at=ago(1),
            location="",
            behaviour_before="",
            steps_tried_first="",
            technique="",
            duration_minutes=0,
            staff_used=[],
            outcome="",
            injuries="Graze to arm",
        )
    assert {
        "behaviour_before",
        "steps_tried_first",
        "technique",
        "staff_used",
        "duration_minutes",
        "outcome",
        "injury_treatment",
    } <= set(exc.value.message_dict)


def test_which_events_need_notification() -> None:
    assert required_recipients(type="exploitation", severity="medium", risk_domains=[]) == {
        "ofsted",
        "placing_authority",
        "police",
    }
    assert required_recipients(type="allegation", severity="low", risk_domains=[]) == {
        "ofsted",
        "placing_authority",
        "lado",
    }
    assert required_recipients(type="bullying", severity="medium", risk_domains=["cse"]) == {
        "ofsted",
        "placing_authority",
        "police",
    }
    assert required_recipients(type="damage", severity="low", risk_domains=[]) == frozenset()
    assert required_recipients(type="injury", severity="high", risk_domains=[]) == {"ofsted", "placing_authority"}


def test_notification_cannot_predate_the_incident(world: World) -> None:
    incident = make_incident(world, type="exploitation")
    with pytest.raises(ValidationError, match="before the incident"):
        notification_record(actor=None, incident=incident, recipient="ofsted", sent_at=ago(10))
    notification_record(actor=None, incident=incident, recipient="ofsted", sent_at=ago(1), reference="NOT-1")


def test_incident_addendum_leaves_the_record_unchanged(world: World) -> None:
    from hearth.incidents.services import incident_add_addendum

    incident = make_incident(world)
    incident_add_addendum(
        actor=world.users["senior"], incident=incident, reason="Wrong room", text="It happened in the kitchen."
    )
    incident.refresh_from_db()
    assert incident.what_happened == "Took her sweets." and incident.addenda.get().author_name
    with pytest.raises(ValidationError) as exc:
        incident_add_addendum(actor=None, incident=incident, reason="", text="")
    assert set(exc.value.message_dict) == {"reason", "text"}


def test_a_manager_who_used_the_restraint_cannot_sign_it_off(world: World, settings: Any) -> None:
    """Regulation 35(3)(b): the registered person hears from the staff involved; one of them signing
    would hear from themself. Refused whatever the provider's settings, and another manager signs."""
    manager = world.users["registered_manager"]
    world.staff_a.user = manager
    world.staff_a.save()
    pi = a_hold(world, 5)
    settings.HEARTH_SIGN_OFF_BY_ANOTHER = {}
    with pytest.raises(ValidationError, match="another manager hears from you"):
        physical_intervention_sign(actor=manager, intervention=pi, comment="It was fine.")
    pi.refresh_from_db()
    assert pi.staff_spoken_signed_at is None
    physical_intervention_sign(actor=world.users["deputy_manager"], intervention=pi, comment="Spoke to them.")
    assert pi.staff_spoken_signed_by == world.users["deputy_manager"]


def test_the_manager_who_recorded_an_incident_does_not_review_it_unless_the_provider_allows(
    world: World, settings: Any
) -> None:
    manager = world.users["registered_manager"]
    incident = make_incident(world, actor=manager)
    with pytest.raises(ValidationError, match="another manager reviews it"):
        incident_review(actor=manager, incident=incident, comment="Checked.")
    settings.HEARTH_SIGN_OFF_BY_ANOTHER = {"incident_review": False}
    incident.refresh_from_db()
    incident_review(actor=manager, incident=incident, comment="Checked.")
    assert incident.reviewed_by == manager


def test_one_notification_to_several_bodies_keeps_a_record_for_each(world: World) -> None:
    import datetime

    from django.utils import timezone

    from hearth.incidents.services import notifications_record
    from hearth.records.tests.factories import home_records

    incident = home_records(world.home_a, world.child_a, world.staff_a).missing.incident
    with pytest.raises(ValidationError) as exc:
        notifications_record(actor=None, incident=incident, recipients=[], sent_at=timezone.now())
    assert "recipients" in exc.value.message_dict
    made = notifications_record(
        actor=world.users["registered_manager"],
        incident=incident,
        recipients=["ofsted", "placing_authority", "ofsted"],
        sent_at=timezone.now() - datetime.timedelta(minutes=5),
        reference="ABC-1",
    )
    assert sorted(n.recipient for n in made) == ["ofsted", "placing_authority"]
    assert {n.reference for n in made} == {"ABC-1"}
