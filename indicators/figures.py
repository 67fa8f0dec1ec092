"""Pure choices over an indicator's targets and figures: which target is in force, which figure is the baseline,
which years the home table shows.

No ORM here: the functions take any objects with the attributes used, so they are tested without a database.

"In force" is decided here and nowhere else, for one indicator, one year and one kind (a yearly plan and a
strategy goal for the same year are two targets, each with its own in force): the document of higher legal
rank (the Prime Minister's decision > a minister's decision > an official letter or notice > a report or press
article), then the later document, then, within one document, a figure over a text that delegates to another
ministry's plan, then the main text over an annex, then the one recorded last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

from indicators.periods import year_is_past


# Read-only members (properties): a model field is read as its value type but accepts more when set, so a
# settable protocol member would never match the real models (Target, Observation, Document).
class _Document(Protocol):
    @property
    def issued_on(self) -> date | None: ...
    @property
    def rank(self) -> int: ...


class TargetLike(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def comparator(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def document(self) -> _Document: ...


class ObservationLike(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def quarter(self) -> int: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def provisional(self) -> bool: ...
    @property
    def document(self) -> _Document | None: ...


T = TypeVar("T", bound=TargetLike)
Obs = TypeVar("Obs", bound=ObservationLike)
V = TypeVar("V")

_UNDATED = date.min
PLAN = "plan"  # Target.Kind values, and the home table's column kinds
GOAL = "goal"
BASELINE = "baseline"


def _document_date(document: _Document | None) -> date:
    return (document.issued_on if document is not None else None) or _UNDATED


def _precedence(target: TargetLike) -> tuple[int, date, bool, bool, int]:
    """Higher wins: the document of higher legal rank; then the later document; within one document a number over
    a delegated text (Phụ lục 01 fills in figures that Mục II.1 leaves to another ministry's plan); then the main
    text over an annex. Two documents of the same rank and date (two adjustment proposals accepted on one day): the
    one recorded last."""
    in_annex = target.section.strip().lower().startswith("phụ lục")
    recorded = getattr(target.document, "pk", None) or 0
    rank = getattr(target.document, "rank", 0) or 0
    return (rank, _document_date(target.document), target.value is not None, not in_annex, recorded)


def target_in_force(targets: Iterable[T]) -> T | None:
    """The target in force among those that documents state for one indicator, one year and one kind."""
    candidates = list(targets)
    kinds = {t.kind for t in candidates}
    if len(kinds) > 1:
        raise ValueError(f"a plan and a goal are never compared for in force: {sorted(kinds)}")
    return max(candidates, key=_precedence) if candidates else None


def targets_in_force(targets: Iterable[T]) -> dict[tuple[int, str], T]:
    """The target in force for every (year, kind) the documents state: the one rule every page reads."""
    return {key: in_force for key, group in by_year_and_kind(targets).items() if (in_force := target_in_force(group))}


def by_year_and_kind(targets: Iterable[T]) -> dict[tuple[int, str], list[T]]:
    """Targets grouped by (year, kind), years ascending and the plan before the goal of the same year, the one in
    force first within a group."""
    grouped: dict[tuple[int, str], list[T]] = {}
    for target in sorted(targets, key=_precedence, reverse=True):
        grouped.setdefault((target.year, target.kind), []).append(target)
    return {key: grouped[key] for key in sorted(grouped, key=lambda k: (k[0], k[1] != "plan"))}


def targets_disagree(targets: Iterable[TargetLike]) -> bool:
    """True when documents give different numbers or comparators for the same year."""
    numeric = {(t.comparator, t.value.normalize()) for t in targets if t.value is not None}
    return len(numeric) > 1


def targets_by_year(targets: Iterable[T]) -> dict[int, list[T]]:
    """Targets of ONE kind grouped by year, years ascending, the one in force first within a year."""
    grouped = by_year_and_kind(targets)
    if len({kind for _year, kind in grouped}) > 1:
        raise ValueError("targets_by_year takes targets of one kind: use by_year_and_kind")
    return {year: group for (year, _kind), group in grouped.items()}


def year_target(in_force: Mapping[tuple[int, str], V], year: int) -> V | None:
    """The target a year is held to, for a page that shows one per year (the entry page, the unit's form, the
    consolidated table): the year's plan in force, or the strategy goal in force when the year is a goal year
    without a plan. `in_force` maps (year, kind) to the target in force, or to what a page reads of it."""
    return in_force.get((year, PLAN)) or in_force.get((year, GOAL))


def baseline(observations: Iterable[Obs], *, up_to_year: int) -> Obs | None:
    """The latest yearly figure not after `up_to_year`: official before provisional, then the latest document.

    Quyết định 466 puts some 2021 figures in its "Ước tính năm 2022" column; this returns them with their
    own year, so the page can say so.
    """
    yearly = [o for o in observations if o.quarter == 0 and o.year <= up_to_year]
    if not yearly:
        return None
    return max(yearly, key=lambda o: (o.year, not o.provisional, _document_date(o.document)))


def in_period_order(observations: Iterable[Obs]) -> list[Obs]:
    """Oldest period first; within a period, figures without a document first, then by the document's date."""
    return sorted(observations, key=lambda o: (o.year, o.quarter, _document_date(o.document)))


# ---------------------------------------------------------------- the columns of the strategy period in force


@dataclass(frozen=True)
class Column:
    """A year column of the home table: the baseline figure, a yearly plan, or a strategy goal."""

    kind: str  # BASELINE, PLAN or GOAL
    year: int
    past: bool = False  # a goal whose year is over: it carries a verdict

    @property
    def key(self) -> str:
        return f"{self.kind}_{self.year}"


def strategy_columns(target_keys: Iterable[tuple[int, str]], today: date) -> list[Column]:
    """The years the home table shows, from the targets the documents state (no year written in code).

    The strategy's periods end at its goal years (2025, 2030): a period runs from the year after the previous goal
    year (the first one from its first yearly plan) to its goal year. The period in force is the one of the next
    goal year not yet past, as soon as a document gives it a yearly plan; until then, the last period that has
    yearly plans (late 2026: 2023–2025, whose goal needs a verdict). The columns: the baseline (the year before the
    period) and the goal that closed the period before (with its verdict), the period's yearly plans, the period's
    goal, and the goal after it.
    """
    keys = set(target_keys)
    goal_years = sorted({year for year, kind in keys if kind == GOAL})
    plan_years = sorted({year for year, kind in keys if kind == PLAN})
    if not goal_years:
        return [Column(PLAN, year) for year in plan_years]
    periods: list[tuple[int, int]] = []
    start = min(plan_years[0], goal_years[0]) if plan_years else goal_years[0]
    for goal_year in goal_years:
        periods.append((start, goal_year))
        start = goal_year + 1
    next_goal = next((year for year in goal_years if not year_is_past(year, today)), None)
    with_plans = [p for p in periods if any(p[0] <= year <= p[1] for year in plan_years)]
    current = next((p for p in periods if p[1] == next_goal), None)
    if current not in with_plans:
        started = [p for p in with_plans if p[0] <= today.year]
        current = started[-1] if started else (current or periods[-1])
    first, last = current
    columns = [Column(BASELINE, first - 1)]
    previous_goal = first - 1
    if previous_goal in goal_years:  # the goal that closed the period before: its verdict stays in sight
        columns.append(Column(GOAL, previous_goal, past=year_is_past(previous_goal, today)))
    columns += [Column(PLAN, year) for year in plan_years if first <= year <= last]
    columns.append(Column(GOAL, last, past=year_is_past(last, today)))
    following = next((year for year in goal_years if year > last), None)
    if following is not None:  # the goal after the period's: the one to steer to once the period is over
        columns.append(Column(GOAL, following, past=year_is_past(following, today)))
    return columns
