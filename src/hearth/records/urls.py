from django.urls import path

from hearth.records import concern_views, views

app_name = "records"
urlpatterns = [
    path("homes/<uuid:home_id>/log/", views.log_list, name="log"),
    path("homes/<uuid:home_id>/log/new/", views.log_entry_new, name="log_new"),
    path("homes/<uuid:home_id>/log/check/", concern_views.entry_check, name="entry_check"),
    path("homes/<uuid:home_id>/log/<uuid:entry_id>/", views.log_entry_detail, name="entry"),
    path("homes/<uuid:home_id>/log/<uuid:entry_id>/addendum/", views.addendum_new, name="addendum"),
    path("homes/<uuid:home_id>/log/<uuid:entry_id>/concern/", views.concern_respond, name="concern"),
    path(
        "homes/<uuid:home_id>/log/<uuid:entry_id>/concern/incident/",
        concern_views.concern_incident,
        name="concern_incident",
    ),
    path("homes/<uuid:home_id>/log/<uuid:entry_id>/void/", views.log_entry_void, name="entry_void"),
    path("homes/<uuid:home_id>/outings/", views.outing_list, name="outings"),
    path("homes/<uuid:home_id>/outings/new/", views.outing_new, name="outing_new"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/chronology/", views.chronology, name="chronology"),
    path("homes/<uuid:home_id>/children/<uuid:child_id>/chronology.pdf", views.chronology_pdf, name="chronology_pdf"),
]
