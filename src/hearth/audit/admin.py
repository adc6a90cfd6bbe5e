"""Administrators read the security events (refusals, wrong codes, second factors set up, removed
or given set-up codes) in the administration pages; nobody may change or delete one."""

from typing import Any

from django.contrib import admin

from hearth.audit.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "kind", "user", "about", "path", "status", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["user__username", "about", "path"]
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
