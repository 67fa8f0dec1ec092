"""Reads that pages and the API share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.figures import baseline, target_in_force, targets_by_year, targets_disagree
from indicators.formatting import decimal_to_plain, format_measure, format_target
from indicators.models import Indicator, Observation, Target
from indicators.progress import FLAG_URGENCY, Goal, Point, Progress, assess

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
class Assessment:
    """The method's result for one indicator, with the targets behind its period goal (for their documents)."""

    progress: Progress
    goal_targets: list[Target] = field(default_factory=list)  # the goal year's targets, the one in force first

    @property
    def goal_target(self) -> Target | None:
        return self.goal_targets[0] if self.goal_targets else None

    @property
    def goal_disputed(self) -> bool:
        return targets_disagree(self.goal_targets)


def _goal(target: Target) -> Goal:
    return Goal(target.year, target.comparator, target.value, target.wording)


def assess_indicator(indicator: Indicator) -> Assessment:
    """Gap and trend flag from an indicator fetched with `with_figures()`: plain values in, no query here."""
    targets = list(indicator.targets.all())
    goals = targets_by_year(t for t in targets if t.kind == Target.Kind.GOAL)
    plans = targets_by_year(t for t in targets if t.kind == Target.Kind.PLAN)
    points = [
        Point(o.year, o.quarter, o.value, o.provisional, o.document.issued_on if o.document else None)
        for o in indicator.observations.all()
    ]
    progress = assess(
        points=points,
        goals=[_goal(target_in_force(group)) for group in goals.values()],
        plans=[_goal(target_in_force(group)) for group in plans.values()],
        higher_is_better=indicator.higher_is_better,
        share=indicator.measure_unit.strip() == "%",
        lower_bound=indicator.min_value,
        upper_bound=indicator.max_value,
    )
    goal_targets = goals.get(progress.goal.year, []) if progress.goal else []
    return Assessment(progress, goal_targets)


@dataclass
class IndicatorRow:
    indicator: Indicator
    baseline: Observation | None
    targets: dict[int, TargetCell] = field(default_factory=dict)
    assessment: Assessment | None = None

    @property
    def progress(self) -> Progress:
        assert self.assessment is not None
        return self.assessment.progress

    @property
    def flag(self) -> str:
        return self.progress.flag.value

    @property
    def flag_sort(self) -> tuple[int, str]:
        """Most urgent first: regressing, off track, speed up, far ahead, too little data, on track, met."""
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
    figure = baseline(indicator.observations.all(), up_to_year=BASELINE_YEAR)
    return IndicatorRow(indicator, figure, cells, assess_indicator(indicator))


def indicator_rows() -> list[IndicatorRow]:
    return [indicator_row(indicator) for indicator in Indicator.objects.with_figures()]


def goal_years() -> list[int]:
    """The years for which the documents set strategy goals (2025 and 2030 in Decision 411)."""
    return list(Target.objects.filter(kind=Target.Kind.GOAL).order_by("year").values_list("year", flat=True).distinct())


def target_years(indicator: Indicator) -> list[dict]:
    """The indicator page's targets, year by year: every document's, the one in force, whether they disagree."""
    return [
        {"year": year, "targets": targets, "in_force": target_in_force(targets), "disputed": targets_disagree(targets)}
        for year, targets in sorted(targets_by_year(indicator.targets.all()).items())
    ]


def proposal_initial(indicator: Indicator, today: date, strategy_goal_years: list[int]) -> dict:
    """The proposal form's starting values: the period goal in force, or the first goal year not yet past."""
    goals = targets_by_year(t for t in indicator.targets.all() if t.kind == "goal" and t.year >= today.year)
    if not goals:
        upcoming = [year for year in strategy_goal_years if year >= today.year]
        return {"year": upcoming[0] if upcoming else today.year, "kind": "goal", "comparator": ">="}
    year, targets = next(iter(goals.items()))
    target = target_in_force(targets)
    initial = {"year": year, "kind": "goal", "comparator": target.comparator or ">="}
    if target.value is not None:
        initial["value"] = decimal_to_plain(target.value).replace(".", ",")  # 100, not 1E+2
    return initial
