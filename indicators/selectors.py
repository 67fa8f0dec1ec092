"""Reads that pages and the API share."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TypeVar

from django.core.cache import caches
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators.assessment import Assessment, TargetCell, assess_indicator, points_of
from indicators.figures import BASELINE, GOAL, Column, baseline, strategy_columns, targets_disagree
from indicators.formatting import decimal_to_plain, format_measure
from indicators.models import Indicator, Observation, Target
from indicators.periods import year_is_past
from indicators.progress import FLAG_URGENCY, Progress
from indicators.stored import LAYOUT, stored_assessments

__all__ = ["Assessment", "TargetCell", "assess_indicator", "points_of"]  # read here by the pages and the API

T = TypeVar("T")

# What an indicator's part of a page or an answer is kept under, read in one query: its id and revision (raised by
# the database with every change of the indicator, its targets, its figures and the documents they cite), and the
# other rows' names it shows (its group's, its parent's code, its reporting unit's), which the revision does not
# count.
KEYED_BY = (
    "pk",
    "revision",
    "group__name",
    "parent__code",
    "reporting_unit__slug",
    "reporting_unit__name",
    "reporting_unit__short_name",
)


def indicator_key(found: tuple, today: date, kind: str) -> str:
    """An indicator's part in the cache (settings.CACHES["indicators"]): what `KEYED_BY` read, the layout of the
    stored assessments (the code that makes them), the day (the goal to steer to and the verdicts depend on it), the
    language and the kind of part."""
    shown = hashlib.blake2b(repr(found).encode(), digest_size=16).hexdigest()
    return f"indicator:{kind}:{LAYOUT}:{found[0]}:{found[1]}:{shown}:{today.isoformat()}:{get_language()}"


def kept_per_indicator(
    indicators: QuerySet[Indicator], today: date, kind: str, make: Callable[[list[int]], dict[int, T]]
) -> list[T]:
    """Each of these indicators' part of a page, kept per indicator under `indicator_key`, in the indicators' order;
    `make` makes the parts not kept, from the indicators' ids, by id. A change of one indicator makes its part
    again and no other. Queries: one for the keys; only when a part is not kept, those of `make`."""
    keys = {found[0]: indicator_key(found, today, kind) for found in indicators.values_list(*KEYED_BY)}
    cache = caches["indicators"]
    kept = cache.get_many(list(keys.values()))
    parts = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in keys if pk not in parts]
    if missing:
        made = make(missing)
        cache.set_many({keys[pk]: part for pk, part in made.items()})
        parts.update(made)
    return [parts[pk] for pk in keys if pk in parts]


@dataclass
class IndicatorRow:
    """One indicator on the home table: its read model and the cells of the columns in force."""

    assessment: Assessment
    columns: list[Column]
    columns_key: str = ""  # the columns as `row_key` reads them: made once for the table's rows

    @property
    def indicator(self) -> Indicator:
        return self.assessment.indicator

    @property
    def progress(self) -> Progress:
        return self.assessment.progress

    @cached_property  # the table reads one cell at a time: built once per row, not once per cell
    def cells(self) -> dict[str, TargetCell]:
        return {c.key: self.assessment.cell(c.year, c.kind) for c in self.columns if c.kind != BASELINE}

    @property
    def flag(self) -> str:
        return self.progress.flag.value

    @property
    def flag_sort(self) -> tuple[int, str]:
        """Most urgent first: regressing, off track, at risk, speed up, far ahead, too little data, on track, met."""
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
    def baseline_year(self) -> int | None:
        return next((c.year for c in self.columns if c.kind == BASELINE), None)

    @cached_property  # read only to render the row or sort by it: the stored yearly figures stay stored otherwise
    def baseline(self) -> Observation | None:
        year = self.baseline_year
        return baseline(self.assessment.yearly, up_to_year=year) if year else None

    @property
    def baseline_display(self) -> str:
        obs = self.baseline
        if obs is None:
            return ""
        unit = self.indicator.measure_unit if getattr(obs, "unit_written", True) else ""
        text = format_measure(obs.value, unit, self.indicator.decimals)
        if obs.year != self.baseline_year:
            text += " " + _("(%(year)d figure)") % {"year": obs.year}
        return text

    @property
    def baseline_sort(self) -> tuple[int, Decimal]:
        return (0, Decimal(0)) if self.baseline is None else (1, self.baseline.value)

    @property
    def reporting_unit_name(self) -> str:
        unit = self.indicator.reporting_unit
        return unit.short_name if unit else ""

    @property
    def row_key(self) -> str:
        """What the row's rendered cells are kept under (indicators/indicator_table.html): every cell is made from
        the indicator's own fields, its assessment, the columns in force and its reporting unit's name. The fields
        are all in the key, the revision among them; the assessment is what the stored assessments are read by
        (the revision, the day, the layout: `indicators.stored`); the unit's name is another row's. The language is
        added by the template."""
        indicator = self.indicator
        fields = {name: value for name, value in vars(indicator).items() if not name.startswith("_")}
        made_from = (fields, self.reporting_unit_name, LAYOUT, self.assessment.today, self.columns_key or self.columns)
        return hashlib.blake2b(repr(made_from).encode(), digest_size=16).hexdigest()


@dataclass
class HomeTable:
    """The home page's read model: the columns of the strategy period in force and a row per indicator."""

    columns: list[Column]
    rows: list[IndicatorRow]
    today: date

    @property
    def next_goal_year(self) -> int | None:
        upcoming = [c.year for c in self.columns if c.kind == GOAL and not c.past]
        return upcoming[-1] if upcoming else None


