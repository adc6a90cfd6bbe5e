"""Annex A's lists, one ``Sheet`` each: the spreadsheet's sheets (``spreadsheet.py``) and the PDF's
tables (``documents.py``), built from the records ``selectors.annex_a`` read."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class Sheet:
    name: str  # the spreadsheet tab: 31 characters at most
    title: str
    columns: list[str]
    rows: list[list[Any]]  # strings, numbers, dates and times


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def sheets_of(
    *,
    until: datetime.date,
    resident: list[Any],
    admitted: list[Any],
    left: list[Any],
    interventions: list[Any],
    episodes: list[Any],
    risks: dict[int, list[Any]],
    names: dict[int, str],
    measures: list[Any],
    complaints: list[Any],
    allegations: list[Any],
    notifications: list[Any],
    notices: list[Any],
    staff: list[Any],
    outstanding: dict[int, list[str]],
    dbs: dict[int, datetime.date],
    visits: list[Any],
) -> list["Sheet"]:
    """One sheet per list, in the order an inspector reads them."""
    return [
        Sheet(
            "Children resident",
            f"Children living at the home on {until:%-d %B %Y}",
            ["Child", "Date of birth", "Age", "Admitted", "Emergency admission", "Legal status", "Placing authority"],
            [
                [
                    p.child.display_name,
                    p.child.date_of_birth,
                    p.child.age_on(until),
                    p.admitted_on,
                    "Yes" if p.emergency else "No",
                    p.child.get_legal_status_display(),
                    p.child.placing_authority,
                ]
                for p in resident
            ],
        ),
        Sheet(
            "Admissions",
            "Children admitted in the period",
            ["Child", "Admitted", "Emergency admission", "Placing authority"],
            [
                [p.child.display_name, p.admitted_on, "Yes" if p.emergency else "No", p.child.placing_authority]
                for p in admitted
            ],
        ),
        Sheet(
            "Leavers",
            "Children who left in the period",
            ["Child", "Admitted", "Left", "Planned", "Why", "Where they went"],
            [
                [
                    p.child.display_name,
                    p.admitted_on,
                    p.left_on,
                    "Yes" if p.ending_planned else "No",
                    p.get_leaving_reason_display(),
                    p.destination,
                ]
                for p in left
            ],
        ),
        Sheet(
            "Restraint",
            "Physical interventions (restraint) in the period",
            [
                "When",
                "Child",
                "Technique",
                "Minutes",
                "Staff",
                "Injuries",
                "Signed off (staff spoken to)",
                "Child spoken to",
            ],
            [
                [
                    _local(p.incident.occurred_at),
                    p.child.display_name,
                    p.technique,
                    p.duration_minutes,
                    ", ".join(s.full_name for s in p.staff_used.all()),
                    p.injuries or "None recorded",
                    _local(p.staff_spoken_signed_at) or "Not yet",
                    _local(p.child_spoken_at) or "Not yet",
                ]
                for p in interventions
            ],
        ),
        Sheet(
            "Missing and away",
            "Times children were missing or away without authorisation",
            ["Last seen", "Child", "Missing or away", "Risk", "Police told", "Returned", "Return interview offered"],
            [
                [
                    _local(e.last_seen_at),
                    e.child.display_name,
                    e.incident.get_type_display(),
                    e.get_risk_level_display(),
                    _local(e.police_informed_at) or "No",
                    _local(e.returned_at) or "Not returned",
                    _local(e.return_interview_offered_at) or "Not offered",
                ]
                for e in episodes
            ],
        ),
        Sheet(
            "Exploitation risk",
            f"Children resident on {until:%-d %B %Y} with a risk of sexual or criminal exploitation in their risk assessment",
            ["Child", "Risk", "Level", "The risk now"],
            [
                [names[child], item.get_domain_display(), item.get_level_display(), item.current_risk]
                for child, items in sorted(risks.items(), key=lambda kv: names[kv[0]])
                for item in items
            ],
        ),
        Sheet(
            "Sanctions and restrictions",
            "Consequences, sanctions and restrictions of liberty in the period",
            ["When", "Child", "Kind", "What was done", "Why", "Decided by", "Child's view", "Manager's review"],
            [
                [
                    _local(m.at),
                    m.child.display_name,
                    m.get_kind_display(),
                    m.measure,
                    m.reason,
                    m.decided_by_name,
                    m.child_view or "Not recorded",
                    _local(m.reviewed_at) or "Not reviewed",
                ]
                for m in measures
            ],
        ),
        Sheet(
            "Complaints",
            "Complaints received in the period",
            ["Received", "From", "Child", "About", "Response due", "Answered", "Outcome", "Complainant satisfied"],
            [
                [
                    c.received_on,
                    c.get_complainant_kind_display(),
                    c.child.display_name if c.child else "",
                    c.summary,
                    c.response_due,
                    c.responded_on or "Not yet",
                    c.get_outcome_display() or "",
                    c.get_satisfaction_display() or "",
                ]
                for c in complaints
            ],
        ),
        Sheet(
            "Allegations",
            "Allegations against staff received in the period",
            [
                "Received",
                "Member of staff",
                "Role",
                "Child",
                "Done at once",
                "Referred to the LADO",
                "Outcome",
                "DBS referral",
            ],
            [
                [
                    _local(a.received_at),
                    a.staff_member.full_name,
                    a.staff_member.get_role_display(),
                    a.child.display_name if a.child else "",
                    a.get_immediate_action_display(),
                    _local(a.lado_referred_at) or "Not referred",
                    a.get_outcome_display() or "Open",
                    a.get_dbs_referral_display() or "",
                ]
                for a in allegations
            ],
        ),
        Sheet(
            "Notifications",
            "Notifications of serious events sent in the period (Regulation 40)",
            ["Sent", "To", "About", "Event on", "Reference"],
            [
                [
                    _local(n.sent_at),
                    n.get_recipient_display(),
                    n.incident.get_type_display(),
                    _local(n.incident.occurred_at),
                    n.reference,
                ]
                for n in notifications
            ],
        ),
        Sheet(
            "Notices about the home",
            "Notices about the home (the manager's absence and return, changes of who runs it)",
            ["About", "From", "Due", "Sent", "Reference"],
            [[n.get_kind_display(), n.event_on, n.due_on, n.sent_on or "Not sent", n.sent_reference] for n in notices],
        ),
        Sheet(
            "Staff",
            "Staff employed at any time in the period",
            ["Name", "Role", "Started", "Left", "DBS certificate", "Checks outstanding"],
            [
                [
                    s.full_name,
                    s.get_role_display(),
                    s.start_date,
                    s.end_date or "",
                    dbs.get(s.pk, "None recorded"),
                    "; ".join(outstanding.get(s.pk, [])) or "None",
                ]
                for s in staff
            ],
        ),
        Sheet(
            "Regulation 44",
            "Regulation 44 visits in the period",
            ["Visited", "Visitor", "Announced", "Sent to Ofsted"],
            [
                [
                    v.visited_on,
                    v.visitor_name,
                    "Yes" if v.announced else "No",
                    next((d.sent_on for d in v.distribution.all() if d.recipient == "ofsted"), "Not recorded"),
                ]
                for v in visits
            ],
        ),
    ]
