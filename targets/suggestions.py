"""The suggestion for an indicator's next period: a goal for the end year and a yearly plan for each year between,
each with the method it comes from and the numbers behind it. Pure: plain values in, no query.

For each year, in order of preference:
1. a goal or plan that a loaded document already sets for that year (the one in force: the higher-ranked document);
   and, where a document sets the end year's goal but no plan for the years before it, an even path from the latest
   figure to that goal, or, with no figure, from the last period's goal (1.2.2: ≥ 10% in 2025 to ≥ 20% in 2030
   plans 12, 14, 16, 18%, not a flat 10% under a 20% goal);
2. else the indicator's own trend drawn to that year by the progress engine (`indicators.progress.assess`: the
   recency-weighted line for a share, compound growth for a quantity), never a step back from the latest figure;
3. else the pace the last period's goal asked for (from the figure or plan it started from to the goal), continued
   from that goal.
Every number stays within the indicator's bounds (a share within 0–100%). A goal that is only a text (a target
delegated to another ministry's plan) is kept as text; a "khoảng" (≈) goal keeps its comparator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from indicators.progress import Goal, Point, Projection, assess, series

DOCUMENT = "document"
DOCUMENT_PATH = "document_path"
TREND = "trend"
PACE = "pace"
TEXT = "text"
NONE = "none"

PLAN = "plan"
GOAL = "goal"


@dataclass(frozen=True)
class Measure:
    """What the suggestion needs to know of the indicator."""

    higher_is_better: bool = True
    share: bool = True
    decimals: int = 2
    lower_bound: Decimal | None = None
    upper_bound: Decimal | None = None


@dataclass(frozen=True)
class Basis:
    """The numbers behind a suggested value (those its method uses)."""

    document: str = ""  # DOCUMENT, DOCUMENT_PATH: the document's label
    latest: Point | None = None  # DOCUMENT_PATH, TREND: the figure the path or trend starts from
    goal: Decimal | None = None  # DOCUMENT_PATH: the document's goal; PACE: the last period's goal
    goal_year: int | None = None  # PACE
    step: Decimal | None = None  # DOCUMENT_PATH, PACE: a year's step
    projection: Projection | None = None  # TREND: the engine's method
    projected: Decimal | None = None  # TREND: the engine's value, before rounding and the no-step-back rule
    start: Decimal | None = None  # PACE: where the last period's goal started from; DOCUMENT_PATH: that goal
    start_year: int | None = None


@dataclass(frozen=True)
class SuggestedValue:
    year: int
    kind: str  # PLAN or GOAL
    method: str
    comparator: str  # "" for a text
    value: Decimal | None
    wording: str = ""  # the text of a text target
    basis: Basis = Basis()

    @property
    def is_numeric(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class InForce:
    """A target in force for a (year, kind), as plain values, with its document's label."""

    comparator: str
    value: Decimal | None
    wording: str
    document: str = ""


def _round(value: Decimal, measure: Measure) -> Decimal:
    quantum = Decimal(1).scaleb(-min(measure.decimals, 2))
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def _bounded(value: Decimal, measure: Measure) -> Decimal:
    if measure.lower_bound is not None and value < measure.lower_bound:
        value = measure.lower_bound
    if measure.upper_bound is not None and value > measure.upper_bound:
        value = measure.upper_bound
    return value


def _at_bound(comparator: str, value: Decimal, measure: Measure) -> str:
    """ "> 100%" asks the impossible: at a bound, a strict comparator becomes ≥ (or ≤)."""
    if comparator == ">" and measure.upper_bound is not None and value >= measure.upper_bound:
        return ">="
    if comparator == "<" and measure.lower_bound is not None and value <= measure.lower_bound:
        return "<="
    return comparator


def _default_comparator(measure: Measure) -> str:
    return ">=" if measure.higher_is_better else "<="


def last_goal(in_force: Mapping[tuple[int, str], InForce], first_year: int) -> tuple[int, InForce] | None:
    """The last goal before the period: the one the last period was judged by."""
    years = sorted(year for year, kind in in_force if kind == GOAL and year < first_year)
    return (years[-1], in_force[(years[-1], GOAL)]) if years else None


def _trend(points: Sequence[Point], year: int, reference: Decimal, today: date, measure: Measure):
    """The engine's projection of the figures to the end of `year`, or None (fewer than two figures in its window)."""
    progress = assess(
        points=points,
        goals=[Goal(year, _default_comparator(measure), reference)],
        today=today,
        higher_is_better=measure.higher_is_better,
        share=measure.share,
        lower_bound=measure.lower_bound,
        upper_bound=measure.upper_bound,
    )
    if progress.projected_value is None or progress.latest is None or progress.projection is None:
        return None
    return progress.projected_value, progress.latest, progress.projection


