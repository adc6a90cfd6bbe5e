from django.urls import path

from hearth.oversight import views

app_name = "oversight"
urlpatterns = [
    path("homes/<uuid:home_id>/review/", views.queue, name="queue"),
    path("homes/<uuid:home_id>/findings/", views.findings, name="findings"),
    path("homes/<uuid:home_id>/findings/mock-inspection/", views.mock_inspection_page, name="mock_inspection"),
    path("homes/<uuid:home_id>/review/log/<uuid:entry_id>/sign/", views.sign_log, name="sign_log"),
]
