"""A home's people pages (the set-up codes for managers' second factors)."""

from django.urls import path

from hearth.access import views

app_name = "people"
urlpatterns = [
    path("homes/<uuid:home_id>/people/set-up-codes/", views.set_up_codes, name="set_up_codes"),
    path(
        "homes/<uuid:home_id>/people/<uuid:membership_id>/set-up-code/",
        views.set_up_code_issue,
        name="set_up_code_issue",
    ),
]
