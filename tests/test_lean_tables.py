"""The cached signature of django-tables2 answers as the library's own for every kind of callable."""

import django_tables2.utils as tables2_utils

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
