"""Reads that pages and the API share."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.figures import baseline, target_in_force, targets_by_year, targets_disagree
from indicators.formatting import format_measure, format_target
from indicators.models import Indicator, Observation, Target

BASELINE_YEAR = 2022
PLAN_YEARS = (2023, 2024)
GOAL_YEAR = 2025


@dataclass
class TargetCell:
    """One year's target as the home table shows it: the one in force, and whether documents disagree."""

    target: Target | None
    disputed: bool = False

    @property
    def display(self) -> str:
        if self.target is None:
            return ""
        indicator = self.target.indicator
        return format_target(self.target.comparator, self.target.value, indicator.measure_unit, indicator.decimals) or (
            self.target.wording
        )

    @property
    def sort_value(self) -> tuple[int, Decimal]:
        if self.target is None or self.target.value is None:
            return (0, Decimal(0))
        return (1, self.target.value)


@dataclass
class IndicatorRow:
    indicator: Indicator
    baseline: Observation | None
    targets: dict[int, TargetCell] = field(default_factory=dict)

    @property
    def code_sort(self) -> str:
        return self.indicator.sort_key

    @property
    def baseline_display(self) -> str:
        obs = self.baseline
        if obs is None:
            return ""
        text = format_measure(obs.value, self.indicator.measure_unit, self.indicator.decimals)
        if obs.year != BASELINE_YEAR:
            text += " " + _("(%(year)d figure)") % {"year": obs.year}
        return text

    @property
    def baseline_sort(self) -> tuple[int, Decimal]:
        return (0, Decimal(0)) if self.baseline is None else (1, self.baseline.value)

    def cell(self, year: int) -> TargetCell:
        return self.targets.get(year, TargetCell(None))

    @property
    def plan_2023(self) -> TargetCell:
        return self.cell(2023)

    @property
    def plan_2024(self) -> TargetCell:
        return self.cell(2024)

    @property
    def goal_2025(self) -> TargetCell:
        return self.cell(GOAL_YEAR)

    @property
    def reporting_unit_name(self) -> str:
        unit = self.indicator.reporting_unit
        return unit.short_name if unit else ""


def indicator_row(indicator: Indicator) -> IndicatorRow:
    """Build a row from an indicator fetched with `Indicator.objects.with_figures()` (no query here)."""
    by_year = targets_by_year(indicator.targets.all())
    cells = {year: TargetCell(target_in_force(targets), targets_disagree(targets)) for year, targets in by_year.items()}
    return IndicatorRow(indicator, baseline(indicator.observations.all(), up_to_year=BASELINE_YEAR), cells)


def indicator_rows() -> list[IndicatorRow]:
    return [indicator_row(indicator) for indicator in Indicator.objects.with_figures()]
