"""Headers on every response that may hold a child's or staff member's records."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Nothing a signed-in person is shown is kept by the browser or a proxy: the back button on a
    shared tablet after signing out, or a cache on the way, must not show a child's record. Static
    files (the same for everyone) are left to their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True)
        return response
