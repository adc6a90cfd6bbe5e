from django.apps import AppConfig


class AllegationsConfig(AppConfig):
    name = "hearth.allegations"
    label = "allegations"
    verbose_name = "Allegations against staff (Regulation 34)"
