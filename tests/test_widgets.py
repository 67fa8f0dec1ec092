"""The lean select gives the markup Django's own select gives (whitespace aside): options, groups, the selected
one, attributes, and every label and value escaped."""

import re

from django import forms

from strategy_tracker.widgets import LeanSelect

CHOICES = [
    ("", "Tất cả"),
    ("cuc-vt", "Cục Viễn thông"),
    ("Nhóm <b>", [("a&b", 'Đơn vị "A" & <B>'), ("c", "C")]),
]


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_lean_select_renders_as_django_s_select():
    for value in ("", "cuc-vt", "a&b", "nothing"):
        attrs = {"id": "id_unit", "class": "wide", "required": True}
        lean = LeanSelect(choices=CHOICES).render("unit", value, attrs)
        django = forms.Select(choices=CHOICES).render("unit", value, attrs)
        assert _squeezed(lean) == _squeezed(django), value
    html = LeanSelect(choices=CHOICES).render("unit", "a&b")
    assert '<option value="a&amp;b" selected>Đơn vị &quot;A&quot; &amp; &lt;B&gt;</option>' in html
    assert '<optgroup label="Nhóm &lt;b&gt;">' in html
