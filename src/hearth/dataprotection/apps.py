from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "hearth.dataprotection"
    label = "dataprotection"
    verbose_name = "Subject access requests and keeping records (UK GDPR; Regulations 36 and 37)"
