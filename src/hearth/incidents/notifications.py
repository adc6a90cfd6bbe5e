"""Which incidents need a Regulation 40 notification, and to whom.

Reg 40 names: child sexual exploitation (involved, subject to, or suspected); a police-involved
incident the registered person judges serious; an allegation of abuse against the home or its
staff; a child-protection enquiry; the death of a child; and any other incident the registered
person judges serious. Local procedures add the placing authority, police and LADO as relevant
persons and expect notification within 24 hours (domain.md section 4). A high severity is this
system's record of "judged serious".
"""

from hearth.incidents.models import Incident

R = Incident  # brevity below
OFSTED_AND_AUTHORITY = frozenset({"ofsted", "placing_authority"})


def required_recipients(*, type: str, severity: str, risk_domains: list[str]) -> frozenset[str]:
    """Who must be notified about an incident of this type, severity and risk domains."""
    needed: set[str] = set()
    if type == R.Type.EXPLOITATION or "cse" in risk_domains:
        needed |= {"ofsted", "placing_authority", "police"}
    if type == R.Type.ALLEGATION:
        needed |= {"ofsted", "placing_authority", "lado"}
    if type == R.Type.POLICE and severity == R.Severity.HIGH:
        needed |= OFSTED_AND_AUTHORITY
    if severity == R.Severity.HIGH:
        needed |= OFSTED_AND_AUTHORITY
    return frozenset(needed)


def outstanding_recipients(incident: Incident, sent: set[str]) -> list[str]:
    """Recipients still to be notified, in a fixed order."""
    needed = required_recipients(type=incident.type, severity=incident.severity, risk_domains=incident.risk_domains)
    order = ["ofsted", "placing_authority", "police", "lado", "host_authority"]
    return [r for r in order if r in needed and r not in sent]
