from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "hearth.family"
    label = "family"
    verbose_name = "Family time and the child's money"
