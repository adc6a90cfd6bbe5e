from django.urls import path

from hearth.access import people_views, views

app_name = "access"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("invitation/<str:token>/", people_views.accept_invitation, name="invitation"),
]
