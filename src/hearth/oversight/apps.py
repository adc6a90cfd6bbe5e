from django.apps import AppConfig
from django.db.models.signals import post_save


class OversightConfig(AppConfig):
    name = "hearth.oversight"
    label = "oversight"

    def ready(self) -> None:
        from hearth.audit.models import AuditEvent
        from hearth.oversight.scheduling import audit_event_saved

        # Every save at a home asks for its findings to be worked out again (scheduling.py).
        post_save.connect(audit_event_saved, sender=AuditEvent, dispatch_uid="oversight.audit_event_saved")
