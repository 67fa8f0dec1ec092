"""How an app server's worker sets up Python's garbage collector, once its application is loaded.

A worker holds about 165 000 objects once every view is imported, and Python's full collection walks them all. It
ran about once in 20 pages and took 80–190 ms (`gc.callbacks` around `bench/profile.py / leader --after-write
"goal 9.1"`): the slowest twentieth of the answers, the p95 of the load test. So the worker loads its URLconf (every
view and what it imports), then `gc.freeze()` sets what it holds apart from every collection, and the youngest
generation is collected every 10 000 new objects rather than 700 (a page makes tens of thousands). A collection
then walks what the requests made since, not the application. The WSGI entry does it at boot; the page benchmark
does it too, so that it times pages as a worker serves them."""

import gc

from django.urls import get_resolver

GEN0_THRESHOLD = 10_000


def settle() -> None:
    get_resolver().url_patterns  # noqa: B018  # every view imported now, before the freeze, not at the first request
    gc.freeze()
    gc.set_threshold(GEN0_THRESHOLD, *gc.get_threshold()[1:])
