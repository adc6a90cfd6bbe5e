from django.urls import path

from hearth.medicines import views

app_name = "medicines"
CHILD = "homes/<uuid:home_id>/children/<uuid:child_id>/medicines/"
urlpatterns = [
    path(CHILD, views.mar, name="mar"),
    path(f"{CHILD}new/", views.prescription_new, name="prescription_new"),
    path(f"{CHILD}consent/", views.remedy_consent_new, name="consent_new"),
    path(f"{CHILD}<uuid:prescription_id>/given/", views.dose_given, name="given"),
    path(f"{CHILD}<uuid:prescription_id>/dose/", views.dose_new, name="dose"),
    path(f"{CHILD}<uuid:prescription_id>/stock/", views.stock_new, name="stock"),
    path(f"{CHILD}<uuid:prescription_id>/stop/", views.prescription_stop, name="stop"),
]
