from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "hearth.notices"
    label = "notices"
    verbose_name = "Notices about the home to Ofsted (Regulations 46 to 49)"
