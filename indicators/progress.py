"""Gap to target and the "dynamic, timely" trend flag of one indicator: the method, pure and typed.

Decision 411's third management principle (Phụ lục 01 of Quyết định 466/QĐ-BTTTT) asks that a trend of missing
the year's or the period's target brings remedies in time, and a trend of far exceeding it brings a raised
target in time. This module turns an indicator's figures and targets into that judgement. No ORM here: plain
`Decimal`, `int` and dataclasses in, a `Progress` out, so the method is tested without a database.

The method
----------
1. **One figure per period.** Several figures for the same period (two documents both give 2022) are reduced
   to one: official over provisional, a yearly figure over the Q4 figure at the same point in time, then the
   latest document, then the less favourable value. The choice is a total order, so the result never depends
   on the order in which figures were entered. Provisional figures are used; the result says so.
2. **Time.** A yearly figure stands at the end of its year (2024 → 2024.0), a quarterly one at the end of its
   quarter (2025Q2 → 2024.5: half a year before the end of 2025), so years left are fractional. Quarterly
   figures are used for shares (measure unit "%"), which are levels at a date; for other quantities a
   quarterly figure may be the quarter's flow, so only yearly figures are used.
3. **As of today: the next goal, and a verdict on every goal already past.** Today's date is passed in. The
   goal to steer to is the first goal year not yet past (today.year ≤ goal year: in late 2026 that is 2030);
   when every goal year is past, the last one is judged as overdue. Every goal year already past gets a final
   verdict (`verdicts`): `met` or `missed` on the figure for that year (a yearly figure, or for a share the Q4
   figure, which stands at the same point in time), or `pending` while that figure is not out yet (the
   statistics office publishes a year's figure during the next year): the verdict then names the latest figure
   before the goal year and the trend drawn from the figures before it to the goal year.
4. **Direction.** A one-sided comparator says which way is better (≥ and > up, ≤ and < down); "=" (the
   documents' "đạt 80%") and "~" ("khoảng 6%") follow the indicator's direction. Met means: ≥ v ≥ G; > v > G
   (50 does not meet "> 50"); ≤ and < mirrored; = reached in the better direction; ~ within 5% of G short of
   it, or beyond it.
5. **Gap and progress.** gap = d·(G − v) in the goal's unit, d = +1 when higher is better, −1 otherwise:
   positive is still to go. progress = (v − v₀)/(G − v₀), the share of the distance from the first figure
   (the baseline) to the goal already covered.
6. **Paces.** required pace = (G − v)/(years left), per year from the latest figure to the goal year, to the
   goal's own value (a "khoảng 6%" met at 5,8 still asks 0,2 a year; none once the goal is reached); actual
   pace: the last increment per year and the average per year over the trend window (the last five years, as
   Eurostat's short-term assessment).
7. **R, the actual vs required compound annual growth ratio** of Open SDG (Statistics Canada's progress
   measure, adopted by the Open SDG platform) and of Eurostat's SDG monitoring: CAGR_actual = (v/v₀)^(1/(t−t₀)) − 1
   over the trend window, CAGR_required = (G/v₀)^(1/(T−t₀)) − 1 from the same base to the goal year,
   R = CAGR_actual / CAGR_required. Reported beside the flag; undefined when a value is not positive or the
   base already met the goal.
8. **Projection to the goal year.** A recency-weighted linear trend — weighted least squares over the window,
   a figure one year older weighing half as much — drawn from the latest value: P = v + slope·(years left).
   Bounded shares saturate and their growth slows down (the digital economy share rose 2.35, 2.24 then 1.8
   points), which a compound rate would overstate. Where the latest figures run one way for two steps or more
   (non-decreasing, or non-increasing), the run's own slope is taken when it is the steeper one that way: 90, 70,
   74, 78 rises 4 a year, and the old 90 no longer drags the trend below zero (it was called "regressing" while
   its sentence said it rose 4 points a year); 10, 30, 26, 22 falls, whatever the old 10. A series unchanged over
   its last two steps has stalled: slope 0. Compound growth at the window's CAGR, P = v·(1 + CAGR)^(years left),
   only for an open-ended positive quantity that grew at every step of the window, and only where it runs above
   the linear trend: never across one jump followed by a stall (1,37 → 4,94, 4,94, 4,94 was projected far beyond
   ~ 9,99), never a decay, which never reaches a goal of 0 (5, 4, 3, 2, 1 toward ≤ 0 is on a linear path). These
   choices keep the flag monotone in the latest figure. P stays within the indicator's bounds. The slope and the
   first figure it rests on (`trend_pace`, `trend_start`) are what the sentence names; a series whose last three
   steps each move toward the goal by less than the one before is `slowing`, and the sentence says so.
9. **Q, the projected share of the needed progress**: Q = (P − v)/(G − v), with P before it is held within
   the bounds. With a linear projection Q is the trend's pace over the required pace, the linear counterpart
   of R; its thresholds are Open SDG's and Eurostat's (95%, 60%, 0).
10. **The flag**, first that applies:
    - `no_numeric_target`: no goal, or the goal to steer to is only a text ("Theo Kế hoạch của Bộ Y tế");
    - `regressing`, with no goal ahead: every goal year is past, the last goal is not met and the trend (step 8)
      runs away from it (1.4: 50% in 2022, 14,26% at the end of 2026, against "> 80%" in 2025): a fall is going
      backwards whether or not a goal lies ahead; the next goal is still to be proposed (`new_goal_needed`);
    - `no_goal_ahead`: every goal year is past (1.3 has a 2025 goal and none for 2030): the verdict on the last
      goal is the judgement; principle 3 asks that the next goal be proposed, an action ("Cần đề xuất mục tiêu
      mới") counted with the remedies and the raised targets;
    - `at_risk`: the goal is met today but the trend, drawn to the goal year, misses it (95, 90, 85 against
      "≥ 80% in 2030"): remedies to hold the gain, not a higher target;
    - `far_ahead`: the goal is met or will be with a margin of at least 5% of the goal value (met by that
      margin, or the projection clears the goal by it while the last step still moves toward the goal), **and**
      the projection, where there is one, still meets the goal at the goal year: propose raising the target;
    - `target_met`: met;
    - `insufficient_data`: no figure yet; or fewer than two figures in the trend window and the goal year is
      still ahead;
    - `off_track`, overdue: the goal year is reached by the latest figure, or past today, and the goal is not
      met;
    - `on_track` 0.95 ≤ Q (< 1.3, or Q ≥ 1.3 when the projection clears the goal by less than 5%);
      `accelerate` 0.6 ≤ Q < 0.95 (propose remedies); `off_track` 0 ≤ Q < 0.6 (remedies required);
      `regressing` Q < 0.
    The flag is monotone: for a higher-is-better indicator, raising the latest figure never worsens it.
    No input in the models' range raises: the computation runs in a wide decimal context whose overflow gives
    infinity, and every projection is capped (step 8).
11. **Milestone**: the latest figure against its own year's plan where one exists (2024: 18,3% against the
    plan's ≥ 17,5%).

References: Statistics Canada / Open SDG, "Progress Measurement Methodology" (open-sdg docs,
progress-methodology.md); Eurostat, "Sustainable development in the European Union — Monitoring report",
methodological annex (assessment of progress towards quantified targets: actual vs required growth rate,
thresholds 95% / 60% / 0); UN ESCAP, Asia and the Pacific SDG Progress Report, "anticipated progress"
(projection of the current trend to the target year).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation, Overflow, Subnormal, Underflow, localcontext
from enum import StrEnum
from typing import TypedDict

from indicators.periods import format_period, year_is_past

FAR_AHEAD_MARGIN = Decimal("0.05")  # met with a margin of at least 5% of the goal value
ABOUT_TOLERANCE = Decimal("0.05")  # "khoảng 6%" is met from 5% short of 6
FAR_AHEAD_Q = Decimal("1.3")
ON_TRACK_Q = Decimal("0.95")
ACCELERATE_Q = Decimal("0.6")
TREND_WINDOW_YEARS = Decimal(5)
HALF_LIFE_YEARS = Decimal(1)

_ZERO = Decimal(0)


class Flag(StrEnum):
    FAR_AHEAD = "far_ahead"
    AT_RISK = "at_risk"
    TARGET_MET = "target_met"
    ON_TRACK = "on_track"
    ACCELERATE = "accelerate"
    OFF_TRACK = "off_track"
    REGRESSING = "regressing"
    INSUFFICIENT_DATA = "insufficient_data"
    NO_GOAL_AHEAD = "no_goal_ahead"
    NO_NUMERIC_TARGET = "no_numeric_target"


# Most urgent first: the order of the flag column when sorted, and of the summary above the home table.
FLAG_URGENCY: tuple[Flag, ...] = (
    Flag.REGRESSING,
    Flag.OFF_TRACK,
    Flag.AT_RISK,
    Flag.ACCELERATE,
    Flag.FAR_AHEAD,
    Flag.NO_GOAL_AHEAD,
    Flag.INSUFFICIENT_DATA,
    Flag.ON_TRACK,
    Flag.TARGET_MET,
    Flag.NO_NUMERIC_TARGET,
)
# Flags that call for a decision under principle 3: remedies, a raised target, or a new target (no goal ahead).
ACTION_FLAGS = frozenset(
    {Flag.REGRESSING, Flag.OFF_TRACK, Flag.AT_RISK, Flag.ACCELERATE, Flag.FAR_AHEAD, Flag.NO_GOAL_AHEAD}
)
# Of those, the flags that call for remedies (far_ahead calls for a raised target, no_goal_ahead for a new one).
REMEDY_FLAGS = frozenset({Flag.REGRESSING, Flag.OFF_TRACK, Flag.AT_RISK, Flag.ACCELERATE})
PROJECTION_CAP = Decimal(10)  # a projection stays within 10 × the largest of the goal and the figures


class Verdict(StrEnum):
    """The final word on a goal whose year is past."""

    MET = "met"
    MISSED = "missed"
    PENDING = "pending"  # the figure for the goal year is not out yet
    NO_NUMERIC_TARGET = "no_numeric_target"  # the goal is only a text


class Projection(StrEnum):
    LINEAR = "linear_recency_weighted"
    COMPOUND = "compound_growth"


@dataclass(frozen=True)
class Point:
    """One figure as recorded: its period (quarter 0 for the whole year), value and provenance."""

    year: int
    quarter: int
    value: Decimal
    provisional: bool = False
    document_date: date | None = None
    unit_written: bool = True  # the document writes the figure with the indicator's unit (466's "4,36" does not)

    @property
    def period(self) -> str:
        return format_period(self.year, self.quarter)

    @property
    def time(self) -> Decimal:
        return period_time(self.year, self.quarter)


@dataclass(frozen=True)
class Goal:
    """The target in force for one year: a comparator and a value, or only the document's text."""

    year: int
    comparator: str
    value: Decimal | None
    wording: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.value is not None and self.comparator != ""


