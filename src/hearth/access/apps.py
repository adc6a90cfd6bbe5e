from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hearth.access"
    label = "access"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hearth.access import checks  # noqa: F401
        from hearth.access.middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="hearth-session-started")
