from django.urls import path

from hearth.health import views

app_name = "health"
CHILD = "homes/<uuid:home_id>/children/<uuid:child_id>/health/"
urlpatterns = [
    path(CHILD, views.child_page, name="child"),
    path(f"{CHILD}registration/", views.registration_new, name="registration_new"),
    path(f"{CHILD}condition/", views.condition_new, name="condition_new"),
    path(f"{CHILD}parental-responsibility/", views.consent_holder_new, name="consent_holder_new"),
    path(f"{CHILD}assessment/", views.assessment_new, name="assessment_new"),
    path(f"{CHILD}appointment/", views.appointment_new, name="appointment_new"),
    path(f"{CHILD}appointment/<uuid:appointment_id>/", views.appointment_outcome, name="appointment_outcome"),
    path(f"{CHILD}service/", views.service_new, name="service_new"),
    path(f"{CHILD}accident/", views.accident_new, name="accident_new"),
]
