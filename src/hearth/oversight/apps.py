from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "hearth.oversight"
    label = "oversight"
