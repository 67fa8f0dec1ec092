"""The provinces ranked on one indicator, and the sum the provinces' figures make: pure, over the method's points."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeVar

from indicators.progress import Point, series

K = TypeVar("K")


def latest_by_place(points: Mapping[K, Iterable[Point]], *, share: bool, higher_is_better: bool) -> dict[K, Point]:
    """Each place's latest figure, one per period chosen as the method chooses it for the nation (official over
    provisional, a year over its Q4, the later document)."""
    latest = {}
    for place, place_points in points.items():
        chosen = series(place_points, share=share, higher_is_better=higher_is_better)
        if chosen:
            latest[place] = chosen[-1]
    return latest


def ranked(latest: Mapping[K, Point], *, higher_is_better: bool) -> list[tuple[int, K, Point]]:
    """Best first; places with the same value share a rank (1, 2, 2, 4). Places whose latest figure is of an older
    period than the newest are ranked on it all the same: the period is shown beside it."""
    sign = -1 if higher_is_better else 1
    order = sorted(latest.items(), key=lambda item: (sign * item[1].value, str(item[0])))
    rows: list[tuple[int, K, Point]] = []
    for position, (place, point) in enumerate(order, start=1):
        rank = rows[-1][0] if rows and rows[-1][2].value == point.value else position
        rows.append((rank, place, point))
    return rows


def computed_total(latest: Iterable[Point], year: int, quarter: int) -> tuple[Decimal | None, int]:
    """The sum of the provinces' figures for one period, and how many provinces it holds: for a count only, shown
    as computed beside the national figure of record, never in its place."""
    values = [point.value for point in latest if (point.year, point.quarter) == (year, quarter)]
    return (sum(values, Decimal(0)) if values else None), len(values)
