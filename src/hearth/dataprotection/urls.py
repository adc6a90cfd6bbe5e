from django.urls import path

from hearth.dataprotection import views

app_name = "dataprotection"
HOME = "homes/<uuid:home_id>/"
urlpatterns = [
    path(f"{HOME}record-requests/", views.request_list, name="requests"),
    path(f"{HOME}record-requests/new/", views.request_new, name="request_new"),
    path(f"{HOME}record-requests/<uuid:request_id>/extend/", views.request_extend, name="request_extend"),
    path(f"{HOME}record-requests/<uuid:request_id>/answer/", views.request_answer, name="request_answer"),
    path(f"{HOME}records-due/", views.records_due_list, name="records_due"),
    path(f"{HOME}records-due/<str:kind>/<uuid:record_id>/decide/", views.decide, name="decide"),
]
