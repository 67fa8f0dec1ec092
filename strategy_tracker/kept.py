"""Answers kept in a server's memory: made once for what they are made from, read back after."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.utils.translation import get_language

T = TypeVar("T")


def kept(cache: str, made_from: object, make: Callable[[], T]) -> T:
    """What `make()` returns in the active language, made once per server for `made_from` and read back from the
    `cache` (a cache of settings.CACHES) after. `made_from` must change whenever the answer would, so that a kept
    answer is never stale: the inputs themselves, or counters that every change raises. Its `repr` is the key."""
    key = hashlib.sha256(repr((get_language(), made_from)).encode()).hexdigest()
    store = caches[cache]
    answer = store.get(key)
    if answer is None:
        answer = make()
        store.set(key, answer)
    return answer
