"""The read model of one indicator as of a day (`Assessment`), made from plain values with no query. Pages that
list every indicator read it stored (`indicators.stored`); a page of one indicator makes it (`assess_indicator`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from indicators.figures import GOAL, PLAN, by_year_and_kind, targets_disagree
from indicators.formatting import format_target
from indicators.models import Indicator, Observation, Target
from indicators.progress import Goal, PastGoal, Point, Progress, assess
from indicators.values import is_percentage


@dataclass
class TargetCell:
    """One (year, kind) of an indicator as a page shows it: the target in force, whether documents disagree, and
    for a goal whose year is past, its verdict."""

    target: Target | None
    disputed: bool = False
    verdict: PastGoal | None = None

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


class InForce(NamedTuple):
    """The figure of the target in force for a (year, kind), without its document: what a table's cell shows."""

    comparator: str
    value: Decimal | None
    wording: str

    def display(self, indicator: Indicator) -> str:
        return format_target(self.comparator, self.value, indicator.measure_unit, indicator.decimals) or self.wording


@dataclass
class Assessment:
    """The read model of one indicator as of a day: the targets in force per (year, kind), the method's result
    toward the next goal, and the verdicts on the goals already past. Every page, the API and the exports read
    this; none of them decides "in force" or the flag again."""

    indicator: Indicator
    progress: Progress
    groups: dict[tuple[int, str], list[Target]]  # every document's targets per (year, kind), the one in force first
    today: date
    yearly: list[Observation] = field(default_factory=list)  # the figures of whole years, for the baseline

    @property
    def in_force(self) -> dict[tuple[int, str], Target]:
        return {key: group[0] for key, group in self.groups.items()}

    @property
    def goal_targets(self) -> list[Target]:
        """The next goal year's targets, the one in force first (for their documents)."""
        goal = self.progress.goal
        return self.groups.get((goal.year, GOAL), []) if goal else []

    @property
    def goal_target(self) -> Target | None:
        return self.goal_targets[0] if self.goal_targets else None

    @property
    def goal_disputed(self) -> bool:
        return targets_disagree(self.goal_targets)

    @cached_property
    def figures_in_force(self) -> dict[tuple[int, str], tuple[str, Decimal | None, str]]:
        """(comparator, value, wording) of the target in force per (year, kind), as plain values: stored beside the
        progress, so that a table showing only these (the consolidated table) never unpickles the targets."""
        return {key: (group[0].comparator, group[0].value, group[0].wording) for key, group in self.groups.items()}

    def figure_in_force(self, year: int, kind: str) -> InForce | None:
        found = self.figures_in_force.get((year, kind))
        return InForce(*found) if found is not None else None

    def cell(self, year: int, kind: str) -> TargetCell:
        group = self.groups.get((year, kind), [])
        verdict = next((v for v in self.progress.past_goals if v.goal.year == year), None) if kind == GOAL else None
        return TargetCell(group[0] if group else None, targets_disagree(group), verdict)


def _goal(target: Target) -> Goal:
    return Goal(target.year, target.comparator, target.value, target.wording)


def goals_in_force(groups: dict[tuple[int, str], list[Target]], kind: str = GOAL) -> list[Goal]:
    """The target in force of each year of `kind` (the goals, or the plans) of targets grouped by
    `by_year_and_kind`, as the method reads them."""
    return [_goal(group[0]) for (_year, of_kind), group in groups.items() if of_kind == kind]


def points_of(indicator: Indicator) -> list[Point]:
    """The indicator's figures of record as the method reads them (fetched with `with_figures()`: no query)."""
    return [
        Point(o.year, o.quarter, o.value, o.provisional, o.document.issued_on if o.document else None, o.unit_written)
        for o in indicator.observations.all()
    ]


def assess_indicator(indicator: Indicator, today: date) -> Assessment:
    """The read model of an indicator fetched with `with_figures()`, as of `today`: plain values in, no query."""
    groups = by_year_and_kind(indicator.targets.all())
    points = points_of(indicator)
    progress = assess(
        points=points,
        goals=goals_in_force(groups, GOAL),
        plans=goals_in_force(groups, PLAN),
        today=today,
        higher_is_better=indicator.higher_is_better,
        share=is_percentage(indicator.measure_unit),
        lower_bound=indicator.min_value,
        upper_bound=indicator.max_value,
    )
    yearly = [o for o in indicator.observations.all() if o.quarter == 0]
    return Assessment(indicator, progress, groups, today, yearly)
