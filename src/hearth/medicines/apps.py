from django.apps import AppConfig


class MedicinesConfig(AppConfig):
    name = "hearth.medicines"
    label = "medicines"
    verbose_name = "Medicines: prescriptions and the medication administration record"
