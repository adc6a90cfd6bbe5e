from django.urls import path

from hearth.homes import setup_views, views

app_name = "homes"
urlpatterns = [
    path("homes/<uuid:home_id>/", views.home_detail, name="detail"),
    path("homes/<uuid:home_id>/history/", views.home_history, name="history"),
    path("providers/<uuid:provider_id>/", views.provider_detail, name="provider"),
    path("set-up/", setup_views.set_up, name="set_up"),
    path("providers/<uuid:provider_id>/homes/new/", setup_views.home_new, name="new"),
    path("homes/<uuid:home_id>/details/", setup_views.home_edit, name="edit"),
    path("homes/<uuid:home_id>/statement-of-purpose/new/", setup_views.sop_new, name="sop_new"),
    path("homes/<uuid:home_id>/location/new/", setup_views.location_new, name="location_new"),
]
