from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "hearth.bench"
    label = "bench"
    verbose_name = "Synthetic providers and the benchmark"
