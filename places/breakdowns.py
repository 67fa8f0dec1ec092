"""The read models of an indicator's figures by province and by sector, as its page shows them: a fixed number of
queries each, the rules in `places.ranking` and the method (`indicators.progress`, called as it is)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import caches
from django.db.models import Exists, OuterRef, Prefetch

from indicators.assessment import Assessment, goals_in_force
from indicators.figures import by_year_and_kind
from indicators.models import Indicator, Observation, Target
from indicators.progress import Flag, Goal, Point, Progress, assess
from indicators.selectors import kept_per_indicator
from indicators.stored import LAYOUT
from indicators.values import is_percentage
from places.models import Province, Sector
from places.ranking import computed_total, latest_by_place, ranked


def _point(observation: Observation) -> Point:
    document = observation.document
    return Point(
        observation.year,
        observation.quarter,
        observation.value,
        observation.provisional,
        document.issued_on if document else None,
    )


@dataclass(frozen=True)
class ProvinceRow:
    rank: int
    province: Province
    figure: Point


@dataclass(frozen=True)
class ProvinceRanking:
    indicator: Indicator
    rows: list[ProvinceRow]
    national: Point | None  # the nation's latest figure of record
    goal: Goal | None  # the next goal in force
    computed: Decimal | None  # for a count: the provinces' figures added up for the national figure's period
    computed_count: int


def province_ranking(assessment: Assessment) -> ProvinceRanking:
    """Three queries: every figure of the provinces in force for the indicator, as plain values (34 provinces × 40
    quarters as model instances with their province and document were most of the page's time after a change);
    those provinces; their former provinces (a former province's own figures are not ranked: it was a part, or the
    province before the reform, not the province in force). One when no province has a figure."""
    indicator = assessment.indicator
    figures = Observation.breakdowns.filter(
        indicator=indicator, province__isnull=False, province__valid_to__isnull=True
    ).values_list("province_id", "year", "quarter", "value", "provisional", "document__issued_on")
    by_id: dict[int, list[Point]] = defaultdict(list)
    for province_id, year, quarter, value, provisional, issued_on in figures:
        by_id[province_id].append(Point(year, quarter, value, provisional, issued_on))
    provinces = Province.objects.filter(pk__in=list(by_id)).with_predecessors() if by_id else []
    points = {province: by_id[province.pk] for province in provinces}
    share, higher = is_percentage(indicator.measure_unit), indicator.higher_is_better
    latest = latest_by_place(points, share=share, higher_is_better=higher)
    national = assessment.progress.latest
    computed, count = None, 0
    if indicator.additive and national is not None:
        computed, count = computed_total(latest.values(), national.year, national.quarter)
    return ProvinceRanking(
        indicator=indicator,
        rows=[ProvinceRow(rank, province, point) for rank, province, point in ranked(latest, higher_is_better=higher)],
        national=national,
        goal=assessment.progress.goal,
        computed=computed,
        computed_count=count,
    )


@dataclass(frozen=True)
class SectorRow:
    sector: Sector
    progress: Progress  # the same method as the nation's, against the indicator's goals


@dataclass(frozen=True)
class SectorTable:
    indicator: Indicator
    goals: list[Goal]  # the floors: the indicator's goals in force ("each sector at least 10%", 2025; 20%, 2030)
    rows: list[SectorRow]


def sector_table(assessment: Assessment, today: date) -> SectorTable:
    """Every sector against the indicator's goals, each flagged by the method. A sector whose figures are a sub-row
    of the indicator (the ICT sector: 1.2.1) is read from that row's figures of record; every other from the
    figures recorded for the sector. Queries: the sectors; the sectors' figures; the sub-rows' figures."""
    indicator = assessment.indicator
    sectors = list(Sector.objects.select_related("indicator", "document").order_by("order", "slug"))
    by_sector: dict[int, list[Point]] = defaultdict(list)
    for figure in Observation.breakdowns.filter(indicator=indicator, sector__isnull=False).select_related("document"):
        assert figure.sector_id is not None  # the filter above
        by_sector[figure.sector_id].append(_point(figure))
    rows_of = {s.indicator_id: s.pk for s in sectors if s.indicator_id is not None}
    for figure in Observation.objects.filter(indicator_id__in=rows_of).select_related("document"):
        by_sector[rows_of[figure.indicator_id]].append(_point(figure))
    goals = goals_in_force(assessment.groups)
    rows = [
        SectorRow(
            sector,
            assess(
                points=by_sector.get(sector.pk, []),
                goals=goals,
                today=today,
                higher_is_better=indicator.higher_is_better,
                share=is_percentage(indicator.measure_unit),
                lower_bound=indicator.min_value,
                upper_bound=indicator.max_value,
            ),
        )
        for sector in sectors
    ]
    return SectorTable(indicator=indicator, goals=goals, rows=rows)


@dataclass(frozen=True)
class HeatmapCell:
    """A province's latest figure on an indicator and its flag (the method's judgement toward the indicator's goals
    in force); both None where the province has no figure for it. Only these are kept (`province_heatmap`): not
    the whole judgement with its series."""

    figure: Point | None
    flag: Flag | None


@dataclass(frozen=True)
class HeatmapColumn:
    """One indicator's column of the heatmap: each province's progress on it, by the province's id (every province
    with a figure, in force or not: the page shows those in force)."""

    code: str
    cells: dict[int, HeatmapCell]


@dataclass(frozen=True)
class HeatmapFlags:
    """What the heatmap draws, and nothing else (its figure is kept under a digest of it): the indicators' codes,
    the provinces' names and each cell's flag (None: no figure)."""

    codes: tuple[str, ...]
    provinces: tuple[str, ...]
    flags: tuple[tuple[Flag | None, ...], ...]


@dataclass(frozen=True)
class ProvinceHeatmap:
    indicators: list[HeatmapColumn]  # those some province has a figure for, in the indicators' order
    provinces: list[Province]  # every province in force
    cells: list[list[HeatmapCell]]  # a row a province, a column an indicator

    def flags(self) -> HeatmapFlags:
        return HeatmapFlags(
            codes=tuple(column.code for column in self.indicators),
            provinces=tuple(province.name for province in self.provinces),
            flags=tuple(tuple(c.flag for c in row) for row in self.cells),
        )


_NO_FIGURE = HeatmapCell(None, None)


def _row_order(row: tuple) -> tuple:
    """A province's figures in one order whatever order the database gives them in: their digest is then one."""
    year, quarter, value, provisional, issued_on = row
    return (year, quarter, value, provisional, issued_on or date.min)


