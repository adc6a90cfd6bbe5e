from django.urls import path

from hearth.children import views

app_name = "children"
urlpatterns = [
    path("homes/<uuid:home_id>/children/<uuid:child_id>/", views.child_detail, name="detail"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/history/", views.child_history, name="history"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/consent/", views.consent_record, name="consent"),
    path(
        "homes/<uuid:home_id>/children/<uuid:child_id>/consent/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "homes/<uuid:home_id>/children/<uuid:child_id>/placement-plan/", views.placement_plan_new, name="placement_plan"
    ),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/details/", views.child_edit, name="edit"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/photo/", views.photo, name="photo"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/photo/new/", views.photo_new, name="photo_new"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/leaving/", views.placement_ending, name="leaving"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/move/", views.placement_move_view, name="move"),
]
