"""Reads that pages and the API share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from indicators.assessment import Assessment, TargetCell, assess_indicator, points_of
from indicators.figures import BASELINE, GOAL, Column, baseline, strategy_columns, targets_disagree
from indicators.formatting import decimal_to_plain, format_measure
from indicators.models import Indicator, Observation, Target
from indicators.periods import year_is_past
from indicators.progress import FLAG_URGENCY, Progress
from indicators.stored import stored_assessments

__all__ = ["Assessment", "TargetCell", "assess_indicator", "points_of"]  # read here by the pages and the API


@dataclass
class IndicatorRow:
    """One indicator on the home table: its read model and the cells of the columns in force."""

    assessment: Assessment
    columns: list[Column]
    baseline: Observation | None

    @property
    def indicator(self) -> Indicator:
        return self.assessment.indicator

    @property
    def progress(self) -> Progress:
        return self.assessment.progress

    @cached_property  # the table reads one cell at a time: built once per row, not once per cell
    def cells(self) -> dict[str, TargetCell]:
        return {c.key: self.assessment.cell(c.year, c.kind) for c in self.columns if c.kind != BASELINE}

    @property
    def flag(self) -> str:
        return self.progress.flag.value

    @property
    def flag_sort(self) -> tuple[int, str]:
        """Most urgent first: regressing, off track, at risk, speed up, far ahead, too little data, on track, met."""
        return (FLAG_URGENCY.index(self.progress.flag), self.indicator.sort_key)

    @property
    def gap_sort(self) -> tuple[int, Decimal, str]:
        """The gap as a share of the goal value, so that percentages and other units sort together."""
        result = self.progress
        if result.gap is None or result.goal is None or result.goal.value is None:
            return (1, Decimal(0), self.indicator.sort_key)
        scale = abs(result.goal.value) or Decimal(1)
        return (0, result.gap / scale, self.indicator.sort_key)

    @property
    def latest_sort(self) -> tuple[int, Decimal]:
        latest = self.progress.latest
        return (0, Decimal(0)) if latest is None else (1, latest.value)

    @property
    def code_sort(self) -> str:
        return self.indicator.sort_key

    @property
    def baseline_year(self) -> int | None:
        return next((c.year for c in self.columns if c.kind == BASELINE), None)

    @property
    def baseline_display(self) -> str:
        obs = self.baseline
        if obs is None:
            return ""
        unit = self.indicator.measure_unit if getattr(obs, "unit_written", True) else ""
        text = format_measure(obs.value, unit, self.indicator.decimals)
        if obs.year != self.baseline_year:
            text += " " + _("(%(year)d figure)") % {"year": obs.year}
        return text

    @property
    def baseline_sort(self) -> tuple[int, Decimal]:
        return (0, Decimal(0)) if self.baseline is None else (1, self.baseline.value)

    @property
    def reporting_unit_name(self) -> str:
        unit = self.indicator.reporting_unit
        return unit.short_name if unit else ""


@dataclass
class HomeTable:
    """The home page's read model: the columns of the strategy period in force and a row per indicator."""

    columns: list[Column]
    rows: list[IndicatorRow]
    today: date

    @property
    def next_goal_year(self) -> int | None:
        upcoming = [c.year for c in self.columns if c.kind == GOAL and not c.past]
        return upcoming[-1] if upcoming else None


def home_table(today: date) -> HomeTable:
    """Every indicator as of `today`, from the stored assessments: one query (indicators with their group, unit,
    parent and stored assessment joined), and those of `stored_assessments` for any not stored for today."""
    assessments = stored_assessments(Indicator.objects.with_stored(), today)
    columns = strategy_columns({key for a in assessments for key in a.groups}, today)
    baseline_year = next((c.year for c in columns if c.kind == BASELINE), None)
    rows = [
        IndicatorRow(a, columns, baseline(a.yearly, up_to_year=baseline_year) if baseline_year else None)
        for a in assessments
    ]
    return HomeTable(columns, rows, today)


def goal_years() -> list[int]:
    """The years for which the documents set strategy goals (2025 and 2030 in Decision 411)."""
    return list(Target.objects.filter(kind=Target.Kind.GOAL).order_by("year").values_list("year", flat=True).distinct())


def target_years(assessment: Assessment) -> list[dict]:
    """The indicator page's targets, (year, kind) by (year, kind): every document's, the one in force, whether
    they disagree, and for a goal already past its verdict."""
    return [
        {
            "year": year,
            "kind": kind,
            "targets": group,
            "in_force": group[0],
            "disputed": targets_disagree(group),
            "verdict": assessment.cell(year, kind).verdict,
        }
        for (year, kind), group in assessment.groups.items()
    ]


def proposal_initial(assessment: Assessment, strategy_goal_years: list[int]) -> dict:
    """The proposal form's starting values: the goal the assessment steers to, in force, or the first goal year
    not yet past."""
    today = assessment.today
    goal = assessment.progress.goal
    if goal is None or year_is_past(goal.year, today):
        upcoming = [year for year in strategy_goal_years if not year_is_past(year, today)]
        return {"year": upcoming[0] if upcoming else today.year, "kind": GOAL, "comparator": ">="}
    target = assessment.goal_targets[0]
    initial = {"year": goal.year, "kind": GOAL, "comparator": target.comparator or ">="}
    if target.value is not None:
        plain = decimal_to_plain(target.value)
        assert plain is not None  # a value has its text
        initial["value"] = plain.replace(".", ",")  # 100, not 1E+2
    return initial
