from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "hearth.education"
    label = "education"
    verbose_name = "Education: provision, Personal Education Plans and attendance"
