"""Answers kept in a server's memory: made once for what they are made from, read back after."""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar, cast

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def _key(made_from: object) -> str:
    """A digest of the active language and `made_from`, pickled: pickle's bytes are read back as the value they were
    made from, so two different values never share a key, and a large key (a list's every task as stored) pickles
    in a third of the time its repr takes. Two equal values whose objects are shared differently may pickle apart:
    that costs a part made again, never a wrong one. What pickle refuses is keyed by its repr."""
    inputs = (get_language(), made_from)
    try:
        payload = b"pickle:" + pickle.dumps(inputs, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        payload = b"repr:" + repr(inputs).encode()
    return hashlib.sha256(payload).hexdigest()


def stored_fields(model: type[Model]) -> list[str]:
    """The names of a model's stored columns (`values_list` reads them): what a part made from its rows as stored
    reads of it (`rows_as_stored`)."""
    return [field.attname for field in model._meta.concrete_fields]


def as_it_is(instance: Model) -> list:
    """Every stored field's value of a model instance: what a kept part is made from when it shows the instance,
    so that any change of it (a rename, by a save or a bulk update) gives another part."""
    return [field.value_from_object(instance) for field in instance._meta.concrete_fields]


class _MadeNow:
    """What a kept part given `MADE_NOW` is made from: nothing kept, the part made for this request alone (a page
    showing one request's input, such as a form sent back with its errors)."""

    def __repr__(self) -> str:
        return "MADE_NOW"


MADE_NOW = _MadeNow()


# A query's SQL and parameters as Django compiles them for the default database, by (its vendor, name, parameters),
# the latest COMPILED_KEPT: `rows_as_stored`.
_COMPILED: OrderedDict[tuple, tuple[str, Any]] = OrderedDict()
COMPILED_KEPT = 512


def rows_as_stored(name: str, params: tuple, queryset: Callable[[], QuerySet]) -> tuple[tuple, ...]:
    """The rows of `queryset()` (a `values_list`) as the default database returns them: what a kept part is made
    from when it is made from the data it shows. Its SQL is compiled by Django once for `name` and `params` (the
    values the query is made with, which must decide it: the first SQL compiled for them is the one run) and run as
    it is, its rows left without Django's conversions (a date stays the text or the value the driver gives):
    building the SQL of a small query costs more than running it."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(*_compiled(name, params, queryset))
        return tuple(tuple(row) for row in cursor.fetchall())


def _compiled(name: str, params: tuple, queryset: Callable[[], QuerySet]) -> tuple[str, Any]:
    """`queryset()`'s SQL and parameters, compiled by Django once for the default database, `name` and `params`."""
    key = (connections[DEFAULT_DB_ALIAS].vendor, name, params)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = queryset().query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
        _COMPILED[key] = compiled
        while len(_COMPILED) > COMPILED_KEPT:
            _COMPILED.popitem(last=False)
    return compiled


M = TypeVar("M", bound=Model)


def instances_compiled_once(model: type[M], name: str, params: tuple, queryset: Callable[[], QuerySet[M]]) -> list[M]:
    """The instances of `model` that `queryset()` (of that model, selecting its own columns only: no
    select_related, no annotation) reads from the default database, its SQL compiled by Django once for `name` and
    `params` as `rows_as_stored` does, and read through `Model.objects.raw`, which converts each column as its field
    does: a page's small lookups (a unit by its slug, its submission for a quarter) cost a fifth of what building
    their SQL again costs."""
    return list(model._default_manager.raw(*_compiled(name, params, queryset)))


def kept(cache: str, made_from: object, make: Callable[[], T], still: Callable[[], bool] | None = None) -> T:
    """What `make()` returns in the active language, made once per server for `made_from` and read back from the
    `cache` (a cache of settings.CACHES) after. `made_from` must change whenever the answer would, so that a kept
    answer is never stale: the inputs themselves, or counters that every change raises. A digest of them
    pickled is the key (`_key`).
    `still()`, when given, is asked after `make()`: the answer is kept only if what it is made from has not changed
    meanwhile (a write committed between reading `made_from` and making the answer would have it kept under a key
    that a change undone brings back)."""
    key = _key(made_from)
    store = caches[cache]
    answer = store.get(key)
    if answer is None:
        answer = make()
        if still is None or still():
            store.set(key, answer)
    return answer


class AsStored:
    """What a kept part is made from when it is data as stored (`rows_as_stored`), which a change undone brings
    back: `read()` now, and read again once the part is made, which is kept only if it reads the same (so that a
    write committed meanwhile never has newer data kept under the older key). `{% kept %}` reads it so."""

    do_not_call_in_templates = True  # a template hands it to {% kept %} as it is

    def __init__(self, read: Callable[[], object]) -> None:
        self.read = read
        self.value = read()

    def unchanged(self) -> bool:
        return self.read() == self.value

    def __repr__(self) -> str:
        return f"AsStored({self.value!r})"


class PartNotMade(RuntimeError):
    """An error while making a kept part's data (`lazily`)."""


def lazily(make: Callable[[], T]) -> T:
    """`make()`'s answer, made when first read: a kept part's data, read only when the part is made. An error in
    `make` is raised as `PartNotMade`: a template would take an AttributeError or a TypeError from a lazy object for
    a missing variable, render the part empty and keep it."""

    def made() -> T:
        try:
            return make()
        except Exception as exc:
            raise PartNotMade(f"{getattr(make, '__qualname__', make)}: {exc!r}") from exc

    return cast(T, SimpleLazyObject(made))


def kept_many(cache: str, made_from: Mapping[K, object], make: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """`kept` for many answers at once: {name: what its answer is made from} → {name: answer}, those not kept made
    by one call of `make(names)` and kept (a name `make` leaves out has no answer). Each is kept under the key
    `kept` gives it, so both read each other's."""
    keys = {name: _key(inputs) for name, inputs in made_from.items()}
    store = caches[cache]
    found = store.get_many(list(keys.values()))
    answers = {name: found[key] for name, key in keys.items() if found.get(key) is not None}
    missing = [name for name in made_from if name not in answers]
    if missing:
        made = make(missing)
        store.set_many({keys[name]: made[name] for name in missing if name in made})
        answers.update((name, made[name]) for name in missing if name in made)
    return answers
