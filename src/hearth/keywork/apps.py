from django.apps import AppConfig


class KeyworkConfig(AppConfig):
    name = "hearth.keywork"
    label = "keywork"
    verbose_name = "Key work, the child's goals and achievements"
