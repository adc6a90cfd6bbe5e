"""A home's people pages: who has a role there, invitations, roles, ending access, second factors."""

from django.urls import path

from hearth.access import people_views, views

app_name = "people"
P = "homes/<uuid:home_id>/people/"
urlpatterns = [
    path(P, people_views.people_list, name="list"),
    path(P + "invite/", people_views.invite, name="invite"),
    path(P + "invitations/<uuid:invitation_id>/withdraw/", people_views.invitation_withdraw, name="withdraw"),
    path(P + "<uuid:membership_id>/role/", people_views.change_role, name="role"),
    path(P + "<uuid:membership_id>/end/", people_views.end_access, name="end"),
    path(P + "<uuid:membership_id>/second-factor/reset/", people_views.second_factor_reset, name="reset"),
    path("homes/<uuid:home_id>/people/set-up-codes/", views.set_up_codes, name="set_up_codes"),
    path(
        "homes/<uuid:home_id>/people/<uuid:membership_id>/set-up-code/",
        views.set_up_code_issue,
        name="set_up_code_issue",
    ),
]
