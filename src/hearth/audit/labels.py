"""Audit events in plain English: ``reg45_review.started`` is "Regulation 45 review started".

An event's action is a stable code (``<record>.<what happened>``) kept for searching the audit
trail; people read these words instead. A code not listed here still reads as words.
"""

RECORDS = {
    "action": "Action",
    "admission": "Admission",
    "case_record_consent": "Consent to read the case record",
    "child": "Child's details",
    "course": "Training course",
    "dbs_update_check": "DBS update service check",
    "handover": "Shift handover",
    "home": "Home",
    "impact_assessment": "Impact risk assessment",
    "impact_section": "Impact risk assessment section",
    "incident": "Incident",
    "inspection": "Ofsted inspection report",
    "invitation": "Invitation to Hearth",
    "location_assessment": "Location risk assessment",
    "log_entry": "Log entry",
    "membership": "Role at the home",
    "missing_episode": "Missing episode",
    "notification": "Regulation 40 notification",
    "outing": "Outing or contact",
    "physical_intervention": "Physical intervention",
    "placement": "Placement",
    "placement_plan": "Placement plan",
    "provider": "Provider",
    "qualification": "Qualification",
    "referral": "Referral",
    "reg44_visit": "Regulation 44 visit report",
    "reg45_review": "Regulation 45 review",
    "risk_assessment": "Risk assessment",
    "risk_item": "Risk assessment item",
    "shift": "Shift on the rota",
    "staff_member": "Staff record",
    "statement_of_purpose": "Statement of purpose",
    "training": "Training",
    "vetting_check": "Safer recruitment check",
    "vetting_exception": "Vetting exception",
    "visit": "Visit",
    "visitor": "Visitor",
}
WHAT_HAPPENED = {
    "acknowledged": "acknowledged",
    "action_added": "action added",
    "added": "added",
    "addendum_added": "addendum added",
    "admitted": "admitted",
    "achieved": "achieved",
    "approved": "approved",
    "assigned": "assigned",
    "cancelled": "cancelled",
    "changed": "changed",
    "child_spoken": "child spoken to",
    "completed": "completed",
    "created": "recorded",
    "dbs_recorded": "DBS check recorded",
    "deferred": "deferred",
    "distributed": "sent out",
    "ended": "ended",
    "granted": "given",
    "imported": "imported",
    "moved": "made on a move from another of the provider's homes",
    "photo_recorded": "photograph recorded",
    "overridden": "overridden by the responsible individual",
    "recorded": "recorded",
    "registered_manager_set": "registered manager named",
    "removed": "removed",
    "reopened": "reopened",
    "reviewed": "reviewed and signed",
    "risk_assessment_approved": "risk assessment approved",
    "sent": "sent",
    "signed": "signed off",
    "signed_out": "signed out",
    "started": "started",
    "submitted": "submitted",
    "updated": "changed",
    "voided": "voided as a duplicate",
    "withdrawn": "withdrawn",
    "written": "written",
}


def _words(code: str) -> str:
    return code.replace("_", " ")


def action_label(action: str) -> str:
    """The words for an audit event's action code."""
    record, _, happened = action.partition(".")
    noun = RECORDS.get(record, _words(record).capitalize())
    verb = WHAT_HAPPENED.get(happened, _words(happened))
    return f"{noun} {verb}".strip()