def _pace(
    in_force: Mapping[tuple[int, str], InForce], points: Sequence[Point], first_year: int, measure: Measure
) -> tuple[Decimal, int, Decimal, Decimal, int] | None:
    """The pace a year the last period's goal asked for: (goal, goal year, pace, start value, start year)."""
    found = last_goal(in_force, first_year)
    if found is None or found[1].value is None:
        return None
    goal_year, goal = found
    assert goal.value is not None
    starts: list[tuple[int, Decimal]] = [(p.year, p.value) for p in points if p.quarter == 0 and p.year < goal_year]
    starts += [
        (year, target.value)
        for (year, kind), target in in_force.items()
        if kind == PLAN and year < goal_year and target.value is not None
    ]
    if not starts:
        return goal.value, goal_year, Decimal(0), goal.value, goal_year
    start_year, start_value = min(starts, key=lambda s: s[0])
    pace = (goal.value - start_value) / Decimal(goal_year - start_year)
    return goal.value, goal_year, pace, start_value, start_year


def suggest(
    *,
    points: Sequence[Point],
    in_force: Mapping[tuple[int, str], InForce],
    first_year: int,
    goal_year: int,
    today: date,
    measure: Measure,
) -> list[SuggestedValue]:
    """A value for each year of the period (first_year … goal_year), the plans first and the goal last."""
    previous = last_goal(in_force, first_year)
    text_goal = previous is not None and previous[1].value is None
    comparator = previous[1].comparator if previous is not None and previous[1].value is not None else ""
    comparator = comparator or _default_comparator(measure)
    figures = series(points, share=measure.share, higher_is_better=measure.higher_is_better)
    latest = figures[-1] if figures else None
    end_goal = in_force.get((goal_year, GOAL))
    pace = _pace(in_force, points, first_year, measure)
    reference = (previous[1].value if previous and previous[1].value is not None else None) or (
        latest.value if latest else Decimal(1)
    )
    d = 1 if measure.higher_is_better else -1
    out: list[SuggestedValue] = []
    for year in range(first_year, goal_year + 1):
        kind = GOAL if year == goal_year else PLAN
        loaded = in_force.get((year, kind))
        if loaded is not None:
            out.append(
                SuggestedValue(
                    year,
                    kind,
                    DOCUMENT,
                    loaded.comparator,
                    loaded.value,
                    loaded.wording,
                    Basis(document=loaded.document),
                )
            )
            continue
        if text_goal and previous is not None:
            out.append(SuggestedValue(year, kind, TEXT, "", None, previous[1].wording))
            continue
        if end_goal is not None and end_goal.value is not None and latest is not None and latest.year < goal_year:
            step = (end_goal.value - latest.value) / Decimal(goal_year - latest.year)
            value = _round(_bounded(latest.value + step * (year - latest.year), measure), measure)
            numbers = Basis(document=end_goal.document, latest=latest, goal=end_goal.value, step=step)
            path_comparator = _at_bound(end_goal.comparator or comparator, value, measure)
            out.append(SuggestedValue(year, kind, DOCUMENT_PATH, path_comparator, value, "", numbers))
            continue
        if end_goal is not None and end_goal.value is not None and latest is None and pace is not None:
            goal_value, from_year = pace[0], pace[1]  # no figure: the path starts from the last period's goal
            step = (end_goal.value - goal_value) / Decimal(goal_year - from_year)
            value = _round(_bounded(goal_value + step * (year - from_year), measure), measure)
            numbers = Basis(document=end_goal.document, goal=end_goal.value, step=step, start=goal_value,
                            start_year=from_year)  # fmt: skip
            path_comparator = _at_bound(end_goal.comparator or comparator, value, measure)
            out.append(SuggestedValue(year, kind, DOCUMENT_PATH, path_comparator, value, "", numbers))
            continue
        trend = _trend(points, year, reference, today, measure) if latest is not None else None
        if trend is not None:
            projected, basis, method = trend
            kept = projected if d * (projected - basis.value) >= 0 else basis.value
            value = _round(_bounded(kept, measure), measure)
            numbers = Basis(latest=basis, projection=method, projected=projected)
            out.append(SuggestedValue(year, kind, TREND, _at_bound(comparator, value, measure), value, "", numbers))
            continue
        if pace is not None:
            goal_value, from_year, step, start_value, start_year = pace
            value = _round(_bounded(goal_value + step * (year - from_year), measure), measure)
            numbers = Basis(start=start_value, start_year=start_year, goal=goal_value, goal_year=from_year, step=step)
            out.append(SuggestedValue(year, kind, PACE, _at_bound(comparator, value, measure), value, "", numbers))
            continue
        out.append(SuggestedValue(year, kind, NONE, "", None))
    return out
