"""System check: every Hearth view must declare its access policy (deny by default)."""

from collections.abc import Iterator
from typing import Any

from django.core import checks
from django.urls import URLPattern, URLResolver, get_resolver


def iter_patterns(patterns: Any = None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    """Yield (route, qualified name, pattern) for every URL in the project."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from iter_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name or ''}", p


@checks.register(checks.Tags.security)
def check_views_declare_policy(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for route, name, pattern in iter_patterns():
        module = getattr(pattern.callback, "__module__", "")
        if module.startswith("hearth.") and not hasattr(pattern.callback, "hearth_policy"):
            errors.append(
                checks.Error(
                    f"View for {route!r} ({name}) declares no access policy.",
                    hint="Wrap it in a decorator from hearth.access.decorators.",
                    id="hearth.E001",
                )
            )
    return errors