@dataclass(frozen=True)
class Milestone:
    """The latest figure against the plan of its own year."""

    plan: Goal
    figure: Point
    met: bool | None  # None when the plan is only a text
    gap: Decimal | None


@dataclass(frozen=True)
class PastGoal:
    """A goal whose year is past, with its verdict. `figure` is the goal year's own figure (met or missed);
    while it is pending, `basis` is the latest figure before the goal year and `projected_value` the trend of the
    figures before it drawn to the goal year (None with fewer than two of them)."""

    goal: Goal
    verdict: Verdict
    figure: Point | None = None
    gap: Decimal | None = None
    basis: Point | None = None
    basis_met: bool = False  # pending, but a figure before the goal year already passed it (2.1: 85% in 2022)
    projection: Projection | None = None
    projected_value: Decimal | None = None


@dataclass(frozen=True)
class Progress:
    flag: Flag
    goal: Goal | None
    latest: Point | None
    baseline: Point | None
    figures_used: int
    met: bool | None = None
    overdue: bool = False
    gap: Decimal | None = None
    progress: Decimal | None = None
    years_left: Decimal | None = None
    required_pace: Decimal | None = None
    last_pace: Decimal | None = None
    previous: Point | None = None
    average_pace: Decimal | None = None
    window_start: Point | None = None
    actual_cagr: Decimal | None = None
    required_cagr: Decimal | None = None
    ratio: Decimal | None = None
    projection: Projection | None = None
    projected_value: Decimal | None = None
    projected_share: Decimal | None = None
    provisional: bool = False
    provisional_in_trend: bool = False
    milestone: Milestone | None = None
    past_goals: tuple[PastGoal, ...] = ()  # every goal year already past, oldest first, with its verdict
    trend_pace: Decimal | None = None  # the linear slope per year the projection rests on (step 8)
    trend_start: Point | None = None  # the first figure of the trend (the window's, or its latest run's)
    recent_paces: tuple[Decimal, ...] = ()  # the change per year between consecutive figures of the window
    slowing: bool = False  # the last three paces each toward the goal, each smaller than the one before
    new_goal_needed: bool = False  # every goal year is past: the next goal is to be proposed (principle 3)

    @property
    def needs_action(self) -> bool:
        return self.flag in ACTION_FLAGS

    @property
    def needs_remedies(self) -> bool:
        return self.flag in REMEDY_FLAGS


