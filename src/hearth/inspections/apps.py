from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "hearth.inspections"
    label = "inspections"
    verbose_name = "Ofsted inspections"
