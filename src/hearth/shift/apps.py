from django.apps import AppConfig


class ShiftConfig(AppConfig):
    name = "hearth.shift"
    label = "shift"
    verbose_name = "The shift: its landing page and handover"