@functools.cache  # exact in any context (a quarter is a quarter of a year); read several times a figure a judgement
def period_time(year: int, quarter: int) -> Decimal:
    """The point in time a figure stands for, in years: 2024 → 2024; 2025Q2 → 2024.5 (end of June 2025 is
    half a year before the end of 2025, which is where 2025 stands)."""
    if quarter == 0:
        return Decimal(year)
    return Decimal(year - 1) + Decimal(quarter) / 4


def direction_of(comparator: str, higher_is_better: bool) -> int:
    """+1 when higher is better for this target, −1 when lower is: a one-sided comparator says so itself."""
    if comparator in (">=", ">"):
        return 1
    if comparator in ("<=", "<"):
        return -1
    return 1 if higher_is_better else -1


def is_met(value: Decimal, comparator: str, target: Decimal, higher_is_better: bool) -> bool:
    d = direction_of(comparator, higher_is_better)
    match comparator:
        case ">=":
            return value >= target
        case ">":
            return value > target
        case "<=":
            return value <= target
        case "<":
            return value < target
        case "=":
            return d * (value - target) >= 0
        case "~":
            return d * (value - target) >= -ABOUT_TOLERANCE * abs(target)
    raise ValueError(f"unknown comparator: {comparator!r}")


def _preference(point: Point, d: int) -> tuple[bool, bool, date, Decimal]:
    """Higher wins among figures for the same point in time. The last key (the less favourable value) makes the
    order total, so that the figure chosen never depends on the order in which figures arrive."""
    return (not point.provisional, point.quarter == 0, point.document_date or date.min, -d * point.value)


