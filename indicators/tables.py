"""The home table, rendered lean (`strategy_tracker.lean_tables.LeanTable`): every indicator × the years of the
strategy period in force, about a thousand cells at national size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.explanations import VERDICT_LABELS, Words, flag_label
from indicators.figures import BASELINE, PLAN, Column
from indicators.progress import Verdict
from indicators.selectors import IndicatorRow
from strategy_tracker.lean_tables import LeanColumn, LeanTable, escape

VERDICT_CSS = {Verdict.MET: "badge-ok", Verdict.MISSED: "badge-missing", Verdict.PENDING: "badge-due"}
DASH = "—"


def column_heading(column: Column) -> str:
    if column.kind == BASELINE:
        return _("%(year)s figure (baseline)") % {"year": column.year}
    if column.kind == PLAN:
        return _("%(year)s plan") % {"year": column.year}
    return _("%(year)s goal") % {"year": column.year}


class IndicatorTable(LeanTable[IndicatorRow]):
    """The rows (already filtered) sorted by `order_by` (a column name, `-` first for descending; an unknown name
    keeps the code order), every column sortable, a sub-indicator's row indented."""

    def __init__(self, rows: list[IndicatorRow], *, columns: list[Column], order_by: str, params: QueryDict):
        super().__init__(rows, self._columns(columns), order_by=order_by, params=params)
        self.flag_summary: list[dict] = []
        self.empty_text = _("No indicators yet: load the reference data.")

    def row_attrs(self, row: IndicatorRow) -> tuple[str, str]:
        return (" sub-row" if row.indicator.parent_id else ""), ""

    @staticmethod
    def _columns(strategy: list[Column]) -> list[LeanColumn[IndicatorRow]]:
        detail = reverse("indicator_detail", args=["CODE"])

        def sortable(name, label, sort_key, cell, title=""):  # every column sorts; its heading is classed by name
            return LeanColumn(name, label, cell, th_class=name, sort_key=sort_key, title=title)

        def link(row: IndicatorRow, text: str) -> str:
            return f'<a href="{escape(detail.replace("CODE", row.indicator.code))}">{escape(text)}</a>'

        columns = [
            sortable("code", _("Code"), lambda r: r.code_sort, lambda r: link(r, r.indicator.code)),
            sortable("name", _("Indicator"), lambda r: r.indicator.name, lambda r: link(r, r.indicator.name)),
            sortable(
                "measure_unit",
                _("Unit of measure"),
                lambda r: r.indicator.measure_unit,
                lambda r: escape(r.indicator.measure_unit) or DASH,
            ),
        ]
        labels = _CellLabels()
        for year_column in strategy:
            if year_column.kind == BASELINE:
                heading = column_heading(year_column)
                columns.append(sortable("baseline", heading, lambda r: r.baseline_sort, labels.baseline))
            else:
                key = year_column.key
                columns.append(sortable(key, column_heading(year_column), _target_sort(key), labels.target_of(key)))
        columns += [
            sortable("latest", _("Latest figure"), lambda r: r.latest_sort, labels.latest),
            sortable(
                "gap",
                _("Gap to goal"),
                lambda r: r.gap_sort,
                labels.gap,
                title=_("Still to go to the period goal; sorted as a share of the goal value"),
            ),
            sortable("assessment", _("Assessment"), lambda r: r.flag_sort, labels.assessment),
            sortable(
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
