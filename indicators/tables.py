"""The home table, rendered lean: every indicator × the years of the strategy period in force, about a thousand
cells at national size. Each cell is joined as an escaped string in one pass over the rows (django-tables2 spends
most of the page's time on its per-cell machinery); sorting and the links of the column headings behave as a
django-tables2 table's do (`?sort=name`, `?sort=-name`, other parameters kept)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.explanations import VERDICT_LABELS, Words, flag_label
from indicators.figures import BASELINE, PLAN, Column
from indicators.progress import Verdict
from indicators.selectors import IndicatorRow

VERDICT_CSS = {Verdict.MET: "badge-ok", Verdict.MISSED: "badge-missing", Verdict.PENDING: "badge-due"}
DASH = "—"


def column_heading(column: Column) -> str:
    if column.kind == BASELINE:
        return _("%(year)s figure (baseline)") % {"year": column.year}
    if column.kind == PLAN:
        return _("%(year)s plan") % {"year": column.year}
    return _("%(year)s goal") % {"year": column.year}


@dataclass
class Heading:
    name: str
    label: str
    url: str
    css: str
    title: str = ""


@dataclass
class _Column:
    name: str
    label: str
    sort_key: Callable[[IndicatorRow], Any]
    cell: Callable[[IndicatorRow], str]  # escaped HTML
    title: str = ""


class IndicatorTable:
    """The rows (already filtered) sorted by `order_by` (a column name, `-` first for descending; an unknown name
    keeps the code order), with the column headings' sort links built from the request's parameters."""

    def __init__(self, rows: list[IndicatorRow], *, columns: list[Column], order_by: str, params: QueryDict):
        self.columns = self._columns(columns)
        by_name = {c.name: c for c in self.columns}
        name = order_by.removeprefix("-")
        self.order_by = order_by if name in by_name else "code"
        sorting = by_name[self.order_by.removeprefix("-")]
        self.rows = sorted(rows, key=sorting.sort_key, reverse=self.order_by.startswith("-"))
        self.params = params
        self.flag_summary: list[dict] = []
        self.empty_text = _("No indicators yet: load the reference data.")

    @property
    def headings(self) -> list[Heading]:
        result = []
        current = self.order_by.removeprefix("-")
        descending = self.order_by.startswith("-")
        for column in self.columns:
            params = self.params.copy()
            params["sort"] = f"-{column.name}" if column.name == current and not descending else column.name
            css = f"{column.name} orderable"
            if column.name == current:
                css += " desc" if descending else " asc"
            result.append(Heading(column.name, column.label, f"?{params.urlencode()}", css, column.title))
        return result

    @property
    def body(self) -> SafeString:
        """The table's rows as HTML: every value escaped, each cell classed with its column's name."""
        lines = []
        for number, row in enumerate(self.rows):
            css = "even" if number % 2 == 0 else "odd"
            if row.indicator.parent_id:
                css += " sub-row"
            cells = "".join(f'<td class="{c.name}">{c.cell(row)}</td>' for c in self.columns)
            lines.append(f'<tr class="{css}">{cells}</tr>')
        if not lines:
            lines.append(f'<tr><td colspan="{len(self.columns)}">{escape(self.empty_text)}</td></tr>')
        return mark_safe("\n".join(lines))  # noqa: S308  # every value above is escaped

    def _columns(self, strategy: list[Column]) -> list[_Column]:
        detail = reverse("indicator_detail", args=["CODE"])

        def link(row: IndicatorRow, text: str) -> str:
            return f'<a href="{escape(detail.replace("CODE", row.indicator.code))}">{escape(text)}</a>'

        columns = [
            _Column("code", _("Code"), lambda r: r.code_sort, lambda r: link(r, r.indicator.code)),
            _Column("name", _("Indicator"), lambda r: r.indicator.name, lambda r: link(r, r.indicator.name)),
            _Column(
                "measure_unit",
                _("Unit of measure"),
                lambda r: r.indicator.measure_unit,
                lambda r: escape(r.indicator.measure_unit) or DASH,
            ),
        ]
        labels = _CellLabels()
        for column in strategy:
            if column.kind == BASELINE:
                columns.append(_Column("baseline", column_heading(column), lambda r: r.baseline_sort, labels.baseline))
            else:
                columns.append(
                    _Column(column.key, column_heading(column), _target_sort(column.key), labels.target_of(column.key))
                )
        columns += [
            _Column("latest", _("Latest figure"), lambda r: r.latest_sort, labels.latest),
            _Column(
                "gap",
                _("Gap to goal"),
                lambda r: r.gap_sort,
                labels.gap,
                title=_("Still to go to the period goal; sorted as a share of the goal value"),
            ),
            _Column("assessment", _("Assessment"), lambda r: r.flag_sort, labels.assessment),
            _Column(
                "reporting_unit",
                _("Reporting unit"),
                lambda r: r.reporting_unit_name,
                lambda r: escape(r.reporting_unit_name) or escape(labels.not_assigned),
            ),
        ]
        return columns


def _target_sort(key: str) -> Callable[[IndicatorRow], Any]:
    return lambda row: row.cells[key].sort_value


class _CellLabels:
    """The cells of the figures and the assessment, with the words they share translated once per table."""

    def __init__(self) -> None:
        self.provisional = (
            f' <span class="badge badge-provisional" title="{escape(_("Provisional estimate"))}">'
            f"{escape(_('est.'))}</span>"
        )
        self.disputed = (
            f' <span class="badge badge-warn" title="{escape(_("Documents give different targets for this year"))}">'
            "≠</span>"
        )
        self.not_assigned = _("Not assigned")
        self.verdicts = {
            verdict: f'<br><span class="badge verdict verdict-{verdict} {VERDICT_CSS.get(verdict, "")}">'
            f"{escape(label)}</span>"
            for verdict, label in VERDICT_LABELS.items()
        }
        self.flags: dict[str, str] = {}

    def baseline(self, row: IndicatorRow) -> str:
        text = row.baseline_display
        if not text:
            return DASH
        provisional = self.provisional if row.baseline is not None and row.baseline.provisional else ""
        return escape(text) + provisional

    def target_of(self, key: str) -> Callable[[IndicatorRow], str]:
        return lambda row: self.target(row, key)

    def target(self, row: IndicatorRow, key: str) -> str:
        cell = row.cells[key]
        if cell.target is None:
            return DASH
        text: str = escape(cell.display)
        if cell.target.value is None:  # delegated to another ministry's plan: a text, not a figure
            text = f'<span class="delegated">{text}</span>'
        if cell.disputed:
            text += self.disputed
        if cell.verdict is not None:
            text += self.verdicts[cell.verdict.verdict]
        return text

    def latest(self, row: IndicatorRow) -> str:
        latest = row.progress.latest
        if latest is None:
            return DASH
        measure = escape(Words(row.indicator).measure(latest.value))
        provisional = self.provisional if latest.provisional else ""
        period = f'<span class="muted small">{escape(latest.period)}</span>'
        return f'<span class="nowrap">{measure} {period}</span>{provisional}'

    def gap(self, row: IndicatorRow) -> str:
        progress = row.progress
        if progress.gap is None or progress.goal is None:
            return DASH
        return f'{escape(Words(row.indicator).gap(progress))} <span class="muted small">{progress.goal.year}</span>'

    def assessment(self, row: IndicatorRow) -> str:
        flag = row.flag
        if flag not in self.flags:
            self.flags[flag] = f'<span class="flag flag-{flag}">{escape(flag_label(row.progress.flag))}</span>'
        return self.flags[flag]
