"""Django admin for administrators: accounts, memberships, providers and homes only.

Children's case records are deliberately not in the admin: they are read through Hearth's own
pages, where every opening is logged and access follows the home (Reg 36 confidentiality).
The admin site itself demands a verified second factor (django-otp's OTPAdminSite).
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from hearth.access.models import Membership
from hearth.access.services import membership_changed_by_administrator, second_factor_removed, set_up_code_issue
from hearth.homes.models import Home, Provider

admin.site.__class__ = OTPAdminSite

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class SecondFactorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Who has a second factor, never its secret key: an administrator may remove a lost one (the
    person then enrols again), with an audit event, but cannot read or copy it."""

    list_display = ["user", "name", "confirmed"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user", "name", "confirmed"]
    search_fields = ["user__username"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: Any, obj: TOTPDevice) -> None:
        second_factor_removed(actor=request.user, device=obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for device in queryset:
            second_factor_removed(actor=request.user, device=device)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class HearthUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Django's own account pages, with one action: give a person a second-factor set-up code."""

    actions = ["give_set_up_codes"]

    @admin.action(description="Give a second-factor set-up code (shown once)")
    def give_set_up_codes(self, request: Any, queryset: Any) -> HttpResponse:
        issued, refused = [], []
        for user in queryset:
            try:
                issued.append((user, set_up_code_issue(actor=request.user, user=user)))
            except ValidationError as error:
                refused.extend(error.messages)
        context = {
            **self.admin_site.each_context(request),
            "title": "Set-up codes",
            "issued": issued,
            "refused": refused,
        }
        return TemplateResponse(request, "admin/access/set_up_codes_issued.html", context)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["user", "role", "home", "provider", "starts_on", "ends_on"]
    list_filter = ["role", "home", "provider"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user"]
    exclude = ["external_id", "created_by", "updated_by", "version"]

    def save_model(self, request: Any, obj: Membership, form: Any, change: bool) -> None:
        membership_changed_by_administrator(
            actor=request.user, membership=obj, created=not change, changed_fields=form.changed_data
        )

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # end a membership (ends_on), so who could see what stays on record


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