def home_table(today: date) -> HomeTable:
    """Every indicator as of `today`, from the stored assessments: one query (indicators with their group, unit,
    parent and stored assessment joined), and those of `stored_assessments` for any not stored for today. The
    columns come from the targets in force stored beside the progress: an indicator's targets and yearly figures
    are read from storage only for a row that is rendered again or sorted by them."""
    assessments = stored_assessments(Indicator.objects.with_stored(), today)
    columns = strategy_columns({key for a in assessments for key in a.figures_in_force}, today)
    columns_key = repr(columns)
    rows = [IndicatorRow(a, columns, columns_key) for a in assessments]
    return HomeTable(columns, rows, today)


def goal_years() -> list[int]:
    """The years for which the documents set strategy goals (2025 and 2030 in Decision 411)."""
    return list(Target.objects.filter(kind=Target.Kind.GOAL).order_by("year").values_list("year", flat=True).distinct())


def target_years(assessment: Assessment) -> list[dict]:
    """The indicator page's targets, (year, kind) by (year, kind): every document's, the one in force, whether
    they disagree, and for a goal already past its verdict."""
    return [
        {
            "year": year,
            "kind": kind,
            "targets": group,
            "in_force": group[0],
            "disputed": targets_disagree(group),
            "verdict": assessment.cell(year, kind).verdict,
        }
        for (year, kind), group in assessment.groups.items()
    ]


def proposal_initial(assessment: Assessment, strategy_goal_years: list[int]) -> dict:
    """The proposal form's starting values: the goal the assessment steers to, in force, or the first goal year
    not yet past."""
    today = assessment.today
    goal = assessment.progress.goal
    if goal is None or year_is_past(goal.year, today):
        upcoming = [year for year in strategy_goal_years if not year_is_past(year, today)]
        return {"year": upcoming[0] if upcoming else today.year, "kind": GOAL, "comparator": ">="}
    target = assessment.goal_targets[0]
    initial = {"year": goal.year, "kind": GOAL, "comparator": target.comparator or ">="}
    if target.value is not None:
        plain = decimal_to_plain(target.value)
        assert plain is not None  # a value has its text
        initial["value"] = plain.replace(".", ",")  # 100, not 1E+2
    return initial