def series(points: Iterable[Point], *, share: bool = True, higher_is_better: bool = True) -> list[Point]:
    """One figure per point in time, oldest first (see step 1 and 2 of the method)."""
    d = 1 if higher_is_better else -1
    best: dict[Decimal, Point] = {}
    for point in points:
        if point.quarter != 0 and not share:
            continue
        t = point.time
        if t not in best or _preference(point, d) > _preference(best[t], d):
            best[t] = point
    return [best[t] for t in sorted(best)]


def choose_goal(goals: Iterable[Goal], today: date) -> Goal | None:
    """The goal to steer to: the first goal year not yet past (the last one when every goal year is past).
    One goal per year expected."""
    ordered = sorted(goals, key=lambda g: g.year)
    if not ordered:
        return None
    return next((g for g in ordered if not year_is_past(g.year, today)), ordered[-1])


def past_goals(goals: Iterable[Goal], today: date) -> list[Goal]:
    """The goals whose year is over, oldest first (in late 2026: the 2025 goals)."""
    return sorted((g for g in goals if year_is_past(g.year, today)), key=lambda g: g.year)


def _cagr(start: Decimal, end: Decimal, years: Decimal) -> Decimal | None:
    if start <= 0 or end <= 0 or years <= 0:
        return None
    return (end / start) ** (1 / years) - 1


