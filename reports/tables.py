"""The consolidated table on the page, rendered lean (`strategy_tracker.lean_tables.LeanTable`) over the rows of
`reports.selectors.report_data`: every indicator × the year's four quarters, about a thousand cells at national
size; and the body of its units × quarters completeness."""

from __future__ import annotations

from collections.abc import Callable

from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from strategy_tracker.lean_tables import LeanColumn, LeanTable, escape

QUARTER_NAMES = ("I", "II", "III", "IV")
DASH = "—"


class ReportTable(LeanTable[dict]):
    """The rows (already filtered) sorted by `order_by` (code, unit or flag, `-` first for descending; anything
    else keeps the code order); a sub-indicator's row classed as a child, every row carrying its code."""

    def __init__(self, rows: list[dict], *, year: int, order_by: str = "", params: QueryDict | None = None):
        super().__init__(rows, _columns(year), order_by=order_by, params=params if params is not None else QueryDict())

    def row_attrs(self, row: dict) -> tuple[str, str]:
        return (" child" if row["is_child"] else ""), f' data-code="{escape(row["code"])}"'


def _columns(year: int) -> list[LeanColumn[dict]]:
    detail = reverse("indicator_detail", args=["CODE"])
    words = _Words()

    def code(row: dict) -> str:
        return f'<a href="{escape(detail.replace("CODE", row["code"]))}">{escape(row["code"])}</a>'

    def goal(row: dict) -> str:
        if not row["goal"]:
            return DASH
        return f"{escape(row['goal'])} <small>({escape(row['goal_year'])})</small>"

    columns = [
        LeanColumn("code", _("Code"), code, sort_key=lambda r: r["sort_key"]),
        LeanColumn("name", _("Indicator"), lambda r: f'<span class="indicator-name">{escape(r["name"])}</span>'),
        LeanColumn("unit", _("Reporting unit"), lambda r: escape(r["unit"]) or DASH, sort_key=lambda r: r["unit"]),
    ]
    for number, name in enumerate(QUARTER_NAMES, start=1):
        label = _("Quarter %(q)s") % {"q": name}
        columns.append(LeanColumn(f"q{number}", label, words.quarter(str(number)), "num quarter", "quarter"))
    columns += [
        LeanColumn("target", _("Target %(year)s") % {"year": year}, lambda r: escape(r["target"]) or DASH),
        LeanColumn("goal", _("Period goal"), goal),
        LeanColumn("gap", _("Gap to goal"), lambda r: escape(r["gap"]) or DASH),
        LeanColumn(
            "flag",
            _("Assessment"),
            lambda r: f'<span class="flag-chip flag-{escape(r["flag"])}">{escape(r["flag_label"])}</span>',
            sort_key=lambda r: r["flag_rank"],
        ),
    ]
    return columns


class _Words:
    """A quarter's value with its marks (provisional, not yet accepted) and its international comparison, with
    the words they share translated once per table."""

    def __init__(self) -> None:
        self.provisional = f'<span class="badge badge-provisional">{escape(_("provisional"))}</span>'
        self.pending = f'<span class="badge badge-warn">{escape(_("not yet accepted"))}</span>'
        self.comparison_title = escape(_("International comparison"))

    def quarter(self, quarter: str) -> Callable[[dict], str]:
        return lambda row: self.cell(row["quarters"][quarter])

    def cell(self, cell: dict) -> str:
        if cell["value"] is None:
            return '<span class="empty">—</span>'
        shown = ((self.provisional, cell["provisional"]), (self.pending, not cell["accepted"]))
        marks = " ".join(mark for mark, show in shown if show)
        comparison = (
            f'<div class="comparison" title="{self.comparison_title}">{escape(cell["comparison"])}</div>'
            if cell["comparison"]
            else ""
        )
        pending = " pending" if not cell["accepted"] else ""
        return f'<span class="value{pending}">{escape(cell["display"])}</span> {marks}{comparison}'


def completeness_rows(matrix: list[dict]) -> SafeString:
    """The body of the units × quarters completeness table (a hundred units × four quarters at national size):
    each cell its deadline status, its submission's status and the unit's deadline, escaped, in one pass; a cell
    is made once for each of its contents (most units stand alike in a quarter)."""
    due = _("due by %(day)s")
    made: dict[tuple, str] = {}
    lines = []
    for unit in matrix:
        cells = []
        for cell in unit["quarters"].values():
            shown = (
                cell["deadline_status"],
                cell["deadline_label"],
                cell["status"],
                cell["status_label"],
                cell["unit_deadline_display"],
            )
            html = made.get(shown)
            if html is None:
                status = f"<br><small>{escape(cell['status_label'])}</small>" if cell["status"] else ""
                deadline = escape(due % {"day": cell["unit_deadline_display"]})
                html = made[shown] = (
                    f'<td class="cell-{escape(cell["deadline_status"])}"><span class="badge deadline-'
                    f'{escape(cell["deadline_status"])}">{escape(cell["deadline_label"])}</span>{status}'
                    f'<br><small class="muted">{deadline}</small></td>'
                )
            cells.append(html)
        lines.append(f"<tr><td>{escape(unit['unit'])}</td>{''.join(cells)}</tr>")
    return mark_safe("\n".join(lines))  # noqa: S308  # every value above is escaped
