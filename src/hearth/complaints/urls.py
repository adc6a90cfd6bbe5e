from django.urls import path

from hearth.complaints import views

app_name = "complaints"
HOME = "homes/<uuid:home_id>/complaints/"
urlpatterns = [
    path(HOME, views.complaint_list, name="list"),
    path(f"{HOME}new/", views.complaint_new, name="new"),
    path(f"{HOME}<uuid:complaint_id>/", views.complaint_detail, name="detail"),
    path(f"{HOME}<uuid:complaint_id>/investigator/", views.investigator, name="investigator"),
    path(f"{HOME}<uuid:complaint_id>/response/", views.response, name="response"),
]
