"""What the app's django-tables2 tables share: render methods whose arguments are read once per table.

django-tables2 passes a `render_FOO` method only the arguments it declares (`value`, `record`, `column`, …), and
reads which those are with `inspect.signature` for every cell. A bound method's signature is made anew at each
read, from its function's and without its first argument: on the reviewers' overview (9 columns × every unit) that
was nearly half the page's time (docs/performance.md). A method decorated with `@cell` is bound to its table as a
callable that carries its signature (`__signature__`, which `inspect.signature` returns as it is): django-tables2
passes it the same arguments, read in a fraction of the time. Nothing of django-tables2 is changed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import django_tables2 as tables


class cell:  # noqa: N801  # a decorator, named as one
    """`@cell` on a table's render method: the method, bound to its table with its signature read once."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function
        parameters = list(inspect.signature(function).parameters.values())[1:]  # without the table itself
        self.signature = inspect.Signature(parameters)
        self.__doc__ = function.__doc__

    def __get__(self, table: object | None, owner: type | None = None) -> Any:
        if table is None:
            return self
        return _Bound(self.function, table, self.signature)


class _Bound:
    """A render method bound to its table, with the signature it declares."""

    __slots__ = ("__signature__", "function", "table")

    def __init__(self, function: Callable[..., Any], table: object, signature: inspect.Signature) -> None:
        self.function, self.table, self.__signature__ = function, table, signature

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.function(self.table, *args, **kwargs)


class CellColumn(tables.Column):
    """django-tables2's `Column`, its own render method (a cell's value as it is, where the table has no
    `render_FOO`) read once per table too."""

    render = cell(tables.Column.render)
