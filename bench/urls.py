"""The project's URLs, and each route's floor served as a page: for the benchmark's worker only (never the
project's URLconf, so no server has these routes).

A floor page answers the route's person through the same middleware as every page (their session and account
read, the locale, the security headers, the request log), fetches the route's figures with one hand-written SQL
query and joins them into HTML, CSV or JSON by string operations: what serving those figures costs at the least.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from strategy_tracker.urls import urlpatterns as project_urlpatterns

CONTENT_TYPES = {"html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8", "json": "application/json"}


def floor_page(request: HttpRequest, name: str, content: str, signed_in: int) -> HttpResponse:
    from bench.bench import FLOORS, _floor

    if name not in FLOORS or content not in CONTENT_TYPES:
        return HttpResponse(status=404)
    if signed_in and not request.user.is_authenticated:  # what every signed-in page checks first
        return HttpResponse(status=403)
    return HttpResponse(_floor(name, content)(), content_type=CONTENT_TYPES[content])


urlpatterns = [
    path("bench-floor/<slug:name>/<slug:content>/<int:signed_in>/", floor_page),
    *project_urlpatterns,
]
