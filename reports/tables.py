"""The consolidated table on the page, django-tables2 over the rows of `reports.selectors.report_data`: every
indicator × the year's four quarters, about a thousand cells at national size; and the body of its units × quarters
completeness."""

from __future__ import annotations

import hashlib

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from strategy_tracker.tables import CellColumn, cell

QUARTER_NAMES = ("I", "II", "III", "IV")
DASH = "—"


class QuarterColumn(CellColumn):
    """A quarter's value with its marks (provisional, not yet accepted) and its international comparison."""

    def __init__(self, quarter: int):
        self.quarter = quarter
        super().__init__(accessor=f"quarters__{quarter}", orderable=False, attrs={"th": {"class": "quarter"}})

    @property
    def header(self) -> str:
        return _("Quarter %(q)s") % {"q": QUARTER_NAMES[self.quarter - 1]}

    @cell
    def render(self, value):
        if value["value"] is None:
            return mark_safe('<span class="empty">—</span>')
        marks = []
        if value["provisional"]:
            marks.append(("badge-provisional", _("provisional")))
        if not value["accepted"]:
            marks.append(("badge-warn", _("not yet accepted")))
        comparison = (
            format_html(
                '<div class="comparison" title="{}">{}</div>', _("International comparison"), value["comparison"]
            )
            if value["comparison"]
            else ""
        )
        return format_html(
            '<span class="value{}">{}</span> {}{}',
            "" if value["accepted"] else " pending",
            value["display"],
            format_html_join(" ", '<span class="badge {}">{}</span>', marks),
            comparison,
        )


class ReportTable(tables.Table):
    """The rows (already filtered, in the code order) sorted by `order_by` (code, unit or flag, `-` first for
    descending; None: by code; anything else keeps them as they are); a sub-indicator's row classed as a child,
    every row carrying its code."""

    code = CellColumn(verbose_name=gettext_lazy("Code"), order_by="sort_key")
    name = CellColumn(verbose_name=gettext_lazy("Indicator"), orderable=False)
    unit = CellColumn(verbose_name=gettext_lazy("Reporting unit"))
    q1 = QuarterColumn(1)
    q2 = QuarterColumn(2)
    q3 = QuarterColumn(3)
    q4 = QuarterColumn(4)
    target = CellColumn(orderable=False)
    goal = CellColumn(verbose_name=gettext_lazy("Period goal"), orderable=False)
    gap = CellColumn(verbose_name=gettext_lazy("Gap to goal"), orderable=False)
    flag = CellColumn(verbose_name=gettext_lazy("Assessment"), order_by="flag_rank")

    class Meta:
        # Each cell classed by its column's name (col-code, col-q1, …), each row's cells kept under `row_key`.
        template_name = "reports/report_table.html"
        attrs = {"class": "table report-table"}
        order_by = "code"
        row_attrs = {
            "class": lambda record: "child" if record["is_child"] else "",
            "data-code": lambda record: record["code"],
        }
        default = DASH

    def __init__(self, rows: list[dict], *, year: int, order_by: str | None = None):
        super().__init__([{**row, "row_key": row_key(row)} for row in rows], order_by=order_by)
        self.columns["target"].column.verbose_name = _("Target %(year)s") % {"year": year}

    @cell
    def render_code(self, value):
        return format_html('<a href="{}">{}</a>', reverse("indicator_detail", args=[value]), value)

    @cell
    def render_name(self, value):
        return format_html('<span class="indicator-name">{}</span>', value)

    @cell
    def render_goal(self, value, record):
        return format_html("{} <small>({})</small>", value, record["goal_year"])

    @cell
    def render_flag(self, value, record):
        return format_html('<span class="flag-chip flag-{}">{}</span>', value, record["flag_label"])


def row_key(row: dict) -> str:
    """What a row's rendered cells are kept under (reports/report_table.html): a digest of everything the row holds,
    its values, marks, target, goal and flag, and of the table's columns. Two rows that render differently hold
    different data, so they are kept apart whatever wrote the data and however it changed; the language is added
    by the template."""
    made_from = (tuple(ReportTable.base_columns), row)
    return hashlib.blake2b(repr(made_from).encode(), digest_size=16).hexdigest()


def completeness_rows(matrix: list[dict]) -> SafeString:
    """The body of the units × quarters completeness table (a hundred units × four quarters at national size):
    each cell its deadline status, its submission's status and the unit's deadline, escaped, in one pass; a cell
    is made once for each of its contents (most units stand alike in a quarter)."""
    due = _("due by %(day)s")
    made: dict[tuple, str] = {}
    lines = []
    for unit in matrix:
        cells = []
        for quarter in unit["quarters"].values():
            shown = (
                quarter["deadline_status"],
                quarter["deadline_label"],
                quarter["status"],
                quarter["status_label"],
                quarter["unit_deadline_display"],
                quarter.get("flagged", 0),  # a copy kept from before the data-quality rules has none
            )
            html = made.get(shown)
            if html is None:
                status = f"<br><small>{escape(quarter['status_label'])}</small>" if quarter["status"] else ""
                if shown[-1]:
                    asked = ngettext("%(count)d figure asked about", "%(count)d figures asked about", shown[-1])
                    status += f'<br><small class="flag-count">{escape(asked % {"count": shown[-1]})}</small>'

                deadline = escape(due % {"day": quarter["unit_deadline_display"]})
                html = made[shown] = (
                    f'<td class="cell-{escape(quarter["deadline_status"])}"><span class="badge deadline-'
                    f'{escape(quarter["deadline_status"])}">{escape(quarter["deadline_label"])}</span>{status}'
                    f'<br><small class="muted">{deadline}</small></td>'
                )
            cells.append(html)
        lines.append(f"<tr><td>{escape(unit['unit'])}</td>{''.join(cells)}</tr>")
    return mark_safe("\n".join(lines))  # noqa: S308  # every value above is escaped
