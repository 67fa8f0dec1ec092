"""The data-quality rules, pure: which rules a figure breaks, given plain facts about it. No ORM, no request.

A rule is data (`quality.models.Rule`, edited in the admin): its kind decides which test runs, its parameters
(k, N, the plausible range) how strict the test is, its message what the unit reads, its severity whether the
figure is asked about ("confirm": the unit confirms with a note before submitting) or refused ("refuse").

The series tests read the indicator's recent quarterly figures of record, oldest first:
- `series_deviation`: the figure is more than k median absolute deviations from the median of the recent
  quarters (robust: one old outlier moves neither). Needs `MIN_SERIES` quarters; a series that never moves
  (deviation 0) is given a deviation of `FLOOR_SHARE` of its median, so a constant series still flags a jump and
  a tiny wobble of a large figure does not.
- `share_jump`: a percentage moves more than N points from the previous quarter.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from statistics import median


class Kind(StrEnum):
    SERIES_DEVIATION = "series_deviation"
    SHARE_JUMP = "share_jump"
    SUBROW_PARENT = "subrow_parent"
    PLAUSIBLE_RANGE = "plausible_range"
    PROVISIONAL_AGE = "provisional_age"
    COMPARISON_AGE = "comparison_age"
    MISSING_SOURCE = "missing_source"


class Severity(StrEnum):
    CONFIRM = "confirm"
    REFUSE = "refuse"


MIN_SERIES = 4  # quarters of record the deviation test needs
RECENT_QUARTERS = 8  # how far back "recent" reaches
FLOOR_SHARE = Decimal("0.01")  # the smallest deviation counted, as a share of the median


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the evaluation reads it (`quality.models.Rule.spec()`)."""

    kind: Kind
    message: str
    severity: Severity = Severity.CONFIRM
    k: Decimal | None = None
    n: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    measure_unit: str = ""  # the plausible range's measure; "" for any


@dataclass(frozen=True)
class FigureFacts:
    """What the rules read of one figure being entered."""

    value: Decimal | None
    measure_unit: str = "%"
    recent: tuple[Decimal, ...] = ()  # earlier quarters' figures of record, oldest first
    parent: Decimal | None = None  # for a sub-row's check, the parent row's figure of the same quarter
    siblings: tuple[Decimal, ...] = ()  # for a parent row: its sub-rows' figures of the quarter
    provisional_quarters: int | None = None  # age in quarters of the oldest provisional figure not yet replaced
    comparison_age: int | None = None  # years between the comparison's year and the quarter's year
    has_source: bool = True


@dataclass(frozen=True)
class Flag:
    """A rule the figure breaks, and why (`details`: the numbers the message may name)."""

    rule: Kind
    message: str
    severity: Severity
    details: dict[str, Decimal | int] = field(default_factory=dict)

    @property
    def refuses(self) -> bool:
        return self.severity == Severity.REFUSE


def deviation(value: Decimal, series: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal] | None:
    """(median, median absolute deviation, how many of them the value lies away), or None for a short series
    or one that is zero throughout."""
    if len(series) < MIN_SERIES:
        return None
    centre = Decimal(median(series))
    spread = Decimal(median(abs(v - centre) for v in series))
    spread = max(spread, abs(centre) * FLOOR_SHARE)
    if spread == 0:
        return None
    return centre, spread, abs(value - centre) / spread


def _series_deviation(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    if rule.k is None:
        return None
    found = deviation(value, facts.recent[-RECENT_QUARTERS:])
    if found is None or found[2] <= rule.k:
        return None
    centre, spread, times = found
    return {"median": centre, "mad": spread, "times": times.quantize(Decimal("0.1")), "k": rule.k}


def _share_jump(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    if rule.n is None or facts.measure_unit != "%" or not facts.recent:
        return None
    previous = facts.recent[-1]
    moved = abs(value - previous)
    return {"previous": previous, "points": moved, "n": rule.n} if moved > rule.n else None


def _subrow_parent(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    """A share of the whole lies between its parts' shares (a weighted mean of them); a count is their sum
    (within N, default 0)."""
    if facts.siblings:  # the figure is the parent's
        parts, whole = facts.siblings, value
    elif facts.parent is not None:
        return None  # checked on the parent's figure, which sees every part
    else:
        return None
    tolerance = rule.n or Decimal(0)
    if facts.measure_unit == "%":
        low, high = min(parts), max(parts)
        if low - tolerance <= whole <= high + tolerance:
            return None
        return {"low": low, "high": high}
    total = sum(parts, Decimal(0))
    return None if abs(total - whole) <= tolerance else {"low": total, "high": total}


def _plausible_range(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    if rule.measure_unit and rule.measure_unit != facts.measure_unit:
        return None
    below = rule.low is not None and value < rule.low
    above = rule.high is not None and value > rule.high
    return {"low": rule.low or Decimal(0), "high": rule.high or Decimal(0)} if below or above else None


def _provisional_age(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    limit = int(rule.n) if rule.n is not None else 2
    age = facts.provisional_quarters
    return {"quarters": age, "n": limit} if age is not None and age >= limit else None


def _comparison_age(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    limit = int(rule.n) if rule.n is not None else 3
    age = facts.comparison_age
    return {"years": age, "n": limit} if age is not None and age > limit else None


def _missing_source(rule: RuleSpec, facts: FigureFacts, value: Decimal) -> dict | None:
    return None if facts.has_source else {}


TESTS = {
    Kind.SERIES_DEVIATION: _series_deviation,
    Kind.SHARE_JUMP: _share_jump,
    Kind.SUBROW_PARENT: _subrow_parent,
    Kind.PLAUSIBLE_RANGE: _plausible_range,
    Kind.PROVISIONAL_AGE: _provisional_age,
    Kind.COMPARISON_AGE: _comparison_age,
    Kind.MISSING_SOURCE: _missing_source,
}


def evaluate(rules: Sequence[RuleSpec], facts: FigureFacts) -> list[Flag]:
    """The flags of a figure, in the rules' order; none for an empty figure (nothing to ask about yet)."""
    if facts.value is None:
        return []
    flags = []
    for rule in rules:
        details = TESTS[rule.kind](rule, facts, facts.value)
        if details is not None:
            flags.append(Flag(rule=rule.kind, message=rule.message, severity=rule.severity, details=details))
    return flags


def quarters_between(earlier: tuple[int, int], later: tuple[int, int]) -> int:
    """Quarters from (year, quarter) `earlier` to `later`: 2026Q2 to 2026Q4 is 2."""
    return (later[0] - earlier[0]) * 4 + later[1] - earlier[1]


class _Known(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def describe(flag: Flag, number: Callable[[Decimal], str]) -> str:
    """The rule's message with the numbers it names ({median}, {points}, ...) written by `number`; a name the
    figure's details do not hold stays as written, so an administrator's typo never breaks a page."""
    values: Mapping[str, str] = _Known(
        {name: number(v) if isinstance(v, Decimal) else str(v) for name, v in flag.details.items()}
    )
    try:
        return string.Formatter().vformat(flag.message, (), values)
    except (ValueError, IndexError, KeyError, AttributeError):  # a stray brace: the message as written
        return flag.message
