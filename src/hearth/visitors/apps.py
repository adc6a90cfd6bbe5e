from django.apps import AppConfig


class VisitorsConfig(AppConfig):
    name = "hearth.visitors"
    label = "visitors"
