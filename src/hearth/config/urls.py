from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("hearth.core.urls")),
    path("accounts/", include("hearth.access.urls")),
    path("", include("hearth.access.home_urls")),
    path("", include("hearth.homes.urls")),
    path("", include("hearth.children.urls")),
    path("", include("hearth.risk.urls")),
    path("", include("hearth.admissions.urls")),
    path("", include("hearth.staff.urls")),
    path("", include("hearth.records.urls")),
    path("", include("hearth.incidents.urls")),
    path("", include("hearth.visitors.urls")),
    path("", include("hearth.shift.urls")),
    path("", include("hearth.search.urls")),
    path("", include("hearth.medicines.urls")),
    path("", include("hearth.keywork.urls")),
    path("", include("hearth.education.urls")),
    path("", include("hearth.health.urls")),
    path("", include("hearth.family.urls")),
    path("", include("hearth.oversight.urls")),
    path("", include("hearth.inspections.urls")),
    path("", include("hearth.notifications.urls")),
    path("admin/", admin.site.urls),
]
