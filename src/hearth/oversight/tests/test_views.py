"""Actions, Regulation 44 and Regulation 45 through their pages: forms keep what was typed and say
what is wrong; records are signed and then fixed."""

import datetime
import html
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.oversight.models import Action, Reg44Distribution, Reg44Visit, Reg45Review
from hearth.oversight.services.reg45 import standards_to_evaluate

TODAY = timezone.localdate()


def url(name: str, world: World, **kw: Any) -> str:
    return reverse(f"oversight:{name}", kwargs={"home_id": world.home_a.public_id, **kw})


def test_a_finding_becomes_an_action_from_the_findings_page(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    page = manager.get(url("findings", world)).content.decode()
    found = re.search(r'href="([^"]+)">Add an action<span', page)
    assert found is not None
    link = html.unescape(found.group(1))
    query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
    form = manager.get(link).content.decode()
    assert query["finding_code"] in form  # carried in a hidden field
    response = manager.post(
        link,
        {**query, "source": "finding", "owner": world.staff_a.pk, "due_on": query["due"], "title": query["title"]},
    )
    action = Action.objects.get(finding_code=query["finding_code"], finding_subject=query["finding_subject"])
    assert response.status_code == 302 and action.owner == world.staff_a
    page = manager.get(url("findings", world)).content.decode()
    assert f"{world.staff_a.full_name}, due" in page  # the finding now shows who owns it


def test_completing_without_evidence_keeps_the_date_and_says_what_is_missing(world: World, client_for: Any) -> None:
    action = Action.objects.create(home=world.home_a, source="ofsted_requirement", title="Fix the fence", due_on=TODAY)
    manager = client_for("deputy_manager")
    page = manager.post(
        url("action_complete", world, action_id=action.public_id), {"completed_on": TODAY.isoformat(), "evidence": ""}
    )
    assert page.status_code == 200 and "Fill in “Evidence of completion”." in page.content.decode()
    done = manager.post(
        url("action_complete", world, action_id=action.public_id),
        {"completed_on": TODAY.isoformat(), "evidence": "New fence, invoice 1142.", "expected_version": action.version},
    )
    assert done.status_code == 302
    detail = manager.get(url("action_detail", world, action_id=action.public_id)).content.decode()
    assert (
        "New fence, invoice 1142." in detail
        and "Reopen" in detail
        and "Action completed" in detail
        and "action.completed" not in detail
    )


def test_the_visitor_writes_submits_and_the_manager_logs_the_copies(world: World, client_for: Any) -> None:
    visitor = client_for("reg44_visitor")
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = visitor.post(
        url("reg44_new", world),
        {"visited_on": yesterday, "children": [world.child_a.pk], "records_sampled": "The log."},
    )
    visit = Reg44Visit.objects.get(home=world.home_a)
    assert response.status_code == 302 and list(visit.children_spoken_to.all()) == [world.child_a]
    visitor.post(
        url("reg44_recommendation", world, visit_id=visit.public_id),
        {"title": "Record where children go on outings", "due_on": (TODAY + datetime.timedelta(days=14)).isoformat()},
    )
    refused = visitor.post(url("reg44_submit", world, visit_id=visit.public_id), follow=True).content.decode()
    assert "cannot be submitted yet" in refused and "reasons for the safeguarding opinion" in refused
    visitor.post(
        url("reg44_edit", world, visit_id=visit.public_id),
        {
            "expected_version": Reg44Visit.objects.get(pk=visit.pk).version,  # as the form was opened
            "visited_on": yesterday,
            "records_sampled": "The log.",
            "safeguarding_opinion": "not_effective",
            "safeguarding_reasons": "Outing addresses are not checked.",
            "wellbeing_opinion": "promotes",
            "wellbeing_reasons": "Children are in school.",
        },
    )
    visitor.post(url("reg44_submit", world, visit_id=visit.public_id))
    visit.refresh_from_db()
    assert visit.submitted and not visit.children_spoken_to.exists()  # the edit cleared the child
    assert visitor.get(url("reg44_edit", world, visit_id=visit.public_id)).status_code == 302  # signed: fixed
    manager = client_for("registered_manager")
    detail = manager.get(url("reg44_detail", world, visit_id=visit.public_id)).content.decode()
    assert "No copy to Ofsted is logged yet" in detail and "Record where children go on outings" in detail
    manager.post(
        url("reg44_distribution", world, visit_id=visit.public_id),
        {"recipient": "ofsted", "sent_on": TODAY.isoformat()},
    )
    assert Reg44Distribution.objects.filter(visit=visit, recipient="ofsted").exists()
    months = manager.get(url("reg44_list", world)).content.decode()
    assert "Not effective" in months


def test_the_manager_starts_writes_completes_and_sends_a_review(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    start = (TODAY - datetime.timedelta(days=182)).isoformat()
    end = (TODAY - datetime.timedelta(days=1)).isoformat()
    manager.post(url("reg45_new", world), {"period_start": start, "period_end": end})
    review = Reg45Review.objects.get(home=world.home_a)
    detail = url("reg45_detail", world, review_id=review.public_id)
    assert "The period in figures" in manager.get(detail).content.decode()
    refused = manager.post(
        url("reg45_complete", world, review_id=review.public_id), {"completed_on": TODAY.isoformat()}
    )
    assert "Report the views of the children" in refused.content.decode()
    standards = standards_to_evaluate(review)
    manager.post(
        url("reg45_edit", world, review_id=review.public_id),
        {
            "expected_version": Reg45Review.objects.get(pk=review.pk).version,  # as the form was opened
            **{f"evaluation_{i}": f"Evaluated {s}" for i, s in enumerate(standards)},
            "views_of_children": "Survey.",
            "views_of_parents": "Letters.",
            "views_of_placing_authorities": "Calls.",
            "views_of_staff": "Meeting.",
            "summary": "We will improve recording.",
        },
    )
    manager.post(url("reg45_complete", world, review_id=review.public_id), {"completed_on": TODAY.isoformat()})
    manager.post(url("reg45_sent", world, review_id=review.public_id), {"sent_on": TODAY.isoformat()})
    review.refresh_from_db()
    assert review.completed_on == TODAY and review.sent_to_ofsted_on == TODAY
    assert review.evaluation[standards[0]] == f"Evaluated {standards[0]}"
    listing = manager.get(url("reg45_list", world)).content.decode()
    assert "The next review is due by" in listing


def test_a_review_cannot_be_sent_before_it_is_completed_and_the_page_says_so(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    manager.post(url("reg45_new", world), {"period_start": "2026-05-01", "period_end": "2026-10-31"})
    review = Reg45Review.objects.get(home=world.home_a)
    page = manager.post(url("reg45_sent", world, review_id=review.public_id), {"sent_on": TODAY.isoformat()})
    assert page.status_code == 200 and "Complete the review before sending it." in page.content.decode()
    review.refresh_from_db()
    assert review.sent_to_ofsted_on is None
