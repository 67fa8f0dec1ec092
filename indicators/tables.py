import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.explanations import VERDICT_LABELS, Words, flag_label
from indicators.figures import BASELINE, PLAN, Column
from indicators.progress import Verdict

VERDICT_CSS = {Verdict.MET: "badge-ok", Verdict.MISSED: "badge-missing", Verdict.PENDING: "badge-due"}


class TargetColumn(tables.Column):
    """The target in force for one column (a year's plan or goal), ≠ where documents disagree, and for a goal
    whose year is past its verdict."""

    def __init__(self, column: Column, **kwargs):
        super().__init__(
            accessor=f"cells__{column.key}",
            order_by=(f"cells__{column.key}__sort_value",),
            verbose_name=column_heading(column),
            **kwargs,
        )

    def render(self, value):
        if value.target is None:
            return "—"
        text = value.display
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


def column_heading(column: Column) -> str:
    if column.kind == BASELINE:
        return _("%(year)s figure (baseline)") % {"year": column.year}
    if column.kind == PLAN:
        return _("%(year)s plan") % {"year": column.year}
    return _("%(year)s goal") % {"year": column.year}


class IndicatorTable(tables.Table):
    """The home table: every indicator with the years of the strategy period in force (its baseline figure, its
    yearly plans, its goal and the next goal, from the data), its latest figure, the gap to the next goal and the
    assessment of its trend."""

    code = tables.Column(accessor="indicator__code", verbose_name=_("Code"), order_by=("code_sort",))
    name = tables.Column(accessor="indicator__name", verbose_name=_("Indicator"))
    measure_unit = tables.Column(accessor="indicator__measure_unit", verbose_name=_("Unit of measure"))
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

    def __init__(self, data, *, columns: list[Column], **kwargs):
        extra = []
        for column in columns:
            if column.kind == BASELINE:
                extra.append(
                    (
                        "baseline",
                        tables.Column(
                            accessor="baseline_display",
                            verbose_name=column_heading(column),
                            order_by=("baseline_sort",),
                            default="—",
                        ),
                    )
                )
            else:
                extra.append((column.key, TargetColumn(column)))
        sequence = ["code", "name", "measure_unit", *[name for name, _column in extra], "..."]
        super().__init__(data, extra_columns=extra, sequence=sequence, **kwargs)

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
        return format_html(
            '{} <span class="muted small">{}</span>', Words(record.indicator).gap(progress), progress.goal.year
        )

    def render_assessment(self, value, record):
        return format_html('<span class="flag flag-{}">{}</span>', value, flag_label(value))
