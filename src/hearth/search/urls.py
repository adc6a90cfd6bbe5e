from django.urls import path

from hearth.search import views

app_name = "search"
urlpatterns = [path("homes/<uuid:home_id>/search/", views.search, name="home")]
