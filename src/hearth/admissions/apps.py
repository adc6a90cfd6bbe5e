from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "hearth.admissions"
    label = "admissions"
