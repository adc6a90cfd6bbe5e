"""How many notifications the signed-in person has not read, for the menu ("Things to do (2 new)")."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from hearth.notifications.selectors import unread_count

    return {"hearth_unread": SimpleLazyObject(lambda: unread_count(user=user))}
