from django.urls import path

from hearth.notices import views

app_name = "notices"
HOME = "homes/<uuid:home_id>/notices/"
urlpatterns = [
    path(HOME, views.notice_list, name="list"),
    path(f"{HOME}new/", views.notice_new, name="new"),
    path(f"{HOME}<uuid:notice_id>/sent/", views.notice_sent, name="sent"),
    path(f"{HOME}<uuid:notice_id>/return/", views.manager_return, name="manager_return"),
]
