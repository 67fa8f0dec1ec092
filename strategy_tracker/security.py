"""Who is calling, and the API's token authentication: tokens stored hashed (django-rest-knox) that expire, and an
address that keeps sending wrong tokens is refused for a while."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions


def client_ip(request) -> str:
    """The caller's address: REMOTE_ADDR, or, behind TRUSTED_PROXIES reverse proxies, the address the outermost
    of them saw (X-Forwarded-For read from the right, so a caller cannot forge it)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def axes_client_ip(request) -> str:
    return client_ip(request)


class TokenThrottled(exceptions.Throttled):
    default_detail = _("Too many wrong API tokens from this address: try again later.")


class ExpiringTokenAuthentication(TokenAuthentication):
    """knox's `Authorization: Token <key>`, with two changes.

    - Wrong tokens are counted per address (in the cache shared by every app server); past
      API_TOKEN_FAILURE_LIMIT within API_TOKEN_FAILURE_WINDOW seconds the address is answered 429. A right token is
      never slowed down: keys are 256 random bits, the throttle bounds the load of guessing, not the odds.
    - Only the presented token's expiry is checked (knox also scans the person's other tokens on every call,
      one more query per request); expired tokens are refused and deleted.
    """

    def authenticate(self, request):
        key = f"api-token-failures:{client_ip(request)}"
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            cache.add(key, 0, timeout=settings.API_TOKEN_FAILURE_WINDOW)
            try:
                failures = cache.incr(key)
            except ValueError:  # expired between add and incr
                failures = 1
            if failures > settings.API_TOKEN_FAILURE_LIMIT:
                raise TokenThrottled(wait=settings.API_TOKEN_FAILURE_WINDOW) from None
            raise

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """The schema's description of `Authorization: Token <key>`."""

    target_class = ExpiringTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
