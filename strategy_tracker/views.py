import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import bad_request, page_not_found, permission_denied, server_error
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from strategy_tracker import health

FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """The icon browsers ask for at /favicon.ico whatever the page links to (base.html links the SVG one)."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


@never_cache
@require_GET
def healthz(request):
    """For the load balancer and the operator: 200 when the database answers within HEALTHZ_TIMEOUT seconds, 503
    otherwise. Anonymous, answered whatever the Host (strategy_tracker.middleware.HealthCheckMiddleware), and says
    nothing else. A failure is logged once when the state changes (strategy_tracker.health), not per probe."""
    ok, _why = health.probe()
    if ok:
        return JsonResponse({"status": "ok", "database": "ok"})
    response = JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return logged_here(response)


def logged_here(response: HttpResponse) -> HttpResponse:
    """Django writes an ERROR line for every 5xx answer unless the answer says it was logged (its own flag): a
    database outage is logged once per change of state instead (strategy_tracker.health)."""
    setattr(response, "_has_been_logged", True)  # noqa: B010
    return response


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json_error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def bad_request_answer(request, exception):
    """A malformed request (a disallowed Host, a body over the limit): JSON under /api/, the page elsewhere."""
    if is_api(request):
        return _json_error(str(ValidationError.default_detail), 400)
    return bad_request(request, exception)


def forbidden(request, exception):
    if is_api(request):
        return _json_error(str(PermissionDenied.default_detail), 403)
    return permission_denied(request, exception)


def not_found(request, exception):
    """A path that matches no route: JSON under /api/ (as the API's own 404s, and as its schema says), the
    tracker's page elsewhere."""
    if is_api(request):
        return _json_error(str(NotFound.default_detail), 404)
    return page_not_found(request, exception)


def server_failure(request):
    """Any exception no view answered (Django calls this inside its handler, so the exception is sys.exc_info()).

    A database that cannot be reached or did not answer in time: 503 with Retry-After, logged once per change of
    state (strategy_tracker.health) rather than a traceback per request. Anything else: 500, logged by Django with
    its traceback. JSON under /api/ whatever the client's Accept, the tracker's page elsewhere."""
    exc = sys.exc_info()[1]
    if health.is_outage(exc):
        health.state.unreachable(error=f"{type(exc).__name__}: {exc}".strip(), source=request.path)
        detail = _("The database is not answering: nothing was saved. Try again in a few seconds.")
        if is_api(request):
            response: HttpResponse = _json_error(detail, 503)
        else:
            response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(settings.DB_RETRY_AFTER)
        return logged_here(response)
    if is_api(request):
        detail = _("A server error occurred: nothing was saved. Try again later or tell an administrator.")
        return _json_error(detail, 500)
    return server_error(request)
