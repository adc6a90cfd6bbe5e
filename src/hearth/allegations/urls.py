from django.urls import path

from hearth.allegations import views

app_name = "allegations"
HOME = "homes/<uuid:home_id>/allegations/"
ONE = f"{HOME}<uuid:allegation_id>/"
urlpatterns = [
    path(HOME, views.allegation_list, name="list"),
    path(f"{HOME}new/", views.allegation_new, name="new"),
    path(ONE, views.allegation_detail, name="detail"),
    path(f"{ONE}lado/", views.lado, name="lado"),
    path(f"{ONE}meeting/", views.meeting, name="meeting"),
    path(f"{ONE}outcome/", views.outcome, name="outcome"),
    path(f"{ONE}readers/", views.reader_new, name="reader_new"),
    path(f"{ONE}readers/<uuid:reader_id>/withdraw/", views.reader_withdraw, name="reader_withdraw"),
]
