"""`strategy_tracker.tables.cell`: a render method decorated with it is called by django-tables2 with the same
arguments as the plain method, in a table's HTML and in its exported values."""

import inspect

import django_tables2 as tables
from django.test import RequestFactory

from strategy_tracker.tables import CellColumn, cell

ROWS = [{"name": "Hà Nội", "share": 14.26}, {"name": "Huế", "share": None}]


class _Plain(tables.Table):
    name = tables.Column()
    share = tables.Column(default="—")
    both = tables.Column(accessor="name", empty_values=())
    every = tables.Column(accessor="share", empty_values=())

    def render_name(self, value):
        return f"[{value}]"

    def render_share(self, value, record):
        return f"{value} of {record['name']}"

    def render_both(self, record, column, bound_column, table, value):
        return f"{record['name']}|{column.__class__.__name__}|{bound_column.name}|{table is self}|{value}"

    def render_every(self, **kwargs):
        return ",".join(sorted(kwargs))


class _Decorated(tables.Table):
    name = tables.Column()
    share = tables.Column(default="—")
    both = tables.Column(accessor="name", empty_values=())
    every = tables.Column(accessor="share", empty_values=())

    @cell
    def render_name(self, value):
        return f"[{value}]"

    @cell
    def render_share(self, value, record):
        return f"{value} of {record['name']}"

    @cell
    def render_both(self, record, column, bound_column, table, value):
        return f"{record['name']}|{column.__class__.__name__}|{bound_column.name}|{table is self}|{value}"

    @cell
    def render_every(self, **kwargs):
        return ",".join(sorted(kwargs))


class _Upper(tables.Column):
    @cell
    def render(self, value):
        return value.upper()


class _WithColumn(tables.Table):
    name = _Upper()


def test_a_decorated_method_gets_what_the_plain_method_gets_in_the_html_and_the_exported_values():
    request = RequestFactory().get("/")
    plain, decorated = _Plain(ROWS), _Decorated(ROWS)
    assert decorated.as_html(request) == plain.as_html(request)
    assert list(decorated.as_values()) == list(plain.as_values())
    assert "True|Hà Nội" in plain.as_html(request)  # the table itself, and the value
    assert "bound_column,bound_row,column,record,table,value" in plain.as_html(request)  # every argument


def test_its_signature_is_the_methods_without_the_table():
    assert inspect.signature(_Decorated(ROWS).render_share) == inspect.signature(_Plain(ROWS).render_share)
    assert list(inspect.signature(_Decorated(ROWS).render_both).parameters) == [
        "record",
        "column",
        "bound_column",
        "table",
        "value",
    ]


def test_a_columns_own_render_method_may_be_decorated_too():
    assert "<td >HÀ NỘI</td>" in _WithColumn(ROWS[:1]).as_html(RequestFactory().get("/")).replace("\n", "")


class _PlainColumns(tables.Table):
    name = tables.Column()
    share = tables.Column(default="—")


class _CellColumns(tables.Table):
    name = CellColumn()
    share = CellColumn(default="—")


def test_a_cell_column_renders_as_djangos_tables2_column():
    request = RequestFactory().get("/")
    html = _CellColumns(ROWS).as_html(request)
    assert html == _PlainColumns(ROWS).as_html(request)
    assert "Hà Nội" in html and "—" in html  # a value as it is, and the default of an empty one
