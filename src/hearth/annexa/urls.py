from django.urls import path

from hearth.annexa import views

app_name = "annexa"
HOME = "homes/<uuid:home_id>/annex-a/"
urlpatterns = [
    path(HOME, views.annex_a_page, name="page"),
    path(f"{HOME}spreadsheet/", views.annex_a_spreadsheet, name="spreadsheet"),
    path(f"{HOME}summary.pdf", views.annex_a_pdf, name="pdf"),
]
