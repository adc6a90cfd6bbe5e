from django.urls import path

from hearth.visitors import views

app_name = "visitors"
H = "homes/<uuid:home_id>/visitors/"
urlpatterns = [
    path(H, views.visitor_list, name="list"),
    path(H + "new/", views.visitor_new, name="new"),
    path(H + "<uuid:visitor_id>/", views.visitor_detail, name="detail"),
    path(H + "visits/<uuid:visit_id>/sign-out/", views.visit_sign_out, name="sign_out"),
    path(H + "<uuid:visitor_id>/visit/", views.visit_new, name="visit"),
    path(H + "<uuid:visitor_id>/dbs/", views.visitor_dbs, name="dbs"),
    path(H + "<uuid:visitor_id>/risk-assessment/", views.visitor_risk_assessment, name="risk_assessment"),
]
