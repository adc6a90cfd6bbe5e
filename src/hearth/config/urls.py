from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("hearth.core.urls")),
    path("accounts/", include("hearth.access.urls")),
    path("", include("hearth.homes.urls")),
    path("", include("hearth.children.urls")),
    path("", include("hearth.staff.urls")),
    path("admin/", admin.site.urls),
]
