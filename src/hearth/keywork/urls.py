from django.urls import path

from hearth.keywork import views

app_name = "keywork"
CHILD = "homes/<uuid:home_id>/children/<uuid:child_id>/key-work/"
urlpatterns = [
    path(CHILD, views.child_page, name="child"),
    path(f"{CHILD}plan/", views.plan, name="plan"),
    path(f"{CHILD}record/", views.record, name="record"),
    path(f"{CHILD}goals/new/", views.goal_new, name="goal_new"),
    path(f"{CHILD}goals/<uuid:goal_id>/progress/", views.goal_progress, name="goal_progress"),
    path(f"{CHILD}achievements/new/", views.achievement_new, name="achievement_new"),
]
