"""The public read model: published figures only, judged by the same rules as every page.

Nothing here reads a figure of record that no release in force holds: the public flag and goal come from
`indicators.progress.assess` over the published figures, with the goals in force of `indicators.figures`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from django.db.models import Exists, OuterRef, QuerySet

from indicators.explanations import flag_label, period_name
from indicators.figures import GOAL, PLAN, targets_in_force
from indicators.models import Document, Indicator, Observation, Target
from indicators.periods import parse_period
from indicators.progress import Flag, Goal, Point, Progress, assess
from indicators.stored import stored_assessments
from indicators.values import is_percentage
from publication.models import Release, ReleasedFigure

T = TypeVar("T", "Target", "StatedTarget")  # a target as a model, or as the index reads it


@dataclass(frozen=True)
class _StatedBy:
    """What the index reads of a target's document: what decides which target is in force."""

    pk: int
    rank: int
    issued_on: date | None


_STATED_BY = ("document_id", "document__rank", "document__issued_on")


@dataclass(frozen=True)
class StatedTarget:
    """A target as the public index reads it, from plain values (a thousand targets with their documents as model
    instances were most of the index's time once a release changed): what decides whether it is in force
    (`indicators.figures`), and what the index writes of it."""

    year: int
    kind: str
    value: Decimal | None
    comparator: str
    wording: str
    section: str
    document: _StatedBy


@dataclass
class PublicIndicator(Generic[T]):
    """One indicator as the public sees it: its published figures, the targets in force and the assessment made
    from the published figures alone."""

    indicator: Indicator
    figures: list[ReleasedFigure]  # the nation's: the chart, the table and the assessment read these alone
    in_force: dict[tuple[int, str], T]  # Target, or StatedTarget on the index
    progress: Progress
    withdrawn: list[Release] = field(default_factory=list)
    breakdowns: list[ReleasedFigure] = field(default_factory=list)  # the provinces' and sectors', shown apart

    @property
    def province_figures(self) -> list[ReleasedFigure]:
        return [f for f in self.breakdowns if f.province_id is not None]

    @property
    def sector_figures(self) -> list[ReleasedFigure]:
        return [f for f in self.breakdowns if f.sector_id is not None]

    @property
    def flag_label(self) -> str:
        return flag_label(self.progress.flag)

    @property
    def goals(self) -> list[T]:
        return [t for (_year, kind), t in sorted(self.in_force.items()) if kind == GOAL]

    @property
    def goal_target(self) -> T | None:
        goal = self.progress.goal
        return self.in_force.get((goal.year, GOAL)) if goal else None

    @property
    def latest_figure(self) -> ReleasedFigure | None:
        latest = self.progress.latest
        if latest is None:
            return None
        return next(
            f
            for f in reversed(self.figures)
            if (f.year, f.quarter, f.value) == (latest.year, latest.quarter, latest.value)
        )


def _goal(target: Target | StatedTarget) -> Goal:
    return Goal(target.year, target.comparator, target.value, target.wording)


def public_assessment(
    indicator: Indicator, figures: list[ReleasedFigure], targets: list[T], today: date
) -> PublicIndicator[T]:
    """Pure over what it is given: the nation's published figures and the indicator's targets."""
    in_force = targets_in_force(targets)
    points = [
        Point(
            f.year,
            f.quarter,
            f.value,
            f.provisional,
            f.observation.document.issued_on if f.observation.document else None,
        )
        for f in figures
    ]
    progress = assess(
        points=points,
        goals=[_goal(t) for (_y, kind), t in in_force.items() if kind == GOAL],
        plans=[_goal(t) for (_y, kind), t in in_force.items() if kind == PLAN],
        today=today,
        higher_is_better=indicator.higher_is_better,
        share=is_percentage(indicator.measure_unit),
        lower_bound=indicator.min_value,
        upper_bound=indicator.max_value,
    )
    return PublicIndicator(indicator, figures, in_force, progress)


def published_figures(*, code: str | None = None, period: tuple[int, int] | None = None) -> list[ReleasedFigure]:
    """Every figure of a release in force (one query), of one indicator or one period if asked: the nation's, then
    each province's and sector's of the same period."""
    figures = ReleasedFigure.objects.public().select_related("observation__document")
    if code is not None:
        figures = figures.filter(indicator__code=code)
    if period is not None:
        figures = figures.filter(year=period[0], quarter=period[1])
    return list(figures)


def public_index(today: date) -> list[PublicIndicator[StatedTarget]]:
    """Every indicator with a published figure, in code order, judged on the nation's published figures alone; an
    indicator published for provinces or sectors alone is listed without a figure (the index holds none of theirs).
    Queries: the nation's published figures (indicator, release and document joined); the indicators published for
    provinces or sectors alone (not their thousands of figures); the official targets of all of them, as values."""
    by_indicator: dict[int, list[ReleasedFigure]] = defaultdict(list)
    indicators: dict[int, Indicator] = {}
    for f in ReleasedFigure.objects.public().national().select_related("observation__document"):
        indicators[f.indicator_id] = f.indicator
        by_indicator[f.indicator_id].append(f)
    apart = ReleasedFigure.objects.public().exclude(province__isnull=True, sector__isnull=True)
    only_apart = Indicator.objects.filter(Exists(apart.filter(indicator=OuterRef("pk")))).exclude(pk__in=indicators)
    indicators.update((indicator.pk, indicator) for indicator in only_apart)
    targets: dict[int, list[StatedTarget]] = defaultdict(list)
    if indicators:
        documents: dict[int, _StatedBy] = {}
        stated = _official(indicators).values_list(
            "indicator_id", "year", "kind", "value", "comparator", "wording", "section", *_STATED_BY
        )
        for indicator_id, year, kind, value, comparator, wording, section, *by in stated:
            document = documents.get(by[0])
            if document is None:  # one per document, as a join would give it
                document = documents[by[0]] = _StatedBy(*by)
            targets[indicator_id].append(StatedTarget(year, kind, value, comparator, wording, section, document))
    result = [
        public_assessment(indicator, by_indicator[pk], targets[pk], today) for pk, indicator in indicators.items()
    ]
    result.sort(key=lambda p: p.indicator.sort_key)
    return result