def _weighted_slope(points: Sequence[Point]) -> Decimal:
    """Weighted least-squares slope per year; a figure one half-life older weighs half as much. In floats: the
    weights are fractional powers (slow in Decimal), and the slope only draws a trend that is shown rounded."""
    t_last = float(points[-1].time)
    half_life = float(HALF_LIFE_YEARS)
    # Times measured back from the latest figure keep the numbers small.
    xs = [float(p.time) - t_last for p in points]
    ys = [float(p.value) for p in points]
    weights = [0.5 ** (-x / half_life) for x in xs]
    total = sum(weights)
    x_mean = sum(w * x for w, x in zip(weights, xs, strict=True)) / total
    y_mean = sum(w * y for w, y in zip(weights, ys, strict=True)) / total
    sxx = sum(w * (x - x_mean) ** 2 for w, x in zip(weights, xs, strict=True))
    sxy = sum(w * (x - x_mean) * (y - y_mean) for w, x, y in zip(weights, xs, ys, strict=True))
    # Thirteen significant digits: the float noise of the sums (5.9999999999999996 for a trend of exactly 3 a year)
    # would otherwise put a projection that lands exactly on a threshold (Q = 0,6, a 5% margin) below it.
    return Decimal(f"{sxy / sxx:.13g}")


def _cap(raw: Decimal, scale: Decimal) -> Decimal:
    """A projection within ± PROJECTION_CAP × `scale` (the largest of the goal and the figures, in size)."""
    limit = PROJECTION_CAP * max(scale, Decimal(1))
    return max(-limit, min(limit, raw))


@dataclass(frozen=True)
class _Trend:
    """Where the trend of a window leads by the goal year, and what it rests on."""

    method: Projection
    capped: Decimal  # the value drawn, within the cap (for Q)
    shown: Decimal  # and within the indicator's bounds (what the page shows)
    pace: Decimal  # the linear slope per year of the figures the trend rests on
    start: Point  # the first of those figures


def _steps(points: Sequence[Point]) -> list[Decimal]:
    return [b.value - a.value for a, b in zip(points, points[1:], strict=False)]


def _paces(points: Sequence[Point]) -> tuple[Decimal, ...]:
    """The change per year between each two consecutive figures."""
    return tuple((b.value - a.value) / (b.time - a.time) for a, b in zip(points, points[1:], strict=False))


def _linear_pace(window: Sequence[Point]) -> tuple[Decimal, Point]:
    """The slope per year the linear projection rests on, and the first figure it is drawn from (step 8).

    The recency-weighted slope of the window, except where the latest figures run one way: a run of two steps or
    more (non-decreasing, or non-increasing) is never dragged the other way by older figures (90, 70, 74, 78 rises
    4 a year, whatever the 90 says), and a series unchanged over its last two steps has stalled (slope 0). Taking
    the run's slope only where it is the steeper one keeps the flag monotone in the latest figure."""
    steps = _steps(window)
    whole = _weighted_slope(window)
    if len(steps) < 2:
        return whole, window[0]
    if steps[-1] == 0 and steps[-2] == 0:
        first = len(steps) - 2
        while first > 0 and steps[first - 1] == 0:
            first -= 1
        return _ZERO, window[first]
    rising = steps[-1] > 0 or (steps[-1] == 0 and steps[-2] > 0)
    first = len(steps) - 1
    while first > 0 and (steps[first - 1] >= 0 if rising else steps[first - 1] <= 0):
        first -= 1
    if len(steps) - first < 2 or first == 0:
        return whole, window[0]
    run = window[first:]
    slope = _weighted_slope(run)
    if (slope > whole) if rising else (slope < whole):
        return slope, run[0]
    return whole, window[0]


def _project(
    window: Sequence[Point], target: Decimal | None, goal_year: int, *, share: bool, bounds: Bounds
) -> _Trend | None:
    """The trend of `window` (two figures or more, oldest first) drawn to the end of `goal_year`. None when nothing
    is ahead."""
    if len(window) < 2:
        return None
    latest = window[-1]
    years_left = Decimal(goal_year) - latest.time
    if years_left <= 0:
        return None
    start = window[0]
    pace, trend_start = _linear_pace(window)
    method, raw = Projection.LINEAR, latest.value + pace * years_left
    cagr = _cagr(start.value, latest.value, latest.time - start.time)
    # Compound growth only for a quantity that grew at every step of the window: not across one jump followed by a
    # stall, and never a decay, which would never reach a goal of 0. Where the linear trend runs higher (growth
    # slowing in relative terms but not in amount), the linear one: either way, a higher figure never lowers it.
    if not share and cagr is not None and all(step > 0 for step in _steps(window)):
        compound = latest.value * (1 + cagr) ** years_left
        if compound >= raw:
            method, raw, trend_start = Projection.COMPOUND, compound, start
    scale = max([abs(p.value) for p in window] + ([abs(target)] if target is not None else []))
    capped = _cap(raw, scale)
    return _Trend(method, capped, _clamp(capped, *bounds), pace, trend_start)


