"""The tracker's routes with the single sign-on's, as strategy_tracker.urls has them where OIDC is configured."""

from django.urls import include, path

from strategy_tracker.urls import handler400, handler403, handler404, handler500  # noqa: F401
from strategy_tracker.urls import urlpatterns as tracker

urlpatterns = [*tracker, path("oidc/", include("mozilla_django_oidc.urls"))]
