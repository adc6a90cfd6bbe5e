from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "hearth.control"
    label = "control"
    verbose_name = "Measures of control, discipline and restriction (Regulations 19 and 20)"
