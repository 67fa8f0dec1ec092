import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from dashboard import charts
from dashboard.selectors import indicator_chart_data

register = template.Library()


@register.inclusion_tag("dashboard/_indicator_chart.html")
def indicator_chart(assessment):
    """The indicator page's chart, from the Assessment the page already computed (no query)."""
    data = indicator_chart_data(assessment)
    return {"data": data, "figure": charts.indicator_figure(data), "notes": charts.chart_notes(data)}


@register.filter
def percent(value):
    """A share (0.353) as the overview's table writes it: 35%."""
    return "" if value is None else charts._percent(value * 100)


# What Django's json_script escapes, and how (django.utils.html._json_script_escapes).
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


@register.filter
def figure_json(value, element_id: str) -> SafeString:
    """{{ figure|figure_json:"id" }}: a chart's data for plotly.js, as Django's `json_script` writes it, to the byte.
    `json_script` escapes with `str.translate` over a mapping, which reads the text a character at a time in Python:
    28 ms for a heatmap's 240 KB, most of the provinces' page's time after a change; `str.replace` takes 1,7 ms."""
    text = json.dumps(value, cls=DjangoJSONEncoder)
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return format_html('<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text))  # noqa: S308
