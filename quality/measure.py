"""How well the rules find wrong figures: outliers planted at known places in series of figures of record, each
figure judged as if entered after the figures before it. Pure: the command `measure_quality_rules` hands it the
series (`manage.py generate_benchmark_data` makes a national set) and prints what it returns.

A planted outlier is the slip seen in the tracker's own example (81,2 entered as 8,12): the figure divided by ten,
or multiplied by ten where that stays within the measure's bounds; every other figure is entered as recorded. A
planted figure the rules flag is found; a recorded figure they flag is a false alarm."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from quality.rules import FigureFacts, Kind, RuleSpec, evaluate

SERIES_KINDS = (Kind.SERIES_DEVIATION, Kind.SHARE_JUMP)  # the rules that read the series


@dataclass(frozen=True)
class Series:
    code: str
    measure_unit: str
    values: tuple[Decimal, ...]  # quarterly figures of record, oldest first
    maximum: Decimal | None = None


@dataclass
class Measurement:
    planted: int = 0
    found: int = 0
    clean: int = 0
    false_alarms: int = 0
    found_by: dict[str, int] = field(default_factory=dict)  # planted figures each rule flags
    alarms_by: dict[str, int] = field(default_factory=dict)  # recorded figures each rule flags

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0


def slip(value: Decimal, maximum: Decimal | None, rng: random.Random) -> Decimal:
    """The figure with its decimal point one place off."""
    up = value * 10
    if rng.random() < 0.5 and (maximum is None or up <= maximum):
        return up
    return value / 10


def measure(
    series: Sequence[Series], rules: Sequence[RuleSpec], *, share: float = 0.05, seed: int = 411
) -> Measurement:
    """Judge every figure after the first of each series; a `share` of them (chosen by `seed`) entered with a
    slip. Only the series rules run: the generated figures all have a source and no comparison."""
    rng = random.Random(seed)
    chosen = [r for r in rules if r.kind in SERIES_KINDS]
    result = Measurement()
    for one in series:
        for i in range(1, len(one.values)):
            recorded = one.values[i]
            planted = rng.random() < share and recorded != 0
            entered = slip(recorded, one.maximum, rng) if planted else recorded
            flags = evaluate(chosen, FigureFacts(value=entered, measure_unit=one.measure_unit, recent=one.values[:i]))
            tally = result.found_by if planted else result.alarms_by
            for flag in flags:
                tally[flag.rule.value] = tally.get(flag.rule.value, 0) + 1
            if planted:
                result.planted += 1
                result.found += bool(flags)
            else:
                result.clean += 1
                result.false_alarms += bool(flags)
    return result
