"""Reads of the data-quality app: the facts the rules read about figures being entered, and their flags. Three
queries whatever the number of figures: the active rules, the indicators' figures of record, their sub-rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils import translation

from indicators.formatting import format_number
from indicators.models import Indicator, Observation
from quality.models import Rule
from quality.rules import FigureFacts, Flag, Severity, describe, evaluate, quarters_between


class Entered(Protocol):
    """A figure as a form, an upload or the API hands it to the service (`reporting.services.FigureInput`)."""

    @property
    def indicator(self) -> Indicator: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def source(self) -> str: ...
    @property
    def comparison_year(self) -> int | None: ...


class Period(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def quarter(self) -> int: ...


@dataclass(frozen=True)
class RuleWarning:
    """A flag as it is stored on the figure and shown: the rule's kind, its message with the figure's numbers (in
    the tracker's language, Vietnamese), and its severity."""

    rule: str
    message: str
    severity: str

    @property
    def refuses(self) -> bool:
        return self.severity == Severity.REFUSE

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message, "severity": self.severity}


def _warning(flag: Flag, decimals: int) -> RuleWarning:
    with translation.override(settings.LANGUAGE_CODE):
        message = describe(flag, lambda number: format_number(number, decimals))
    return RuleWarning(rule=flag.rule.value, message=message, severity=flag.severity.value)


def _series(rows: list[tuple[int, int, Decimal, bool]], period: Period) -> tuple[tuple[Decimal, ...], int | None]:
    """The recent figures before `period`, oldest first (a year's figure stands for its fourth quarter when the
    quarter has none; an official figure before a provisional one), and the age in quarters of the oldest
    quarterly provisional figure that no official one has replaced."""
    best: dict[tuple[int, int], tuple[int, Decimal]] = {}
    official_quarters = {(y, q) for y, q, _v, provisional in rows if q and not provisional}
    oldest_pending = None
    for year, quarter, value, provisional in rows:
        key = (year, quarter or 4)
        if key >= (period.year, period.quarter):
            continue
        rank = (2 if quarter else 0) + (0 if provisional else 1)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, value)
        if quarter and provisional and (year, quarter) not in official_quarters:
            oldest_pending = min(oldest_pending or key, key)
    recent = tuple(value for _key, (_rank, value) in sorted(best.items()))
    age = quarters_between(oldest_pending, (period.year, period.quarter)) if oldest_pending else None
    return recent, age


def figure_warnings(
    *,
    period: Period,
    figures: Sequence[Entered],
    stored: Mapping[int, Decimal | None] | None = None,
    province_id: int | None = None,
) -> dict[int, list[RuleWarning]]:
    """The warnings of each figure (by indicator id; a figure without any is left out). `stored` holds the
    submission's values already saved (by indicator id), read for a parent row's sub-rows not sent with it. A
    province's figures (`province_id`: its reporting unit's) are judged against the province's own series, never
    the nation's."""
    rules = [rule.spec() for rule in Rule.objects.active()]
    entered = [f for f in figures if f.value is not None]
    if not rules or not entered:
        return {}
    ids = [f.indicator.pk for f in entered]
    observed: dict[int, list[tuple[int, int, Decimal, bool]]] = {pk: [] for pk in ids}
    series = Observation.breakdowns.filter(province_id=province_id) if province_id is not None else Observation.objects
    for indicator_id, year, quarter, value, provisional in series.filter(indicator_id__in=ids).values_list(
        "indicator_id", "year", "quarter", "value", "provisional"
    ):
        observed[indicator_id].append((year, quarter, value, provisional))
    children: dict[int, list[int]] = {}
    for child_id, parent_id in Indicator.objects.filter(parent_id__in=ids).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(child_id)
    sent = {f.indicator.pk: f.value for f in figures}
    known = {**(stored or {}), **sent}

    found: dict[int, list[RuleWarning]] = {}
    for figure in entered:
        indicator = figure.indicator
        recent, pending_age = _series(observed[indicator.pk], period)
        parts = tuple(v for child in children.get(indicator.pk, []) if (v := known.get(child)) is not None)
        if len(parts) < len(children.get(indicator.pk, [])):
            parts = ()  # judged once every sub-row has its figure
        facts = FigureFacts(
            value=figure.value,
            measure_unit=indicator.measure_unit,
            recent=recent,
            siblings=parts,
            provisional_quarters=pending_age,
            comparison_age=period.year - figure.comparison_year if figure.comparison_year else None,
            has_source=bool(figure.source.strip()),
        )
        flags = evaluate(rules, facts)
        if flags:
            found[indicator.pk] = [_warning(flag, indicator.decimals) for flag in flags]
    return found
