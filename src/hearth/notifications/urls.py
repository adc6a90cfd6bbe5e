from django.urls import path

from hearth.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/email/", views.mail_settings, name="mail"),
]
