from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "hearth.incidents"
    label = "incidents"
