"""The consolidated table on the page: django-tables2 over the rows of `reports.selectors.report_data`."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

QUARTER_NAMES = ("I", "II", "III", "IV")


class QuarterColumn(tables.Column):
    """A quarter's value with its marks (provisional, not yet accepted) and its international comparison."""

    def __init__(self, quarter: int, **kwargs):
        self.quarter = str(quarter)
        super().__init__(
            accessor=f"quarters__{quarter}__value",
            verbose_name=_("Quarter %(q)s") % {"q": QUARTER_NAMES[quarter - 1]},
            orderable=False,
            empty_values=(),
            attrs={"td": {"class": "num quarter"}, "th": {"class": "quarter"}},
            **kwargs,
        )

    def render(self, value, record):
        cell = record["quarters"][self.quarter]
        if cell["value"] is None:
            return mark_safe('<span class="empty">—</span>')
        marks = []
        if cell["provisional"]:
            marks.append(("badge badge-provisional", _("provisional")))
        if not cell["accepted"]:
            marks.append(("badge badge-warn", _("not yet accepted")))
        comparison = (
            format_html(
                '<div class="comparison" title="{}">{}</div>', _("International comparison"), cell["comparison"]
            )
            if cell["comparison"]
            else ""
        )
        return format_html(
            '<span class="value{}">{}</span> {}{}',
            " pending" if not cell["accepted"] else "",
            cell["display"],
            format_html_join(" ", '<span class="{}">{}</span>', marks),
            comparison,
        )


class ReportTable(tables.Table):
    code = tables.Column(accessor="sort_key", verbose_name=_("Code"), attrs={"td": {"class": "code"}})
    name = tables.Column(accessor="name", verbose_name=_("Indicator"), orderable=False, attrs={"td": {"class": "name"}})
    unit = tables.Column(accessor="unit", verbose_name=_("Reporting unit"), attrs={"td": {"class": "unit"}})
    q1 = QuarterColumn(1)
    q2 = QuarterColumn(2)
    q3 = QuarterColumn(3)
    q4 = QuarterColumn(4)
    target = tables.Column(
        accessor="target",
        verbose_name=_("Year's target"),
        orderable=False,
        empty_values=(),
        attrs={"td": {"class": "target"}},
    )
    goal = tables.Column(
        accessor="goal",
        verbose_name=_("Period goal"),
        orderable=False,
        empty_values=(),
        attrs={"td": {"class": "goal"}},
    )
    gap = tables.Column(
        accessor="gap", verbose_name=_("Gap to goal"), orderable=False, empty_values=(), attrs={"td": {"class": "gap"}}
    )
    flag = tables.Column(accessor="flag_rank", verbose_name=_("Assessment"), attrs={"td": {"class": "flag"}})

    class Meta:
        attrs = {"class": "table report-table"}
        order_by = ("code",)
        row_attrs = {
            "class": lambda record: "child" if record["is_child"] else "",
            "data-code": lambda record: record["code"],
        }

    def __init__(self, data, *, year: int, **kwargs):
        super().__init__(data, **kwargs)
        self.columns["target"].column.verbose_name = _("Target %(year)s") % {"year": year}

    def render_code(self, value, record):
        url = reverse("indicator_detail", args=[record["code"]])
        return format_html('<a href="{}">{}</a>', url, record["code"])

    def render_name(self, value, record):
        return format_html('<span class="indicator-name">{}</span>', value)

    def render_target(self, value, record):
        return value or "—"

    def render_goal(self, value, record):
        if not value:
            return "—"
        return format_html("{} <small>({})</small>", value, record["goal_year"])

    def render_gap(self, value, record):
        return value or "—"

    def render_flag(self, value, record):
        return format_html('<span class="flag-chip flag-{}">{}</span>', record["flag"], record["flag_label"])
