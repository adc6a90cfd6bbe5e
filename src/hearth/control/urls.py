from django.urls import path

from hearth.control import views

app_name = "control"
HOME = "homes/<uuid:home_id>/control/"
urlpatterns = [
    path(HOME, views.measure_list, name="list"),
    path(f"{HOME}new/", views.measure_new, name="new"),
    path(f"{HOME}<uuid:measure_id>/", views.measure_detail, name="detail"),
    path(f"{HOME}<uuid:measure_id>/child-view/", views.child_view, name="child_view"),
    path(f"{HOME}<uuid:measure_id>/review/", views.review, name="review"),
]
