from django.urls import path

from hearth.inspections import views

app_name = "inspections"
H = "homes/<uuid:home_id>/"
urlpatterns = [
    path(H + "inspections/", views.inspection_list, name="list"),
    path(H + "inspections/import/", views.inspection_upload, name="upload"),
    path(H + "inspections/import/confirm/", views.inspection_confirm, name="confirm"),
    path(H + "inspections/<uuid:inspection_id>/", views.inspection_detail, name="detail"),
]
