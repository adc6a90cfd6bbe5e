from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "hearth.health"
    label = "health"
    verbose_name = "Health: registrations, assessments, appointments, services and accidents"
