from django.apps import AppConfig


class AnnexAConfig(AppConfig):
    name = "hearth.annexa"
    label = "annexa"
    verbose_name = "Ofsted's Annex A information"
