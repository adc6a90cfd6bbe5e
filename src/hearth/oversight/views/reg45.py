"""Regulation 45: reviews of the quality of care, from the gathered draft to completed and sent."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.audit.selectors import audit_events_for, history_entries
from hearth.core.dates import add_months, today
from hearth.core.documents import document_pdf, pdf_response
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.oversight import forms, services
from hearth.oversight.documents import reg45_document
from hearth.oversight.models import Action, Reg45Review
from hearth.oversight.selectors.monitoring import reg45_reviews
from hearth.oversight.services.reg45 import VIEWS, standards_to_evaluate


def _review(home: Home, review_id: str) -> Reg45Review:
    review = Reg45Review.objects.filter(home=home, public_id=review_id).first()
    if review is None:
        raise Http404("No such review.")
    return review


def _detail_url(home: Home, review: Reg45Review) -> str:
    return reverse("oversight:reg45_detail", kwargs={"home_id": home.public_id, "review_id": review.public_id})


@home_view(policies.can_view_reg45_reviews)
def reg45_list(request: HttpRequest, home: Home) -> HttpResponse:
    reviews = list(reg45_reviews(home=home))
    completed = [r.completed_on for r in reviews if r.completed_on]
    next_due = add_months(completed[0], 6) if completed else None
    return render(
        request,
        "oversight/reg45_list.html",
        {
            "home": home,
            "reviews": reviews,
            "next_due": next_due,
            "as_of": today(),
            "can_write": policies.can_write_reg45_review(request.user, home),
        },
    )


@home_view(policies.can_write_reg45_review)
@require_http_methods(["GET", "POST"])
def reg45_new(request: HttpRequest, home: Home) -> HttpResponse:
    latest = reg45_reviews(home=home).first()
    start = latest.period_end + datetime.timedelta(days=1) if latest else add_months(today(), -6)
    return form_page(
        request,
        forms.Reg45StartForm(request.POST or None, initial={"period_start": start, "period_end": today()}),
        save=lambda data: services.reg45_review_start(actor=request.user, home=home, **data),
        success="Draft review started, with the period's figures and findings gathered in.",
        then=lambda review: _detail_url(home, review),
        creates=True,
        title="Start a review of the quality of care",
        intro=(
            "Hearth gathers the period's incidents, missing episodes, physical interventions, visits and actions, "
            "and the findings by quality standard. You write the evaluation and the views gathered."
        ),
        home=home,
        back_url=reverse("oversight:reg45_list", kwargs={"home_id": home.public_id}),
        submit="Start the draft",
    )


@home_view(policies.can_view_reg45_reviews)
def reg45_detail(request: HttpRequest, home: Home, review_id: str) -> HttpResponse:
    review = _review(home, review_id)
    standards = standards_to_evaluate(review)
    findings_by_standard = {s: [f for f in review.findings if f["standard"] == s] for s in standards}
    evaluated = [(s, review.evaluation.get(s, ""), findings_by_standard.get(s, [])) for s in standards]
    return render(
        request,
        "oversight/reg45_detail.html",
        {
            "home": home,
            "review": review,
            "evaluated": evaluated,
            "views": [(getattr(review, name), who) for name, who in VIEWS.items()],
            "actions": review.actions.select_related("owner").order_by("due_on"),
            "can_write": policies.can_write_reg45_review(request.user, home),
            "history": history_entries(records=[review]),
            "events": audit_events_for(records=[review]),
        },
    )


@home_view(policies.can_view_reg45_reviews)
def reg45_pdf(request: HttpRequest, home: Home, review_id: str) -> HttpResponse:
    """The review as the PDF sent to Ofsted (Reg 45(4))."""
    review = _review(home, review_id)
    name = f"regulation-45-{home.urn}-{review.period_end}.pdf"
    return pdf_response(document_pdf(reg45_document(review)), name)


@home_view(policies.can_write_reg45_review)
@require_http_methods(["GET", "POST"])
def reg45_edit(request: HttpRequest, home: Home, review_id: str) -> HttpResponse:
    review = _review(home, review_id)
    standards = standards_to_evaluate(review)
    initial = {name: getattr(review, name) for name in (*VIEWS, "summary")}
    initial.update({f"evaluation_{i}": review.evaluation.get(s, "") for i, s in enumerate(standards)})
    form = forms.Reg45ReviewForm(request.POST or None, initial=initial, standards=standards)
    return form_page(
        request,
        form,
        save=lambda _: services.reg45_review_update(actor=request.user, review=review, **form.service_fields()),
        version_of=review,
        success="Draft review saved.",
        then=_detail_url(home, review),
        creates=False,
        title="Write the review",
        caption=str(review),
        home=home,
        back_url=_detail_url(home, review),
        submit="Save draft",
    )


@home_view(policies.can_write_reg45_review)
@require_http_methods(["GET", "POST"])
def reg45_complete(request: HttpRequest, home: Home, review_id: str) -> HttpResponse:
    review = _review(home, review_id)
    return form_page(
        request,
        forms.Reg45CompleteForm(request.POST or None, initial={"completed_on": today()}),
        save=lambda data: services.reg45_review_complete(actor=request.user, review=review, **data),
        success="Review completed and signed. Send it to Ofsted within 28 days, and record when you do.",
        then=_detail_url(home, review),
        creates=False,
        title="Complete and sign the review",
        caption=str(review),
        submit="Complete",
        home=home,
        back_url=_detail_url(home, review),
    )


@home_view(policies.can_write_reg45_review)
@require_http_methods(["GET", "POST"])
def reg45_sent(request: HttpRequest, home: Home, review_id: str) -> HttpResponse:
    review = _review(home, review_id)
    return form_page(
        request,
        forms.Reg45SentForm(request.POST or None, initial={"sent_on": today()}),
        save=lambda data: services.reg45_review_mark_sent(actor=request.user, review=review, **data),
        success="Recorded as sent to Ofsted.",
        then=_detail_url(home, review),
        creates=False,
        title="Record that the review was sent to Ofsted",
        caption=str(review),
        home=home,
        back_url=_detail_url(home, review),
    )


@home_view(policies.can_write_reg45_review)
@require_http_methods(["GET", "POST"])
def reg45_action(request: HttpRequest, home: Home, review_id: str) -> HttpResponse:
    review = _review(home, review_id)
    form = forms.RecommendationForm(request.POST or None)
    form.fields["title"].label = "What the home will do"
    form.fields["due_on"].label = "Due date"
    form.fields["due_on"].help_text = ""
    return form_page(
        request,
        form,
        save=lambda data: services.action_create(
            actor=request.user,
            home=home,
            source=Action.Source.REG45,
            reg45_review=review,
            regulation="45(4)(b)",
            source_reference=str(review),
            **data,
        ),
        success="Action added to the review's improvement plan.",
        then=_detail_url(home, review),
        creates=True,
        title="Add an improvement action",
        caption=str(review),
        home=home,
        back_url=_detail_url(home, review),
    )
