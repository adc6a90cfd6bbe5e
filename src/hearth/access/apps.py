from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hearth.access"
    label = "access"

    def ready(self) -> None:
        from hearth.access import checks  # noqa: F401
