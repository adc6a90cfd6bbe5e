from django.urls import path

from hearth.risk import views

app_name = "risk"
base = "homes/<uuid:home_id>/children/<uuid:child_id>/risk/"
urlpatterns = [
    path(base, views.risk_overview, name="overview"),
    path(f"{base}start/", views.risk_start, name="start"),
    path(f"{base}print/", views.risk_print, name="print"),
    path(f"{base}history/", views.risk_history, name="history"),
    path(f"{base}v<int:number>/", views.risk_version, name="version"),
    path(f"{base}v<int:number>/summary/", views.risk_summary_edit, name="summary"),
    path(f"{base}v<int:number>/items/new/", views.risk_item_new, name="item_new"),
    path(f"{base}v<int:number>/items/<slug:domain>/", views.risk_item_edit, name="item_edit"),
    path(f"{base}v<int:number>/items/<slug:domain>/remove/", views.risk_item_remove, name="item_remove"),
    path(f"{base}v<int:number>/check/", views.risk_check, name="check"),
    path(f"{base}v<int:number>/approve/", views.risk_approve, name="approve"),
]
