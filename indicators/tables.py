"""The home table: every indicator × the years of the strategy period in force, about a thousand cells at national
size."""

from __future__ import annotations

import django_tables2 as tables
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.explanations import VERDICT_LABELS, Words, flag_label, short_period
from indicators.figures import BASELINE, PLAN, Column
from indicators.progress import Verdict
from indicators.selectors import IndicatorRow
from strategy_tracker.tables import CellColumn, cell

VERDICT_CSS = {Verdict.MET: "badge-ok", Verdict.MISSED: "badge-missing", Verdict.PENDING: "badge-due"}
DASH = "—"


def column_heading(column: Column) -> str:
    if column.kind == BASELINE:
        return _("%(year)s figure (baseline)") % {"year": column.year}
    if column.kind == PLAN:
        return _("%(year)s plan") % {"year": column.year}
    return _("%(year)s goal") % {"year": column.year}


def _provisional() -> str:
    return format_html(
        ' <span class="badge badge-provisional" title="{}">{}</span>', _("Provisional estimate"), _("est.")
    )


class TargetColumn(CellColumn):
    """The target in force for one year column (a plan or a goal), ≠ where documents disagree, and for a goal whose
    year is past its verdict."""

    def __init__(self, column: Column):
        super().__init__(
            accessor=f"cells__{column.key}",
            order_by=(f"cells__{column.key}__sort_value",),
            verbose_name=column_heading(column),
        )

    @cell
    def render(self, value):
        if value.target is None:
            return DASH
        text = format_html("{}", value.display)
        if value.target.value is None:  # delegated to another ministry's plan: a text, not a figure
            text = format_html('<span class="delegated">{}</span>', text)
        if value.disputed:
            text = format_html(
                '{} <span class="badge badge-warn" title="{}">≠</span>',
                text,
                _("Documents give different targets for this year"),
            )
        if value.verdict is not None:
            verdict = value.verdict.verdict
            text = format_html(
                '{}<br><span class="badge verdict verdict-{} {}">{}</span>',
                text,
                verdict,
                VERDICT_CSS.get(verdict, ""),
                VERDICT_LABELS[verdict],
            )
        return text


class IndicatorTable(tables.Table):
    """The rows (already filtered, in the code order) sorted by `order_by` (a column's name, `-` first for
    descending; None: by code; a name that is no column's keeps them as they are), every column sortable, a
    sub-indicator's row indented. The headings' links are made from `params` (the page's parameters the view
    kept), not from the request's: the table is kept in Django's cache for them."""

    code = CellColumn(accessor="indicator__code", verbose_name=gettext_lazy("Code"), order_by=("code_sort",))
    name = CellColumn(accessor="indicator__name", verbose_name=gettext_lazy("Indicator"))
    measure_unit = CellColumn(accessor="indicator__measure_unit", verbose_name=gettext_lazy("Unit of measure"))
    latest = CellColumn(accessor="progress__latest", verbose_name=gettext_lazy("Latest figure"), order_by="latest_sort")
    gap = CellColumn(
        accessor="progress__gap",
        verbose_name=gettext_lazy("Gap to goal"),
        order_by="gap_sort",
        attrs={"th": {"title": gettext_lazy("Still to go to the period goal; sorted as a share of the goal value")}},
    )
    assessment = CellColumn(accessor="flag", verbose_name=gettext_lazy("Assessment"), order_by="flag_sort")
    reporting_unit = CellColumn(
        accessor="reporting_unit_name",
        verbose_name=gettext_lazy("Reporting unit"),
        default=gettext_lazy("Not assigned"),
    )

    class Meta:
        template_name = "indicators/indicator_table.html"
        attrs = {"class": "table indicator-table"}
        row_attrs = {"class": lambda record: "sub-row" if record.indicator.parent_id else ""}
        order_by = "code"
        default = DASH
        empty_text = gettext_lazy("No indicators yet: load the reference data.")

    def __init__(self, rows: list[IndicatorRow], *, columns: list[Column], order_by: str | None, params: QueryDict):
        extra: list[tuple[str, tables.Column]] = [
            (
                "baseline",
                CellColumn(accessor="baseline_display", verbose_name=column_heading(c), order_by="baseline_sort"),
            )
            if c.kind == BASELINE
            else (c.key, TargetColumn(c))
            for c in columns
        ]
        sequence = ["code", "name", "measure_unit", *(name for name, _column in extra), "..."]
        super().__init__(rows, extra_columns=extra, sequence=sequence, order_by=order_by)
        self.params = params
        self.flag_summary: list[dict] = []

    @cell
    def render_code(self, value):
        return format_html('<a href="{}">{}</a>', reverse("indicator_detail", args=[value]), value)

    @cell
    def render_name(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("indicator_detail", args=[record.indicator.code]), value)

    @cell
    def render_baseline(self, value, record):
        provisional = record.baseline is not None and record.baseline.provisional
        return format_html("{}{}", value, _provisional() if provisional else "")

    @cell
    def render_latest(self, value, record):
        return format_html(
            '<span class="nowrap">{} <span class="muted small">{}</span></span>{}',
            Words(record.indicator).figure(value),
            short_period(value),
            _provisional() if value.provisional else "",
        )

    @cell
    def render_gap(self, record):
        progress = record.progress
        if progress.goal is None:
            return DASH
        return format_html(
            '{} <span class="muted small">{}</span>', Words(record.indicator).gap(progress), progress.goal.year
        )

    @cell
    def render_assessment(self, value, record):
        return format_html('<span class="flag flag-{}">{}</span>', value, flag_label(record.progress.flag))
