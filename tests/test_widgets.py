"""The lean select gives the markup Django's own select gives (whitespace aside): options, groups, the selected
one, attributes, and every label and value escaped."""

import re

import pytest
from django import forms

from indicators.models import Unit
from strategy_tracker.widgets import LeanSelect

CHOICES = [
    ("", "Tất cả"),
    (None, "Không có"),
    ("cuc-vt", "Cục Viễn thông"),
    ("Nhóm <b>", [("a&b", 'Đơn vị "A" & <B>'), ("c", "C"), ("cuc-vt", "Cục Viễn thông, lần nữa")]),
    (42, "Bốn mươi hai"),
    ("", [("x", "Nhóm không tên")]),
]


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_lean_select_renders_as_django_s_select():
    for value in ("", None, "cuc-vt", "a&b", "nothing", 42, "42"):
        attrs = {"id": "id_unit", "class": "wide", "required": True}
        lean = LeanSelect(choices=CHOICES).render("unit", value, attrs)
        django = forms.Select(choices=CHOICES).render("unit", value, attrs)
        assert _squeezed(lean) == _squeezed(django), value
    html = LeanSelect(choices=CHOICES).render("unit", "a&b")
    assert '<option value="a&amp;b" selected>Đơn vị &quot;A&quot; &amp; &lt;B&gt;</option>' in html
    assert '<optgroup label="Nhóm &lt;b&gt;">' in html


@pytest.mark.django_db
def test_the_lean_select_of_a_model_choice_renders_as_django_s_select():
    """The units of a filter (a ModelChoiceField's iterator): one chosen, none, an unknown one."""
    for value in ("cuc-vt", "", "khong-co"):
        fields = {
            "lean": forms.ModelChoiceField(Unit.objects.all(), to_field_name="slug", widget=LeanSelect),
            "django": forms.ModelChoiceField(Unit.objects.all(), to_field_name="slug"),
        }
        form = type("UnitForm", (forms.Form,), fields)({"lean": value, "django": value})
        lean, django = (_squeezed(str(form[name])) for name in ("lean", "django"))
        assert lean.replace("lean", "django") == django, value
        assert ('<option value="cuc-vt" selected>' in lean) == (value == "cuc-vt")