def _clamp(value: Decimal, lower: Decimal | None, upper: Decimal | None) -> Decimal:
    if lower is not None and value < lower:
        return lower
    if upper is not None and value > upper:
        return upper
    return value


def _milestone(plans: Iterable[Goal], latest: Point | None, higher_is_better: bool) -> Milestone | None:
    if latest is None:
        return None
    plan = next((p for p in plans if p.year == latest.year), None)
    if plan is None:
        return None
    if not plan.is_numeric:
        return Milestone(plan, latest, None, None)
    assert plan.value is not None
    d = direction_of(plan.comparator, higher_is_better)
    met = is_met(latest.value, plan.comparator, plan.value, higher_is_better)
    return Milestone(plan, latest, met, d * (plan.value - latest.value))


def assess(
    *,
    points: Iterable[Point],
    goals: Iterable[Goal],
    today: date,
    plans: Iterable[Goal] = (),
    higher_is_better: bool = True,
    share: bool = True,
    lower_bound: Decimal | None = None,
    upper_bound: Decimal | None = None,
) -> Progress:
    """Judge one indicator as of `today`: `goals` and `plans` hold the target in force for each year (goal kind
    and plan kind), `share` says the measure is a percentage (quarterly figures used, linear projection)."""
    with localcontext() as ctx:
        ctx.prec = 28
        # An exploding trend gives infinity, which the cap then brings back: never an error.
        ctx.traps[Overflow] = ctx.traps[Underflow] = ctx.traps[Subnormal] = False
        ctx.traps[InvalidOperation] = True
        goals = list(goals)
        pointlist = series(points, share=share, higher_is_better=higher_is_better)
        settings: _Settings = {
            "higher_is_better": higher_is_better,
            "share": share,
            "bounds": (lower_bound, upper_bound),
        }
        progress = _assess(points=pointlist, goals=goals, plans=list(plans), today=today, **settings)
        verdicts = tuple(_verdict(goal, pointlist, **settings) for goal in past_goals(goals, today))
        return replace(progress, past_goals=verdicts)


Bounds = tuple[Decimal | None, Decimal | None]  # the indicator's lower and upper bound


class _Settings(TypedDict):
    higher_is_better: bool
    share: bool
    bounds: Bounds


class _Pending(TypedDict):
    basis: Point
    gap: Decimal
    basis_met: bool


class _Common(TypedDict):
    goal: Goal | None
    latest: Point | None
    baseline: Point | None
    figures_used: int
    provisional: bool
    milestone: Milestone | None


class _Numbers(TypedDict, total=False):
    """The figures of `Progress` that `_assess` works out when there is a goal ahead and a figure."""

    met: bool
    gap: Decimal
    years_left: Decimal
    required_pace: Decimal
    progress: Decimal
    previous: Point
    last_pace: Decimal
    window_start: Point
    average_pace: Decimal
    provisional_in_trend: bool
    actual_cagr: Decimal | None
    required_cagr: Decimal | None
    ratio: Decimal
    projection: Projection
    projected_value: Decimal
    projected_share: Decimal
    trend_pace: Decimal
    trend_start: Point
    recent_paces: tuple[Decimal, ...]
    slowing: bool


def _window(points: Sequence[Point], latest: Point) -> list[Point]:
    return [p for p in points if latest.time - TREND_WINDOW_YEARS <= p.time <= latest.time]


