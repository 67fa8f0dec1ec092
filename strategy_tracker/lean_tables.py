"""Tables rendered lean.

For django-tables2's tables: its `signature(fn)` (which arguments a render method or an attribute callable takes)
calls `inspect.signature` for every cell, a fifth of the home page's time at national size once. The answer
depends only on the function, so it is kept per function (and whether it is bound, which drops `self`).

For the tables of a thousand cells: `LeanTable`, below."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import django_tables2.utils as tables2_utils
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

R = TypeVar("R")


def escape(value: object) -> str:
    """As Django's `escape` (every value escaped, even one marked safe), without its wrapper for lazy strings,
    which cost more than the escaping itself for the thousands of cells of a national table."""
    return html.escape(str(value))


def conditional_escape(value: object) -> str:
    """As Django's `conditional_escape` (a lazy string read as its text first; then a value marked safe, or with
    `__html__`, as it is, and any other escaped), without its wrapper for lazy strings."""
    if isinstance(value, Promise):
        value = str(value)
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else html.escape(str(value))


def format_html(format_string: str, *args: object) -> SafeString:
    """As Django's `format_html` with positional arguments, each escaped by the lean `conditional_escape`: the cells
    of a table of thousands."""
    return mark_safe(format_string.format(*(conditional_escape(arg) for arg in args)))  # noqa: S308  # escaped


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


# ---------------------------------------------------------------- tables rendered lean
# The pages of about a thousand cells (the home table, the consolidated table) skip django-tables2's per-cell
# machinery altogether: each cell is joined as an escaped string in one pass over the rows, and sorting and the
# headings' links behave as a django-tables2 table's do (`?sort=name`, `?sort=-name`, the other parameters kept).


@dataclass
class LeanColumn(Generic[R]):
    name: str
    label: str
    cell: Callable[[R], str]  # escaped HTML
    td_class: str = ""  # the cells' classes; the column's name when empty
    th_class: str = ""  # the heading's own classes, before "orderable"
    sort_key: Callable[[R], Any] | None = None  # None: the column does not sort
    title: str = ""  # the heading's tooltip


@dataclass
class Heading:
    label: str
    css: str
    url: str = ""  # empty: the column does not sort
    title: str = ""


class LeanTable(Generic[R]):
    """`rows` (already filtered) sorted by `order_by` (a sortable column's name, `-` first for descending; any other
    value keeps the order of `default_order`), with the sortable headings' links built from the request's
    parameters. `row_attrs` gives each row's attributes beside its even/odd class."""

    default_order = "code"
    empty_text = ""

    def __init__(self, rows: list[R], columns: list[LeanColumn[R]], *, order_by: str, params: QueryDict) -> None:
        self.columns = columns
        sortable = {c.name: c.sort_key for c in columns if c.sort_key is not None}
        self.order_by = order_by if order_by.removeprefix("-") in sortable else self.default_order
        self.rows = sorted(rows, key=sortable[self.order_by.removeprefix("-")], reverse=self.order_by.startswith("-"))
        self.params = params

    def row_attrs(self, row: R) -> tuple[str, str]:
        """(extra classes, extra attributes, escaped) of a row."""
        return "", ""

    @property
    def headings(self) -> list[Heading]:
        current, descending = self.order_by.removeprefix("-"), self.order_by.startswith("-")
        result = []
        for column in self.columns:
            if column.sort_key is None:
                result.append(Heading(column.label, column.th_class, title=column.title))
                continue
            params = self.params.copy()
            params["sort"] = f"-{column.name}" if column.name == current and not descending else column.name
            css = f"{column.th_class} orderable".strip()
            if column.name == current:
                css += " desc" if descending else " asc"
            result.append(Heading(column.label, css, f"?{params.urlencode()}", column.title))
        return result

    @property
    def body(self) -> SafeString:
        lines = []
        for number, row in enumerate(self.rows):
            css, attrs = self.row_attrs(row)
            cells = "".join(f'<td class="{c.td_class or c.name}">{c.cell(row)}</td>' for c in self.columns)
            lines.append(f'<tr class="{"even" if number % 2 == 0 else "odd"}{css}"{attrs}>{cells}</tr>')
        if not lines and self.empty_text:
            lines.append(f'<tr><td colspan="{len(self.columns)}">{escape(self.empty_text)}</td></tr>')
        return mark_safe("\n".join(lines))  # noqa: S308  # every value above is escaped