def _columns(ids: list[int], today: date) -> dict[int, HeatmapColumn]:
    """These indicators' columns, by id: each province judged against the indicator's goals in force. Queries: the
    indicators; their targets (documents joined); their provinces' figures.

    A judgement is the method's answer to the province's figures, the indicator's goals and the day, and nothing
    else: it is kept in Django's "judgements" cache under a digest of exactly those (and of the method's code,
    `LAYOUT`), so it is never stale, and one province's new figure judges that province again, not the 34 (the
    method on every province was most of the provinces' page's time after a change: docs/performance.md). Only the
    goals are read of the indicator, not its judgement of the nation, which a province's figure does not change."""
    targets = Prefetch("targets", queryset=Target.objects.select_related("document"))
    indicators = list(Indicator.objects.filter(pk__in=ids).prefetch_related(targets))
    goals = {indicator.pk: goals_in_force(by_year_and_kind(indicator.targets.all())) for indicator in indicators}
    figures = Observation.breakdowns.filter(province__isnull=False, indicator__in=ids).values_list(
        "indicator_id", "province_id", "year", "quarter", "value", "provisional", "document__issued_on"
    )
    rows: dict[int, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for indicator_id, province_id, *row in figures:
        rows[indicator_id][province_id].append(tuple(row))
    keys: dict[tuple[int, int], str] = {}
    for indicator in indicators:
        bounds = (indicator.min_value, indicator.max_value)
        judged_by = (LAYOUT, today, goals[indicator.pk], indicator.higher_is_better, indicator.measure_unit, bounds)
        for province_id, own in rows[indicator.pk].items():
            inputs = repr((judged_by, sorted(own, key=_row_order))).encode()
            keys[(indicator.pk, province_id)] = "province:" + hashlib.blake2b(inputs, digest_size=20).hexdigest()
    cache = caches["judgements"]
    kept = cache.get_many(list(keys.values()))
    made = {}
    columns = {}
    for indicator in indicators:
        cells = {}
        for province_id, own in rows[indicator.pk].items():
            key = keys[(indicator.pk, province_id)]
            if key not in kept:
                progress = assess(
                    points=[Point(*row) for row in own],
                    goals=goals[indicator.pk],
                    today=today,
                    higher_is_better=indicator.higher_is_better,
                    share=is_percentage(indicator.measure_unit),
                    lower_bound=indicator.min_value,
                    upper_bound=indicator.max_value,
                )
                made[key] = kept[key] = HeatmapCell(progress.latest, progress.flag)
            cells[province_id] = kept[key]
        columns[indicator.pk] = HeatmapColumn(indicator.code, cells)
    cache.set_many(made)
    return columns


def province_heatmap(today: date) -> ProvinceHeatmap:
    """Each province's progress on each indicator some province has a figure for, judged by the method against the
    indicator's goals in force. Each indicator's column is kept under the indicator's revision, which every
    figure of it raises, a province's too (`kept_per_indicator`): a province's new figure makes one column again.
    Queries: the provinces in force; their former provinces; the indicators with a province's figure and their
    keys (one); only for columns not kept, those of `_columns`."""
    provinces = list(Province.objects.current().with_predecessors())
    with_figures = Indicator.objects.filter(
        Exists(Observation.breakdowns.filter(indicator=OuterRef("pk"), province__isnull=False))
    )
    columns = kept_per_indicator(with_figures, today, "provinces", lambda ids: _columns(ids, today))
    shown = {province.pk for province in provinces}
    columns = [c for c in columns if shown & c.cells.keys()]
    cells = [[column.cells.get(province.pk, _NO_FIGURE) for column in columns] for province in provinces]
    return ProvinceHeatmap(indicators=columns, provinces=provinces, cells=cells)
