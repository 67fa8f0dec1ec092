"""Who is calling, and the API's token authentication: tokens stored hashed (django-rest-knox) that expire, and an
address that keeps sending wrong tokens is refused for a while."""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(request) -> str:
    """The caller's address, for login throttling, the wrong-token counter and the request log.

    REMOTE_ADDR, unless the request came from one of TRUSTED_PROXY_IPS: then X-Forwarded-For is read from the right
    (each proxy appends the address it saw) past the trusted proxies, and the first address that is not one of them
    is the caller's. A client that reaches an app server directly is never a trusted proxy, so what it writes in
    X-Forwarded-For is ignored; a proxy's own view of its client cannot be forged either, as it is the rightmost."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_proxy_networks(tuple(settings.TRUSTED_PROXY_IPS))
    if not networks or not _within(remote, networks):
        return remote
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for hop in reversed(hops):
        if not _within(hop, networks):
            return hop if _address(hop) is not None else remote  # a proxy that wrote something else is the caller
    return hops[0] if hops else remote


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _within(text: str, networks: tuple[IPNetwork, ...]) -> bool:
    address = _address(text)
    return address is not None and any(address in network for network in networks)


@functools.lru_cache(maxsize=8)
def trusted_proxy_networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    """TRUSTED_PROXY_IPS as networks (settings.py has refused a wrong entry at start)."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


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
