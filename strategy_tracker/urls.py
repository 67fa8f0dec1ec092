from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView

from dashboard.views import TrackerLoginView
from indicators import views
from indicators.codes import CodeConverter
from strategy_tracker.views import favicon, healthz

register_converter(CodeConverter, "code")

urlpatterns = [
    path("", views.home, name="home"),
    path("indicators/<code:code>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<code:code>/proposals/new/", views.target_proposal_new, name="target_proposal_new"),
    path("proposals/<int:pk>/decide/", views.target_proposal_decide, name="target_proposal_decide"),
    path("", include("reporting.urls")),
    path("", include("plans.urls")),
    path("", include("reports.urls")),
    path("", include("dashboard.urls")),
    path("", include("publication.urls")),
    path("", include("notifications.urls")),
    path("", include("targets.urls")),
    path("", include("search.urls")),
    path("", include("places.urls")),
    path("accounts/login/", TrackerLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("reporting.api_urls")),
    path("api/v1/", include("indicators.api_urls")),
    path("api/v1/", include("plans.api_urls")),
    path("api/v1/", include("reports.api_urls")),
    path("api/v1/", include("targets.api_urls")),
    path("api/v1/", include("places.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
]

if settings.OIDC_ENABLED:
    # The single sign-on's start and its return (mozilla-django-oidc), only where it is configured.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "strategy_tracker.views.bad_request_answer"
handler403 = "strategy_tracker.views.forbidden"
handler404 = "strategy_tracker.views.not_found"
handler500 = "strategy_tracker.views.server_failure"
