from django.apps import AppConfig


class HomesConfig(AppConfig):
    name = "hearth.homes"
    label = "homes"
