from django import template

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
