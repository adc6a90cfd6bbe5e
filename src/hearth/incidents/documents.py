"""A Regulation 40 notification as the document sent to Ofsted, the placing authority and others:
the home, the event, the children, what was done and who has been told (Reg 40(4)), laid out by
``core/documents.py``."""

from django.utils import timezone

from hearth.core.documents import Document, Section, Table
from hearth.incidents.models import Incident
from hearth.incidents.notifications import required_recipients
from hearth.incidents.selectors import notification_deadline, recipient_labels


def notification_document(incident: Incident) -> Document:
    home = incident.home
    occurred = timezone.localtime(incident.occurred_at)
    due = timezone.localtime(notification_deadline(incident))
    sent = list(incident.notifications.all())
    children = [ic for ic in incident.involved_children.all()]
    required = recipient_labels(
        sorted(required_recipients(type=incident.type, severity=incident.severity, risk_domains=incident.risk_domains))
    )
    return Document(
        title=f"Regulation 40 notification: {incident.get_type_display().lower()}",
        caption=f"{home.name} (URN {home.urn}), {home.address}. Registered provider: {home.provider.name}.",
        footer=f"Regulation 40 notification, {home.name}, {occurred:%-d %B %Y}",
        sections=[
            Section(
                "The event",
                rows=[
                    ("What happened", incident.what_happened),
                    ("When", f"{occurred:%-d %B %Y at %H:%M}"),
                    ("Where", incident.location or "Not recorded"),
                    ("Seriousness", incident.get_severity_display()),
                    (
                        "Children involved",
                        ", ".join(f"{ic.child} ({ic.get_role_display().lower()})" for ic in children) or "None named",
                    ),
                    ("What the home did", incident.action_taken),
                    (
                        "Recorded by",
                        f"{incident.reported_by_name}, {timezone.localtime(incident.recorded_at):%-d %B %Y at %H:%M}",
                    ),
                ],
            ),
            Section(
                "Who must be told, and who has been",
                rows=[
                    ("Must be notified", ", ".join(required) or "No one named by Regulation 40"),
                    ("Due by", f"{due:%-d %B %Y at %H:%M}"),
                ],
                table=Table(
                    ["Notified", "When", "How", "Reference"],
                    [
                        [
                            n.get_recipient_display(),
                            f"{timezone.localtime(n.sent_at):%-d %b %Y, %H:%M}",
                            n.method,
                            n.reference,
                        ]
                        for n in sent
                    ],
                    [0, 3.4, 3.6, 3],
                )
                if sent
                else None,
            ),
        ],
    )
