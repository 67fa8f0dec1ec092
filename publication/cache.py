"""The public pages' cache: each page is kept in Django's cache under a key that changes whenever a release is
published, rejected or withdrawn, so a withdrawn figure is gone from the next answer, in every process.

The key costs one query (the latest entry of the releases' history: every step of the workflow writes one), so
a cached public page costs one query whatever the number of figures, and a change made by another process
(another gunicorn worker, whatever the cache backend) is seen at once.
"""

from __future__ import annotations

from functools import cache, wraps

from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.utils import translation

from indicators.models import Target
from publication.models import Release
from strategy_tracker import clock

TIMEOUT = 60 * 60


@cache
def _latest_history_sql() -> str:
    """The latest history row of the releases and of the targets, in one query (its SQL made once per server)."""
    quote = connection.ops.quote_name
    tables = [Release.history.model._meta.db_table, Target.history.model._meta.db_table]
    return "SELECT " + ", ".join(f"(SELECT MAX({quote('history_id')}) FROM {quote(table)})" for table in tables)


def generation() -> str:
    """What a public page depends on besides the request: the releases and the targets (both with history, so the
    latest history row moves with every change), and today (the flag is judged as of today). One query."""
    with connection.cursor() as cursor:
        cursor.execute(_latest_history_sql())
        releases, targets = cursor.fetchone()
    return f"{releases or 0}.{targets or 0}.{clock.today().isoformat()}"


# Each server keeps its own copy (settings.CACHES["public"], in memory): the key changes with every release, target
# change and day, so a server never serves a page another one has withdrawn, and a cached page costs the queries of
# its key.
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
