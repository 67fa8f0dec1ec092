import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.explanations import Words, flag_label
from indicators.selectors import GOAL_YEAR


class TargetColumn(tables.Column):
    def __init__(self, year_attr: str, **kwargs):
        super().__init__(accessor=year_attr, order_by=(f"{year_attr}__sort_value",), **kwargs)

    def render(self, value):
        if value.target is None:
            return "—"
        if value.disputed:
            return format_html(
                '{} <span class="badge badge-warn" title="{}">≠</span>',
                value.display,
                _("Documents give different targets for this year"),
            )
        if value.target.value is None:  # delegated to another ministry's plan: a text, not a figure
            return format_html('<span class="delegated">{}</span>', value.display)
        return value.display


class IndicatorTable(tables.Table):
    """The home table: every indicator with its 2022 estimate, its 2023, 2024 and 2025 targets, its latest figure,
    the gap to its period goal and the assessment of its trend."""

    code = tables.Column(accessor="indicator__code", verbose_name=_("Code"), order_by=("code_sort",))
    name = tables.Column(accessor="indicator__name", verbose_name=_("Indicator"))
    measure_unit = tables.Column(accessor="indicator__measure_unit", verbose_name=_("Unit of measure"))
    baseline = tables.Column(
        accessor="baseline_display", verbose_name=_("2022 estimate"), order_by=("baseline_sort",), default="—"
    )
    plan_2023 = TargetColumn("plan_2023", verbose_name=_("2023 plan"))
    plan_2024 = TargetColumn("plan_2024", verbose_name=_("2024 plan"))
    goal_2025 = TargetColumn("goal_2025", verbose_name=_("2025 goal"))
    latest = tables.Column(
        accessor="progress__latest", verbose_name=_("Latest figure"), order_by=("latest_sort",), default="—"
    )
    gap = tables.Column(
        accessor="progress__gap",
        verbose_name=_("Gap to goal"),
        order_by=("gap_sort",),
        default="—",
        attrs={"th": {"title": _("Still to go to the period goal; sorted as a share of the goal value")}},
    )
    assessment = tables.Column(accessor="flag", verbose_name=_("Assessment"), order_by=("flag_sort",))
    reporting_unit = tables.Column(
        accessor="reporting_unit_name", verbose_name=_("Reporting unit"), default=_("Not assigned")
    )

    class Meta:
        template_name = "indicators/indicator_table.html"
        attrs = {
            "class": "table indicator-table",
            "th": {"class": lambda bound_column: bound_column.name},
            "td": {"class": lambda bound_column: bound_column.name},
        }
        row_attrs = {"class": lambda record: "sub-row" if record.indicator.parent_id else ""}
        orderable = True
        empty_text = _("No indicators yet: load the reference data.")

    def render_code(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("indicator_detail", args=[value]), value)

    def render_name(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("indicator_detail", args=[record.indicator.code]), value)

    def render_baseline(self, value, record):
        if record.baseline is not None and record.baseline.provisional:
            return format_html(
                '{} <span class="badge badge-provisional" title="{}">{}</span>',
                value,
                _("Provisional estimate"),
                _("est."),
            )
        return value

    def render_latest(self, value, record):
        provisional = (
            format_html(
                ' <span class="badge badge-provisional" title="{}">{}</span>', _("Provisional estimate"), _("est.")
            )
            if value.provisional
            else ""
        )
        words = Words(record.indicator)
        return format_html(
            '<span class="nowrap">{} <span class="muted small">{}</span></span>{}',
            words.measure(value.value),
            value.period,
            provisional,
        )

    def render_gap(self, value, record):
        progress = record.progress
        text = Words(record.indicator).gap(progress)
        if progress.goal.year == GOAL_YEAR:  # the column beside says 2025
            return text
        return format_html('{} <span class="muted small">{}</span>', text, progress.goal.year)

    def render_assessment(self, value, record):
        return format_html('<span class="flag flag-{}">{}</span>', value, flag_label(value))
