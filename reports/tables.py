"""The consolidated table on the page, rendered lean over the rows of `reports.selectors.report_data`: every
indicator × the year's four quarters (about a thousand cells at national size) joined as escaped strings in one
pass, as the home table is (`indicators.tables`). Sorting and the headings' links behave as a django-tables2
table's do (`?sort=unit`, `?sort=-unit`, the filters kept)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

QUARTER_NAMES = ("I", "II", "III", "IV")
DASH = "—"


@dataclass
class Heading:
    label: str
    css: str
    url: str = ""  # empty: the column does not sort


@dataclass
class _Column:
    name: str
    label: str
    cell: Callable[[dict], str]  # escaped HTML
    td_class: str
    th_class: str = ""
    sort_key: Callable[[dict], Any] | None = None


class ReportTable:
    """The rows (already filtered) sorted by `order_by` (code, unit or flag, `-` first for descending; anything
    else keeps the code order), with the sorting headings' links built from the request's parameters."""

    def __init__(self, rows: list[dict], *, year: int, order_by: str = "", params: QueryDict | None = None):
        self.columns = _columns(year)
        sortable = {c.name: c for c in self.columns if c.sort_key is not None}
        name = order_by.removeprefix("-")
        self.order_by = order_by if name in sortable else "code"
        column = sortable[self.order_by.removeprefix("-")]
        assert column.sort_key is not None
        self.rows = sorted(rows, key=column.sort_key, reverse=self.order_by.startswith("-"))
        self.params = params if params is not None else QueryDict()

    @property
    def headings(self) -> list[Heading]:
        current = self.order_by.removeprefix("-")
        descending = self.order_by.startswith("-")
        result = []
        for column in self.columns:
            if column.sort_key is None:
                result.append(Heading(column.label, column.th_class))
                continue
            params = self.params.copy()
            params["sort"] = f"-{column.name}" if column.name == current and not descending else column.name
            css = "orderable" + ((" desc" if descending else " asc") if column.name == current else "")
            result.append(Heading(column.label, css, f"?{params.urlencode()}"))
        return result

    @property
    def body(self) -> SafeString:
        lines = []
        for number, row in enumerate(self.rows):
            css = ("even" if number % 2 == 0 else "odd") + (" child" if row["is_child"] else "")
            cells = "".join(f'<td class="{c.td_class}">{c.cell(row)}</td>' for c in self.columns)
            lines.append(f'<tr class="{css}" data-code="{escape(row["code"])}">{cells}</tr>')
        return mark_safe("\n".join(lines))  # noqa: S308  # every value above is escaped


def _columns(year: int) -> list[_Column]:
    detail = reverse("indicator_detail", args=["CODE"])
    words = _Words()

    def code(row: dict) -> str:
        return f'<a href="{escape(detail.replace("CODE", row["code"]))}">{escape(row["code"])}</a>'

    def goal(row: dict) -> str:
        if not row["goal"]:
            return DASH
        return f"{escape(row['goal'])} <small>({escape(row['goal_year'])})</small>"

    columns = [
        _Column("code", _("Code"), code, "code", sort_key=lambda r: r["sort_key"]),
        _Column("name", _("Indicator"), lambda r: f'<span class="indicator-name">{escape(r["name"])}</span>', "name"),
        _Column("unit", _("Reporting unit"), lambda r: escape(r["unit"]) or DASH, "unit", sort_key=lambda r: r["unit"]),
    ]
    for number, name in enumerate(QUARTER_NAMES, start=1):
        label = _("Quarter %(q)s") % {"q": name}
        columns.append(_Column(f"q{number}", label, words.quarter(str(number)), "num quarter", "quarter"))
    columns += [
        _Column("target", _("Target %(year)s") % {"year": year}, lambda r: escape(r["target"]) or DASH, "target"),
        _Column("goal", _("Period goal"), goal, "goal"),
        _Column("gap", _("Gap to goal"), lambda r: escape(r["gap"]) or DASH, "gap"),
        _Column(
            "flag",
            _("Assessment"),
            lambda r: f'<span class="flag-chip flag-{escape(r["flag"])}">{escape(r["flag_label"])}</span>',
            "flag",
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
    each cell its deadline status, its submission's status and the unit's deadline, escaped, in one pass."""
    due = _("due by %(day)s")
    lines = []
    for unit in matrix:
        cells = []
        for cell in unit["quarters"].values():
            status = f"<br><small>{escape(cell['status_label'])}</small>" if cell["status"] else ""
            deadline = escape(due % {"day": cell["unit_deadline_display"]})
            cells.append(
                f'<td class="cell-{escape(cell["deadline_status"])}"><span class="badge deadline-'
                f'{escape(cell["deadline_status"])}">{escape(cell["deadline_label"])}</span>{status}'
                f'<br><small class="muted">{deadline}</small></td>'
            )
        lines.append(f"<tr><td>{escape(unit['unit'])}</td>{''.join(cells)}</tr>")
    return mark_safe("\n".join(lines))  # noqa: S308  # every value above is escaped