def _verdict(goal: Goal, points: list[Point], *, higher_is_better: bool, share: bool, bounds: Bounds) -> PastGoal:
    if not goal.is_numeric:
        return PastGoal(goal, Verdict.NO_NUMERIC_TARGET)
    assert goal.value is not None
    d = direction_of(goal.comparator, higher_is_better)
    end = Decimal(goal.year)
    figure = next((p for p in points if p.time == end), None)
    if figure is not None:
        verdict = Verdict.MET if is_met(figure.value, goal.comparator, goal.value, higher_is_better) else Verdict.MISSED
        return PastGoal(goal, verdict, figure=figure, gap=d * (goal.value - figure.value))
    before = [p for p in points if p.time < end]
    if not before:
        return PastGoal(goal, Verdict.PENDING)
    basis = before[-1]
    pending: _Pending = {
        "basis": basis,
        "gap": d * (goal.value - basis.value),
        "basis_met": is_met(basis.value, goal.comparator, goal.value, higher_is_better),
    }
    trend = _project(_window(before, basis), goal.value, goal.year, share=share, bounds=bounds)
    if trend is None:
        return PastGoal(goal, Verdict.PENDING, **pending)
    return PastGoal(goal, Verdict.PENDING, projection=trend.method, projected_value=trend.shown, **pending)


def _assess(
    *,
    points: list[Point],
    goals: list[Goal],
    plans: list[Goal],
    today: date,
    higher_is_better: bool,
    share: bool,
    bounds: Bounds,
) -> Progress:
    latest = points[-1] if points else None
    baseline = points[0] if points else None
    goal = choose_goal(goals, today)
    common: _Common = {
        "goal": goal,
        "latest": latest,
        "baseline": baseline,
        "figures_used": len(points),
        "provisional": latest is not None and latest.provisional,
        "milestone": _milestone(plans, latest, higher_is_better),
    }
    if goal is None or not goal.is_numeric:
        return Progress(Flag.NO_NUMERIC_TARGET, **common)
    if year_is_past(goal.year, today):
        # Every goal year is past: the verdict judges the last goal; nothing is left to steer to until a document
        # (or an accepted proposal) sets the next goal. The gap to the last goal stays for information.
        if latest is None or goal.value is None:
            return Progress(Flag.NO_GOAL_AHEAD, **common, new_goal_needed=True)
        return _past_last_goal(goal, points, latest, common, higher_is_better=higher_is_better)
    if latest is None:
        return Progress(Flag.INSUFFICIENT_DATA, **common)
    assert goal.value is not None and baseline is not None
    target = goal.value
    d = direction_of(goal.comparator, higher_is_better)
    v = latest.value
    gap = d * (target - v)
    met = is_met(v, goal.comparator, target, higher_is_better)
    years_left = Decimal(goal.year) - latest.time
    margin_needed = FAR_AHEAD_MARGIN * abs(target)
    numbers: _Numbers = {"met": met, "gap": gap, "years_left": years_left}

    # To the goal's own value: "khoảng 6%" met at 5,8 still asks 0,2 a year to 6 (met only decides the flag).
    if years_left > 0 and (not met or gap > 0):
        numbers["required_pace"] = (target - v) / years_left
    if len(points) >= 2 and d * (target - baseline.value) > 0:
        numbers["progress"] = (v - baseline.value) / (target - baseline.value)

    window = _window(points, latest)
    projected = capped = None
    if len(window) >= 2:
        start, previous = window[0], window[-2]
        numbers["previous"] = previous
        numbers["last_pace"] = (v - previous.value) / (latest.time - previous.time)
        numbers["window_start"] = start
        numbers["average_pace"] = (v - start.value) / (latest.time - start.time)
        numbers["provisional_in_trend"] = any(p.provisional for p in window)
        actual_cagr = _cagr(start.value, v, latest.time - start.time)
        required_cagr = _cagr(start.value, target, Decimal(goal.year) - start.time)
        numbers["actual_cagr"], numbers["required_cagr"] = actual_cagr, required_cagr
        if actual_cagr is not None and required_cagr and d * (target - start.value) > 0:
            numbers["ratio"] = actual_cagr / required_cagr
        paces = _paces(window)
        numbers["recent_paces"] = paces
        numbers["slowing"] = _slowing(paces, d)
        trend = _project(window, target, goal.year, share=share, bounds=bounds)
        if trend is not None:
            # Q comes from the trend itself; the value shown stays within the indicator's bounds (≤ 100%).
            capped, projected = trend.capped, trend.shown
            numbers["projection"], numbers["projected_value"] = trend.method, projected
            numbers["trend_pace"], numbers["trend_start"] = trend.pace, trend.start
            if gap != 0 and not met:
                numbers["projected_share"] = (capped - v) / (target - v)

    # Far ahead on a projection only while the figure still moves toward the goal: a series that did not move in
    # its last step is not ahead of anything (1,37 → 4,94 → 4,94 is not "far ahead" of ~ 9,99).
    moving = d * numbers.get("last_pace", _ZERO) > 0
    clears_goal = projected is not None and moving and d * (projected - target) >= margin_needed and projected != target
    if met:
        if projected is not None and not is_met(projected, goal.comparator, target, higher_is_better):
            return Progress(Flag.AT_RISK, **common, **numbers)  # met today, but the trend falls below by its year
        margin = d * (v - target)
        far = (margin >= margin_needed and margin > 0) or clears_goal
        return Progress(Flag.FAR_AHEAD if far else Flag.TARGET_MET, **common, **numbers)
    if years_left <= 0:
        return Progress(Flag.OFF_TRACK, **common, **numbers, overdue=True)
    if capped is None:
        return Progress(Flag.INSUFFICIENT_DATA, **common, **numbers)
    flag = _flag_for_trend(numbers.get("projected_share"), d * (capped - v), clears_goal)
    return Progress(flag, **common, **numbers)


