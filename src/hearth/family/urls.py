from django.urls import path

from hearth.family import views

app_name = "family"
CHILD = "homes/<uuid:home_id>/children/<uuid:child_id>/family/"
urlpatterns = [
    path(CHILD, views.child_page, name="child"),
    path(f"{CHILD}plan/", views.plan_new, name="plan_new"),
    path(f"{CHILD}plan/<uuid:plan_id>/time/", views.time_new, name="time_new"),
    path(f"{CHILD}time/<uuid:time_id>/", views.time_outcome, name="time_outcome"),
    path(f"{CHILD}money/", views.money_new, name="money_new"),
    path(f"{CHILD}money/count/", views.count_new, name="count_new"),
]
