from django.urls import path

from hearth.homes import views

app_name = "homes"
urlpatterns = [
    path("homes/<uuid:home_id>/", views.home_detail, name="detail"),
    path("homes/<uuid:home_id>/history/", views.home_history, name="history"),
    path("providers/<uuid:provider_id>/", views.provider_detail, name="provider"),
]
