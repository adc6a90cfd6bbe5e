from django.urls import path

from hearth.shift import views

app_name = "shift"
urlpatterns = [
    path("homes/<uuid:home_id>/shift/", views.shift_page, name="page"),
    path("homes/<uuid:home_id>/shift/handover/", views.handover_new, name="handover_new"),
    path(
        "homes/<uuid:home_id>/shift/handover/<uuid:handover_id>/acknowledge/",
        views.handover_acknowledge,
        name="handover_acknowledge",
    ),
]
