from django.urls import path

from hearth.staff import views

app_name = "staff"
MEMBER = "homes/<uuid:home_id>/staff/<uuid:staff_id>"
urlpatterns = [
    path("homes/<uuid:home_id>/staff/", views.staff_list, name="list"),
    path("homes/<uuid:home_id>/staff/new/", views.staff_new, name="new"),
    path("homes/<uuid:home_id>/staff/import/", views.csv_import, name="import"),
    path(f"{MEMBER}/", views.staff_detail, name="detail"),
    path(f"{MEMBER}/history/", views.staff_history, name="history"),
    path(f"{MEMBER}/checks/<slug:kind>/", views.vetting_record, name="vetting_record"),
    path(f"{MEMBER}/checks/withdraw/<uuid:check_id>/", views.vetting_withdraw, name="vetting_withdraw"),
    path(f"{MEMBER}/dbs-update-check/", views.dbs_update_check, name="dbs_update"),
    path(f"{MEMBER}/exception/", views.vetting_exception, name="exception"),
    path(f"{MEMBER}/qualifications/new/", views.qualification_new, name="qualification_new"),
    path(
        f"{MEMBER}/qualifications/<uuid:qualification_id>/achieved/",
        views.qualification_achieved,
        name="qualification_achieved",
    ),
    path(f"{MEMBER}/qualifications/defer/", views.deferral_new, name="deferral_new"),
    path(f"{MEMBER}/training/new/", views.training_new, name="training_new"),
    path(f"{MEMBER}/training/<uuid:completion_id>/certificate/", views.training_certificate, name="certificate"),
    path(f"{MEMBER}/supervision/new/", views.supervision_new, name="supervision_new"),
    path("homes/<uuid:home_id>/training/", views.training_matrix, name="matrix"),
    path("homes/<uuid:home_id>/rota/", views.rota, name="rota"),
    path("homes/<uuid:home_id>/rota/new/", views.shift_new, name="shift_new"),
    path("homes/<uuid:home_id>/rota/<uuid:shift_id>/cancel/", views.shift_cancel, name="shift_cancel"),
    path("providers/<uuid:provider_id>/training/", views.catalogue, name="catalogue"),
    path("providers/<uuid:provider_id>/training/start/", views.catalogue_start, name="catalogue_start"),
    path("providers/<uuid:provider_id>/training/new/", views.course_new, name="course_new"),
    path("providers/<uuid:provider_id>/training/<slug:code>/", views.course_edit, name="course_edit"),
]
