"""What the target round's pages, files and API read: the indicators that need the next period's targets with
their suggestions (`next_period`), and a round with its items (`round_table`). A fixed number of queries each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from indicators.assessment import Assessment, assess_indicator, points_of
from indicators.explanations import past_goal_line, period_label
from indicators.figures import GOAL, PLAN
from indicators.formatting import format_measure, format_number, format_target
from indicators.models import Indicator, Target
from indicators.periods import year_is_past
from indicators.progress import Point, Projection
from indicators.values import is_percentage
from targets import suggestions
from targets.models import RoundItem, RoundValue, TargetRound

METHOD_LABELS = dict(RoundValue.Method.choices)
PERIOD_YEARS = 5  # a strategy period: 2021–2025, 2026–2030


@dataclass(frozen=True)
class Period:
    first_year: int
    goal_year: int

    @property
    def label(self) -> str:
        return f"{self.first_year}–{self.goal_year}"

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.goal_year + 1))


def next_period(goal_years: list[int], today: date) -> Period:
    """The period to set targets for: from the year after the last goal year already past to the next goal year the
    documents set (2026–2030 in late 2026); five years on when no document sets one ahead."""
    past = [year for year in goal_years if year_is_past(year, today)]
    ahead = [year for year in goal_years if not year_is_past(year, today)]
    first = (past[-1] + 1) if past else today.year
    return Period(first, ahead[0] if ahead else first + PERIOD_YEARS - 1)


def needs_targets(assessment: Assessment, period: Period) -> bool:
    """An indicator without a goal ahead (every goal year past, or none), or whose next goal has no yearly plan."""
    keys = assessment.groups.keys()
    if (period.goal_year, GOAL) not in keys:
        return True
    return not any((year, PLAN) in keys for year in period.years[:-1])


def _in_force(assessment: Assessment) -> dict[tuple[int, str], suggestions.InForce]:
    return {
        key: suggestions.InForce(t.comparator, t.value, t.wording, t.document.label)
        for key, t in assessment.in_force.items()
    }


def basis_text(value: suggestions.SuggestedValue, indicator: Indicator) -> str:
    """The numbers behind a suggested value, in one Vietnamese sentence."""
    basis = value.basis

    def measure(v: Decimal | None) -> str:
        return format_measure(v, indicator.measure_unit, indicator.decimals)

    def figure(point: Point) -> str:
        """A figure as its document writes it (1.2's "4,36" has no unit)."""
        return format_measure(point.value, indicator.measure_unit if point.unit_written else "", indicator.decimals)

    def number(v: Decimal | None) -> str:
        """A year's step: in percentage points for a share, else in the indicator's unit."""
        unit = _("percentage points") if indicator.measure_unit == "%" else indicator.measure_unit
        return f"{format_number(v, indicator.decimals)} {unit}"

    if value.method == suggestions.DOCUMENT:
        return _("Set by %(document)s for %(year)s.") % {"document": basis.document, "year": value.year}
    if value.method == suggestions.DOCUMENT_PATH and basis.latest is not None:
        return _("From %(latest)s (%(period)s) to the goal %(goal)s of %(document)s, %(step)s a year.") % {
            "latest": figure(basis.latest),
            "period": period_label(basis.latest),
            "goal": measure(basis.goal),
            "document": basis.document,
            "step": number(basis.step),
        }
    if value.method == suggestions.DOCUMENT_PATH and basis.start is not None:
        return _("From the %(year)s goal %(start)s to the goal %(goal)s of %(document)s, %(step)s a year.") % {
            "year": basis.start_year,
            "start": measure(basis.start),
            "goal": measure(basis.goal),
            "document": basis.document,
            "step": number(basis.step),
        }
    if value.method == suggestions.TREND and basis.latest is not None:
        method = _("compound growth") if basis.projection == Projection.COMPOUND else _("recency-weighted line")
        return _("Trend (%(method)s) from %(latest)s (%(period)s): about %(projected)s in %(year)s.") % {
            "method": method,
            "latest": figure(basis.latest),
            "period": period_label(basis.latest),
            "projected": measure(basis.projected),
            "year": value.year,
        }
    if value.method == suggestions.PACE:
        return _("The last goal asked %(step)s a year (%(start)s in %(start_year)s to %(goal)s in %(goal_year)s).") % {
            "step": number(basis.step),
            "start": measure(basis.start),
            "start_year": basis.start_year,
            "goal": measure(basis.goal),
            "goal_year": basis.goal_year,
        }
    if value.method == suggestions.TEXT:
        return _("The last goal is a text: kept as text.")
    return _("No figure and no numeric target to start from: enter a value.")


def suggested_display(comparator: str, value: Decimal | None, wording: str, indicator: Indicator) -> str:
    return format_target(comparator, value, indicator.measure_unit, indicator.decimals) or wording


@dataclass
class Candidate:
    """An indicator to set the next period's targets for, with the suggestion for each year."""

    assessment: Assessment
    period: Period
    values: list[suggestions.SuggestedValue]
    last_goal: str
    last_verdict: str
    bases: list[str] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.assessment.indicator

    @property
    def no_goal_ahead(self) -> bool:
        """Goals, every one of them past (the engine's "no goal ahead", or going backwards with none ahead)."""
        return self.assessment.progress.new_goal_needed

    @property
    def flag(self) -> str:
        return self.assessment.progress.flag

    @property
    def has_suggestion(self) -> bool:
        return any(v.value is not None or v.wording for v in self.values)

    @property
    def rows(self) -> list[dict]:
        indicator = self.indicator
        return [
            {
                "value": v,
                "display": suggested_display(v.comparator, v.value, v.wording, indicator),
                "method": METHOD_LABELS[v.method],
                "basis": basis,
            }
            for v, basis in zip(self.values, self.bases, strict=True)
        ]


def _last_goal(assessment: Assessment, period: Period) -> tuple[str, str]:
    found = suggestions.last_goal(_in_force(assessment), period.first_year)
    if found is None:
        return "", ""
    year, goal = found
    indicator = assessment.indicator
    goal_text = f"{year}: " + (suggested_display(goal.comparator, goal.value, goal.wording, indicator))
    past = next((p for p in assessment.progress.past_goals if p.goal.year == year), None)
    return goal_text, past_goal_line(past, indicator) if past is not None else ""


def candidate(assessment: Assessment, period: Period) -> Candidate:
    indicator = assessment.indicator
    values = suggestions.suggest(
        points=points_of(indicator),
        in_force=_in_force(assessment),
        first_year=period.first_year,
        goal_year=period.goal_year,
        today=assessment.today,
        measure=suggestions.Measure(
            higher_is_better=indicator.higher_is_better,
            share=is_percentage(indicator.measure_unit),
            decimals=indicator.decimals,
            lower_bound=indicator.min_value,
            upper_bound=indicator.max_value,
        ),
    )
    goal, verdict = _last_goal(assessment, period)
    return Candidate(assessment, period, values, goal, verdict, [basis_text(v, indicator) for v in values])


@dataclass
class NextPeriod:
    period: Period
    candidates: list[Candidate]
    open_round: TargetRound | None

    @property
    def without_goal_ahead(self) -> int:
        return sum(1 for c in self.candidates if c.no_goal_ahead)


def next_period_model(today: date) -> NextPeriod:
    """The indicators that need the next period's targets and are not already in an open round, each with its
    suggestion. Queries: the goal years; the indicators with whether they are in an open round; their targets,
    the targets' documents, their figures, the figures' documents; the open round."""
    years = list(
        Target.objects.filter(kind=Target.Kind.GOAL).order_by("year").values_list("year", flat=True).distinct()
    )
    period = next_period(years, today)
    indicators = Indicator.objects.with_figures().annotate(
        in_round=Exists(RoundItem.objects.open().filter(indicator=OuterRef("pk")))
    )
    candidates = []
    for indicator in indicators:
        if indicator.in_round:
            continue
        assessment = assess_indicator(indicator, today)
        if needs_targets(assessment, period):
            candidates.append(candidate(assessment, period))
    open_round = TargetRound.objects.filter(items__in=RoundItem.objects.open()).distinct().first()
    return NextPeriod(period, candidates, open_round)


@dataclass(frozen=True)
class OpenRound:
    """The open round as the dashboard shows it: the round, the codes of its indicators that await a decision or
    a revision."""

    round: TargetRound
    codes: frozenset[str]
    awaiting: int


def open_round_summary() -> OpenRound | None:
    """The open round (the latest, if ever two are), in one query."""
    items = list(RoundItem.objects.open().select_related("round", "indicator").order_by("-round__proposed_at"))
    if not items:
        return None
    latest = items[0].round
    mine = [item for item in items if item.round_id == latest.pk]
    awaiting = sum(1 for item in mine if item.decision == RoundItem.Decision.PENDING)
    return OpenRound(latest, frozenset(item.indicator.code for item in mine), awaiting)


def round_table(target_round: TargetRound) -> list[dict]:
    """The round's table: per indicator, last period's goal and verdict, the suggestion and its method, the proposed
    value, the reason, the decision and the decider (the page, the xlsx, the docx and the API render it). The round
    comes with its items and values (`TargetRound.objects.with_items()`)."""
    rows = []
    for item in target_round.items.all():
        indicator = item.indicator
        values = sorted(item.values.all(), key=lambda v: v.year)
        rows.append(
            {
                "item": item,
                "indicator": indicator,
                "last_goal": item.last_goal,
                "last_verdict": item.last_verdict,
                "years": [
                    {
                        "value": v,
                        "suggested": suggested_display(
                            v.suggested_comparator, v.suggested_value, v.suggested_wording, indicator
                        ),  # fmt: skip
                        "method": METHOD_LABELS.get(v.method, v.method),
                        "proposed": suggested_display(v.comparator, v.value, v.wording, indicator),
                        "decided": suggested_display(v.comparator, v.decided_value, "", indicator)
                        if v.decided_value is not None
                        else "",
                    }
                    for v in values
                ],
                "reason": item.reason,
                "decision": item.get_decision_display(),
                "decision_note": item.decision_note,
                "decider": (item.decided_by.get_full_name() or item.decided_by.username) if item.decided_by else "",
            }
        )
    return rows
