from django.urls import path

from hearth.access.tests.test_policies import _undeclared_view

urlpatterns = [path("leaky/", _undeclared_view, name="leaky")]
