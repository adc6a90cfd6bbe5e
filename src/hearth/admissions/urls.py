from django.urls import path

from hearth.admissions import views

app_name = "admissions"
base = "homes/<uuid:home_id>/referrals/"
urlpatterns = [
    path(base, views.referral_list, name="list"),
    path(f"{base}new/", views.referral_new, name="new"),
    path(f"{base}<uuid:referral_id>/", views.referral_detail, name="detail"),
    path(f"{base}<uuid:referral_id>/impact/start/", views.impact_start, name="impact_start"),
    path(f"{base}<uuid:referral_id>/impact/", views.impact_edit, name="impact_edit"),
    path(f"{base}<uuid:referral_id>/impact/residents/<uuid:section_id>/", views.section_edit, name="section_edit"),
    path(f"{base}<uuid:referral_id>/impact/approve/", views.impact_approve, name="impact_approve"),
    path(f"{base}<uuid:referral_id>/admit/", views.referral_admit, name="admit"),
    path(f"{base}<uuid:referral_id>/withdraw/", views.referral_withdraw, name="withdraw"),
]
