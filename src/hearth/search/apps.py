from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "hearth.search"
    label = "search"
    verbose_name = "Searching a home's records"

    def ready(self) -> None:
        from hearth.search.indexes import install

        def installed(sender: Any, using: str = "default", **kwargs: Any) -> None:
            install(using)

        # After every migrate (and the test runner's table creation without migrations): the
        # full-text indexes are the database's own kind, so they are made here, not in a model.
        post_migrate.connect(installed, sender=self, dispatch_uid="hearth.search.install", weak=False)
