"""The cached signature of django-tables2 answers as the library's own for every kind of callable; the lean
cells' escaping is Django's."""

from decimal import Decimal

import django_tables2.utils as tables2_utils
import pytest
from django.utils import html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from strategy_tracker import lean_tables


class Renderer:
    def render_code(self, value, record):
        return value

    def render_any(self, **kwargs):
        return kwargs


def plain(value, *args, bound_column=None):
    return value


def test_the_library_uses_the_cached_signature():
    assert tables2_utils.signature is lean_tables.cached_signature


def test_cached_answers_equal_the_librarys_for_functions_bound_and_unbound_methods_and_lambdas():
    renderer = Renderer()
    callables = [plain, renderer.render_code, renderer.render_any, Renderer.render_code, lambda record: record]
    for fn in callables:
        assert lean_tables.cached_signature(fn) == lean_tables._original(fn)
        assert lean_tables.cached_signature(fn) == lean_tables._original(fn)  # from the cache the second time
    assert lean_tables.cached_signature(renderer.render_code) == (("value", "record"), None)
    assert lean_tables.cached_signature(Renderer.render_code) == (("self", "value", "record"), None)
    assert lean_tables.cached_signature(renderer.render_any) == ((), "kwargs")


def test_another_instance_of_the_same_class_gets_the_same_answer():
    assert lean_tables.cached_signature(Renderer().render_code) == lean_tables.cached_signature(Renderer().render_code)


@pytest.mark.parametrize(
    "value",
    [
        "<b>&'\"",
        mark_safe("<b>safe</b>"),
        gettext_lazy("Status"),
        12,
        None,
        Decimal("1.5"),
        html.format_html("<i>{}</i>", "<"),
    ],
)
def test_the_lean_conditional_escape_is_django_s(value):
    assert lean_tables.conditional_escape(value) == html.conditional_escape(value)


def test_the_lean_format_html_is_django_s():
    args = ("<a&b>", mark_safe("<i>kept</i>"), gettext_lazy("Status"), 3, Decimal("2.50"))
    assert lean_tables.format_html('<span class="{}">{} {} {} {}</span>', *args) == html.format_html(
        '<span class="{}">{} {} {} {}</span>', *args
    )
