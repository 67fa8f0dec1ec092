import logging
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import empty

from strategy_tracker.security import client_ip
from strategy_tracker.views import healthz, is_api


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the person chose another language with the switcher (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most ministry computers run an
    English browser: the tracker must still open in Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class SignedInPagesMiddleware:
    """What a signed-in page must do on a shared ministry computer.

    - `Cache-Control: private, no-store`: no proxy or browser cache keeps a page of unpublished figures;
    - the session ends after a working day without activity (settings.SESSION_COOKIE_AGE): Django only sets the
      expiry when the session is saved, so the session is saved again when it was last touched more than
      SESSION_TOUCH_SECONDS ago (not on every request, which would cost every page a write).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            touch_session(request)
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


SESSION_TOUCHED = "_touched"


def touch_session(request) -> None:
    # Real time, not the tracker's clock: the session's own expiry is kept by Django in real time.
    now = int(time.time())
    if now - request.session.get(SESSION_TOUCHED, 0) >= settings.SESSION_TOUCH_SECONDS:
        request.session[SESSION_TOUCHED] = now


@receiver(user_logged_in)
def _touched_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_TOUCHED] = int(time.time())


request_log = logging.getLogger("strategy_tracker.requests")


class RequestLogMiddleware:
    """One line per request (JSON through settings.LOGGING): method, path, status, user, duration, address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        # The person only if the request already read them: reading them now would query a database that may
        # be the very thing that failed.
        user = getattr(request, "user", None)
        if getattr(user, "_wrapped", None) is empty:
            user = None
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "user": user.get_username() if user is not None and user.is_authenticated else None,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "ip": client_ip(request),
            },
        )
        return response


class HealthCheckMiddleware:
    """`/healthz` answered before anything else: whatever the Host (a probe by IP address is not in ALLOWED_HOSTS),
    without the session, and so with no query but the probe's own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)


class ApiAnswersMiddleware:
    """`Cache-Control: no-store` on every API answer, errors included (the error handlers answer JSON under /api/:
    strategy_tracker.views): no proxy or browser keeps an answer of unpublished figures or a stale error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_api(request):
            patch_cache_control(response, no_store=True)
        return response
