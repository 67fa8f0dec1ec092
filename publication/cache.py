"""The public pages' cache: each page is kept in Django's cache under a key that changes whenever a release is
published, rejected or withdrawn, so a withdrawn figure is gone from the next answer, in every process.

The key costs one query (the data versions of the releases and the reference data), so a cached public page costs
one query whatever the number of figures, and a change made by another process or path (another gunicorn worker,
the admin, a data migration, SQL typed by hand) is seen at once.
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation

from strategy_tracker import clock
from strategy_tracker.versions import data_version

TIMEOUT = 60 * 60


def generation() -> str:
    """What a public page depends on besides the request: the releases and the reference data (their versions,
    raised by the database with every change, whatever path made it: `strategy_tracker.versions`), and today (the
    flag is judged as of today). One query."""
    return f"{data_version('releases', 'reference')}.{clock.today().isoformat()}"


# Each server keeps its own copy (settings.CACHES["public"], in memory): the key changes with every change of a
# release or of the reference data, and every day, so a server never serves a page another one has withdrawn, and a
# cached page costs the query of its key.
CACHE = "public"


def public_cached(view):
    """Serve the view's answer from the cache while no release changed; only successful answers are kept."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key = f"publication:{generation()}:{translation.get_language()}:{request.path}"
        cached = caches[CACHE].get(key)
        if cached is not None:
            content, content_type, headers = cached
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {k: v for k, v in response.items() if k in ("Content-Disposition",)}
            caches[CACHE].set(key, (response.content, response["Content-Type"], headers), TIMEOUT)
        return response

    return wrapped