def public_indicator(today: date, code: str) -> PublicIndicator[Target] | None:
    """One indicator as its public page shows it, or None when nothing of it is published: judged on the nation's
    published figures alone, with its provinces' and sectors' published figures apart and its withdrawn releases.
    Queries: its published figures (indicator, release, document, province and sector joined), its official
    targets (documents joined), its withdrawn releases."""
    figures = published_figures(code=code)
    if not figures:
        return None
    indicator = figures[0].indicator
    targets = list(_official([indicator.pk]).select_related("document"))
    public = public_assessment(indicator, [f for f in figures if f.is_national], targets, today)
    public.breakdowns = [f for f in figures if not f.is_national]
    public.withdrawn = withdrawn_releases(code=code)
    return public


def _official(indicators: Iterable[int]) -> QuerySet[Target]:
    """The targets of these indicators that the documents state: an adjustment accepted inside the ministry is not
    published with them."""
    return Target.objects.filter(indicator_id__in=list(indicators)).exclude(document__kind=Document.Kind.PROPOSAL)


@dataclass
class VerdictBeside:
    """One indicator of a release: the assessment the public pages will show once it is published (from the
    released figures alone) beside the one made inside the ministry (from every figure of record), and why they
    differ."""

    indicator: Indicator
    public: PublicIndicator[Target]
    internal_flag: Flag
    unpublished: list[str]  # the periods of figures of record that no release in force would hold
    internal_goal: Goal | None

    @property
    def public_flag_label(self) -> str:
        return flag_label(self.public.progress.flag)

    @property
    def internal_flag_label(self) -> str:
        return flag_label(self.internal_flag)

    @property
    def differs(self) -> bool:
        return self.public.progress.flag != self.internal_flag

    @property
    def other_goal(self) -> bool:
        """The goal steered to inside the ministry is not the public one (an adjustment accepted, not published)."""

        def key(goal: Goal | None) -> tuple | None:
            return (goal.year, goal.comparator, goal.value) if goal else None

        return key(self.internal_goal) != key(self.public.progress.goal)


def release_verdicts(release: Release, today: date) -> list[VerdictBeside]:
    """Each indicator of the release as the public will read it once the release is published: the figures public
    now (but those of the release it corrects) with the release's own, judged by `public_assessment`, beside the
    stored internal assessment. Queries: the release's figures, the public figures of their indicators, the
    targets, the indicators' figures of record, and the stored assessments (indicators.stored)."""
    # The nation's figures only: a province's or a sector's figure never enters the national assessment.
    own = list(release.figures.national().select_related("indicator", "observation__document"))
    indicators = {f.indicator_id: f.indicator for f in own}
    if not indicators:
        return []
    public = ReleasedFigure.objects.public().national().filter(indicator_id__in=indicators)
    if release.corrects_id:
        public = public.exclude(release_id=release.corrects_id)
    by_period: dict[int, dict[tuple[int, int], ReleasedFigure]] = defaultdict(dict)
    for f in [*public.select_related("observation__document"), *own]:  # the release's own figure wins
        by_period[f.indicator_id][(f.year, f.quarter)] = f
    targets: dict[int, list[Target]] = defaultdict(list)
    official = Target.objects.filter(indicator_id__in=indicators).exclude(document__kind=Document.Kind.PROPOSAL)
    for t in official.select_related("document"):
        targets[t.indicator_id].append(t)
    recorded: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for pk, year, quarter in Observation.objects.filter(indicator_id__in=indicators).values_list(
        "indicator_id", "year", "quarter"
    ):
        recorded[pk].add((year, quarter))
    internal = {a.indicator.pk: a.progress for a in stored_assessments(list(indicators.values()), today)}
    result = []
    for pk, indicator in sorted(indicators.items(), key=lambda item: item[1].sort_key):
        figures = [by_period[pk][key] for key in sorted(by_period[pk])]
        missing = sorted(recorded[pk] - set(by_period[pk]))
        result.append(
            VerdictBeside(
                indicator=indicator,
                public=public_assessment(indicator, figures, targets[pk], today),
                internal_flag=internal[pk].flag,
                unpublished=[period_name(year, quarter) for year, quarter in missing],
                internal_goal=internal[pk].goal,
            )
        )
    return result


def withdrawn_releases(*, code: str | None = None) -> list[Release]:
    """Withdrawn releases, with the release that corrects each (if any): what the public page says was corrected.
    One query, plus one for their corrections."""
    releases = Release.objects.filter(status=Release.Status.WITHDRAWN).prefetch_related("corrections")
    if code is not None:
        releases = releases.filter(figures__indicator__code=code).distinct()
    return list(releases.order_by("-withdrawn_at", "-pk"))


def release_calendar() -> list[Release]:
    """Every release the public saw, latest first (one query; periods from their figures in a second)."""
    return list(
        Release.objects.public()
        .select_related("indicator")
        .prefetch_related("figures__indicator", "corrections")
        .order_by("-published_at", "-pk")
    )


def parse_public_period(text: str) -> tuple[int, int] | None:
    try:
        return parse_period(text)
    except ValueError:
        return None
