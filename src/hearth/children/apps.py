from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "hearth.children"
    label = "children"
