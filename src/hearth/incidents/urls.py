from django.urls import path

from hearth.incidents import views

app_name = "incidents"
H = "homes/<uuid:home_id>/"
urlpatterns = [
    path(H + "incidents/", views.incident_list, name="list"),
    path(H + "incidents/new/", views.incident_new, name="new"),
    path(H + "incidents/<uuid:incident_id>/", views.incident_detail, name="detail"),
    path(H + "incidents/<uuid:incident_id>/review/", views.incident_review, name="review"),
    path(H + "incidents/<uuid:incident_id>/addendum/", views.incident_addendum, name="addendum"),
    path(H + "incidents/<uuid:incident_id>/void/", views.incident_void, name="void"),
    path(H + "incidents/<uuid:incident_id>/notify/", views.notify, name="notify"),
    path(H + "incidents/<uuid:incident_id>/notification.pdf", views.notification_pdf, name="notification_pdf"),
    path(H + "incidents/<uuid:incident_id>/missing/", views.missing_update, name="missing_update"),
    path(H + "incidents/<uuid:incident_id>/missing/actions/", views.missing_action_add, name="missing_action"),
    path(H + "missing/new/", views.missing_new, name="missing_new"),
    path(H + "restraint/new/", views.restraint_new, name="restraint_new"),
    path(H + "restraint/<uuid:intervention_id>/sign/", views.restraint_sign, name="restraint_sign"),
    path(H + "restraint/<uuid:intervention_id>/child/", views.restraint_child, name="restraint_child"),
]
