"""The Regulation 44 report and the Regulation 45 review as the documents sent to Ofsted and the
placing authorities (Reg 44(5)-(7); Reg 45(4)), laid out by ``core/documents.py``."""

from typing import Any

from hearth.core.documents import Document, Section, Table
from hearth.oversight.models import Reg44Visit, Reg45Review
from hearth.oversight.services.reg45 import VIEWS, standards_to_evaluate


def _names(people: Any, attr: str = "display_name") -> str:
    return ", ".join(getattr(p, attr) for p in people) or "None"


def reg44_document(visit: Reg44Visit) -> Document:
    home = visit.home
    state = (
        f"Submitted by {visit.submitted_by_name} on {visit.submitted_at:%-d %B %Y}."
        if visit.submitted_at
        else "A draft: not yet submitted."
    )
    recommendations = list(visit.recommendations.select_related("owner").order_by("due_on"))
    return Document(
        title=f"Regulation 44 independent person's report: visit of {visit.visited_on:%-d %B %Y}",
        caption=f"{home.name} (URN {home.urn}). {state}",
        footer=f"Regulation 44 report, {home.name}, visit of {visit.visited_on:%-d %B %Y}",
        sections=[
            Section(
                "The visit",
                rows=[
                    ("Independent person", visit.visitor_name),
                    ("Date", f"{visit.visited_on:%-d %B %Y}, {'announced' if visit.announced else 'unannounced'}"),
                    ("Children spoken to", _names(visit.children_spoken_to.all())),
                    ("Staff spoken to", _names(visit.staff_spoken_to.all(), "full_name")),
                    ("Others spoken to", visit.others_spoken_to or "None"),
                    ("Records sampled", visit.records_sampled),
                    ("Premises", visit.premises or "Not reported"),
                ],
            ),
            Section(
                "The independent person's opinion (Regulation 44(4))",
                rows=[
                    (
                        "Are children effectively safeguarded?",
                        f"{visit.get_safeguarding_opinion_display()}. {visit.safeguarding_reasons}",
                    ),
                    (
                        "Does the home promote their well-being?",
                        f"{visit.get_wellbeing_opinion_display()}. {visit.wellbeing_reasons}",
                    ),
                    ("Conflict of interest", visit.conflict_of_interest or "None declared"),
                ],
            ),
            Section(
                "Recommendations",
                table=Table(
                    ["Recommendation", "Owner", "Due"],
                    [
                        [r.title, r.owner.full_name if r.owner else "Not assigned", f"{r.due_on:%-d %b %Y}"]
                        for r in recommendations
                    ],
                    [0, 4, 2.6],
                )
                if recommendations
                else None,
                empty="None.",
            ),
        ],
    )


def reg45_document(review: Reg45Review) -> Document:
    home = review.home
    figures = review.figures or {}
    standards = standards_to_evaluate(review)
    state = (
        f"Completed and signed by {review.completed_by_name} on {review.completed_on:%-d %B %Y}."
        if review.completed_on
        else "A draft: not yet completed."
    )
    incidents = ", ".join(f"{i['label']} {i['count']}" for i in figures.get("incidents", []))
    actions = list(review.actions.select_related("owner").order_by("due_on"))
    return Document(
        title=f"Regulation 45 review of the quality of care, {review.period_start:%-d %B %Y} to {review.period_end:%-d %B %Y}",
        caption=f"{home.name} (URN {home.urn}). {state}",
        footer=f"Regulation 45 review, {home.name}, to {review.period_end:%-d %B %Y}",
        sections=[
            Section(
                "The period in figures",
                rows=[
                    ("Incidents", f"{figures.get('incidents_total', 0)}{': ' + incidents if incidents else ''}"),
                    (
                        "Missing episodes",
                        f"{figures.get('missing', 0)} missing, {figures.get('away', 0)} away without authorisation",
                    ),
                    ("Physical interventions", str(figures.get("physical_interventions", 0))),
                    ("Complaints", str(figures.get("complaints", 0))),
                    (
                        "Admissions and departures",
                        f"{figures.get('admissions', 0)} admitted, {figures.get('departures', 0)} left",
                    ),
                    ("Regulation 44 visits", f"{figures.get('reg44_visits', 0)} reported"),
                    (
                        "Actions",
                        f"{figures.get('actions_opened', 0)} opened, {figures.get('actions_completed', 0)} completed, "
                        f"{figures.get('actions_overdue', 0)} overdue at the end",
                    ),
                ],
            ),
            Section(
                "Evaluation by quality standard",
                rows=[(s, review.evaluation.get(s, "") or "Not evaluated.") for s in standards],
            ),
            Section(
                "Views gathered",
                rows=[(f"Views of {who}", getattr(review, name) or "Not reported.") for name, who in VIEWS.items()],
            ),
            Section("Summary and improvement", paragraphs=[review.summary or "Not written yet."]),
            Section(
                "Improvement actions",
                table=Table(
                    ["Action", "Owner", "Due", "Status"],
                    [
                        [
                            a.title,
                            a.owner.full_name if a.owner else "Not assigned",
                            f"{a.due_on:%-d %b %Y}",
                            a.get_status_display(),
                        ]
                        for a in actions
                    ],
                    [0, 3.6, 2.4, 2.4],
                )
                if actions
                else None,
                empty="None.",
            ),
        ],
    )
