"""The public read model: published figures only, judged by the same rules as every page.

Nothing here reads a figure of record that no release in force holds: the public flag and goal come from
`indicators.progress.assess` over the published figures, with the goals in force of `indicators.figures`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from indicators.explanations import flag_label
from indicators.figures import GOAL, PLAN, targets_in_force
from indicators.models import Document, Indicator, Target
from indicators.periods import parse_period
from indicators.progress import Goal, Point, Progress, assess
from indicators.values import is_percentage
from publication.models import Release, ReleasedFigure


@dataclass
class PublicIndicator:
    """One indicator as the public sees it: its published figures, the targets in force and the assessment made
    from the published figures alone."""

    indicator: Indicator
    figures: list[ReleasedFigure]
    in_force: dict[tuple[int, str], Target]
    progress: Progress
    withdrawn: list[Release] = field(default_factory=list)

    @property
    def flag_label(self) -> str:
        return flag_label(self.progress.flag)

    @property
    def goals(self) -> list[Target]:
        return [t for (_year, kind), t in sorted(self.in_force.items()) if kind == GOAL]

    @property
    def goal_target(self) -> Target | None:
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


def _goal(target: Target) -> Goal:
    return Goal(target.year, target.comparator, target.value, target.wording)


def public_assessment(
    indicator: Indicator, figures: list[ReleasedFigure], targets: list[Target], today: date
) -> PublicIndicator:
    """Pure over what it is given: the published figures and the indicator's targets."""
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
    """Every figure of a release in force (one query), of one indicator or one period if asked."""
    figures = ReleasedFigure.objects.public().select_related("observation__document")
    if code is not None:
        figures = figures.filter(indicator__code=code)
    if period is not None:
        figures = figures.filter(year=period[0], quarter=period[1])
    return list(figures)


def public_indicators(today: date, *, code: str | None = None) -> list[PublicIndicator]:
    """Every indicator with a published figure, in code order. Queries: the published figures (indicator, release
    and document joined), the targets of those indicators (documents joined), the withdrawn releases."""
    figures = published_figures(code=code)
    by_indicator: dict[int, list[ReleasedFigure]] = defaultdict(list)
    indicators: dict[int, Indicator] = {}
    for f in figures:
        by_indicator[f.indicator_id].append(f)
        indicators[f.indicator_id] = f.indicator
    targets: dict[int, list[Target]] = defaultdict(list)
    if indicators:
        # The goals of the documents only: an adjustment accepted inside the ministry is not published with them.
        official = Target.objects.filter(indicator_id__in=indicators).exclude(document__kind=Document.Kind.PROPOSAL)
        for t in official.select_related("document"):
            targets[t.indicator_id].append(t)
    result = [public_assessment(indicators[pk], by_indicator[pk], targets[pk], today) for pk in indicators]
    result.sort(key=lambda p: p.indicator.sort_key)
    if code is not None and result:
        result[0].withdrawn = withdrawn_releases(code=code)
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
