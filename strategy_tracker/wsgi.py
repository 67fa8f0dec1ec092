"""The WSGI entry (gunicorn strategy_tracker.wsgi). The settings read the configuration file and refuse to start
without what production needs (strategy_tracker.configuration): a worker that cannot load them fails to boot, and
gunicorn prints the one line that says why and stops.

Garbage collection: a worker holds about 165 000 objects once every view is imported, and Python's full collection
walks them all. It ran about once in 20 pages and took 80–190 ms (`gc.callbacks` around `bench/profile.py / leader
--after-write "goal 9.1"`): the slowest twentieth of the answers, the p95 of the load test. So the worker loads its
URLconf (every view and what it imports) at boot, then `gc.freeze()` sets what it holds apart from every collection,
and the youngest generation is collected every 10 000 new objects rather than 700 (a page makes tens of thousands).
A collection then walks what the requests made since, not the application."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

GEN0_THRESHOLD = 10_000

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  # every view imported now, before the freeze, not at the first request
gc.freeze()
gc.set_threshold(GEN0_THRESHOLD, *gc.get_threshold()[1:])
