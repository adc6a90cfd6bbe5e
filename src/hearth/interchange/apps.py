from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "hearth.interchange"
    label = "interchange"
