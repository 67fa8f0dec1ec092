"""Lean cell rendering for django-tables2: its `signature(fn)` (which arguments a render method or an attribute
callable takes) calls `inspect.signature` for every cell, a fifth of the home page's time at national size. The
answer depends only on the function, so it is kept per function (and whether it is bound, which drops `self`)."""

from __future__ import annotations

import django_tables2.utils as tables2_utils

_original = tables2_utils.signature
_cache: dict[tuple[object, bool], tuple[tuple[str, ...], str | None]] = {}
_CACHE_LIMIT = 4096  # functions made on the fly (lambdas per request) never grow it without bound


def cached_signature(fn):
    function = getattr(fn, "__func__", fn)
    if not hasattr(function, "__code__"):  # partials and callable objects: as the library does it
        return _original(fn)
    key = (function, hasattr(fn, "__self__"))
    found = _cache.get(key)
    if found is None:
        found = _original(fn)
        if len(_cache) < _CACHE_LIMIT:
            _cache[key] = found
    return found


def install() -> None:
    tables2_utils.signature = cached_signature
