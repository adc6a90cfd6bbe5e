from django.urls import path

from hearth.staff import views

app_name = "staff"
urlpatterns = [path("homes/<uuid:home_id>/staff/<uuid:staff_id>/history/", views.staff_history, name="history")]