def _past_last_goal(
    goal: Goal, points: list[Point], latest: Point, common: _Common, *, higher_is_better: bool
) -> Progress:
    """Every goal year is past: a new goal is to be proposed (`new_goal_needed`), an action under principle 3. The
    gap to the last goal stays for information. A series whose trend (step 8) runs away from the last goal while it
    is still unmet goes backwards whether or not a goal lies ahead (1.4: 50% in 2022, 14,26% at the end of 2026,
    against "> 80%" in 2025): `regressing`, remedies required, beside the new goal."""
    assert goal.value is not None
    d = direction_of(goal.comparator, higher_is_better)
    met = is_met(latest.value, goal.comparator, goal.value, higher_is_better)
    numbers: _Numbers = {"met": met, "gap": d * (goal.value - latest.value)}
    window = _window(points, latest)
    if met or len(window) < 2:
        return Progress(Flag.NO_GOAL_AHEAD, **common, **numbers, new_goal_needed=True)
    previous, start = window[-2], window[0]
    pace, trend_start = _linear_pace(window)
    numbers["previous"], numbers["window_start"] = previous, start
    numbers["last_pace"] = (latest.value - previous.value) / (latest.time - previous.time)
    numbers["average_pace"] = (latest.value - start.value) / (latest.time - start.time)
    numbers["provisional_in_trend"] = any(p.provisional for p in window)
    numbers["trend_pace"], numbers["trend_start"] = pace, trend_start
    numbers["recent_paces"] = _paces(window)
    flag = Flag.REGRESSING if d * pace < 0 else Flag.NO_GOAL_AHEAD
    return Progress(flag, **common, **numbers, new_goal_needed=True)


def _slowing(paces: Sequence[Decimal], d: int) -> bool:
    """The series slows year after year: its last three steps each move toward the goal, each less than the one
    before (1.1: 2,35 → 2,24 → 1,8 points a year)."""
    last = [d * pace for pace in paces[-3:]]
    return len(last) == 3 and last[0] > last[1] > last[2] > 0


def _flag_for_trend(q: Decimal | None, projected_change: Decimal, clears_goal: bool) -> Flag:
    """From Q, the projected share of the needed progress. Q is undefined when the figure sits exactly on the
    threshold of a strict target ("> 50" at 50): then only the direction of the projected change counts."""
    if q is None:
        if projected_change > 0:
            return Flag.FAR_AHEAD if clears_goal else Flag.ON_TRACK
        return Flag.OFF_TRACK if projected_change == 0 else Flag.REGRESSING
    if q >= FAR_AHEAD_Q and clears_goal:
        return Flag.FAR_AHEAD
    if q >= ON_TRACK_Q:
        return Flag.ON_TRACK
    if q >= ACCELERATE_Q:
        return Flag.ACCELERATE
    if q >= 0:
        return Flag.OFF_TRACK
    return Flag.REGRESSING
