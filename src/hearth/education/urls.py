from django.urls import path

from hearth.education import views

app_name = "education"
CHILD = "homes/<uuid:home_id>/children/<uuid:child_id>/education/"
urlpatterns = [
    path(CHILD, views.child_page, name="child"),
    path(f"{CHILD}provision/", views.provision_new, name="provision_new"),
    path(f"{CHILD}pep/", views.pep_new, name="pep_new"),
    path(f"{CHILD}attendance/", views.attendance_new, name="attendance_new"),
    path(f"{CHILD}exclusion/", views.exclusion_new, name="exclusion_new"),
    path(f"{CHILD}action/", views.action_new, name="action_new"),
]
