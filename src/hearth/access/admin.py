"""Django admin for administrators: accounts, memberships, providers and homes only.

Children's case records are deliberately not in the admin: they are read through Hearth's own
pages, where every opening is logged and access follows the home (Reg 36 confidentiality).
The admin site itself demands a verified second factor (django-otp's OTPAdminSite).
"""

from django.contrib import admin
from django_otp.admin import OTPAdminSite
from simple_history.admin import SimpleHistoryAdmin

from hearth.access.models import Membership
from hearth.homes.models import Home, Provider

admin.site.__class__ = OTPAdminSite


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["user", "role", "home", "provider", "starts_on", "ends_on"]
    list_filter = ["role", "home", "provider"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user"]
    exclude = ["external_id", "created_by", "updated_by", "version"]


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["name"]
    exclude = ["external_id", "created_by", "updated_by", "version"]


@admin.register(Home)
class HomeAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["name", "urn", "provider", "capacity"]
    search_fields = ["name", "urn"]
    exclude = ["external_id", "created_by", "updated_by", "version", "registered_manager"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # records are never hard-deleted inside their retention period
