"""The dashboard's read models: plain data for the charts (dashboard/charts.py), built from the indicators' and
the calendar's read models. Nothing here decides "in force", a flag, a verdict, "missing" or "today" again."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language, ngettext

from indicators.explanations import Words, explain, flag_label, past_goal_line, period_label, short_period
from indicators.figures import GOAL, PLAN
from indicators.models import Indicator, TargetProposal, Unit
from indicators.progress import (
    ACTION_FLAGS,
    FLAG_URGENCY,
    REMEDY_FLAGS,
    Flag,
    Goal,
    PastGoal,
    Point,
    Progress,
    Projection,
    Verdict,
    series,
)
from indicators.selectors import Assessment, kept_per_indicator, points_of
from indicators.stored import stored_assessments
from indicators.values import is_percentage
from publication.models import Release
from reporting.calendar import FIRST_YEAR, LAST_YEAR, DeadlineStatus, ReportingPeriod, periods_of_year
from reporting.labels import deadline_label, status_label
from reporting.labels import period_label as quarter_label
from reporting.models import Status, Submission
from reporting.selectors import first_tracked_period, reporting_units, status_of
from strategy_tracker.rights import Person, is_proposer, proposal_rights, release_rights
from targets.models import RoundItem, TargetRound

# ---------------------------------------------------------------- the overview


@dataclass(frozen=True)
class IndicatorBar:
    """One indicator on the overview chart: how far along the way from its baseline to its goal."""

    code: str
    name: str
    group: str
    url: str
    flag: Flag
    flag_label: str
    progress: Decimal | None  # the share of the baseline-to-goal distance covered; None when it cannot be said
    goal: str  # "≥ 30% (2030)", or "" without a numeric goal
    latest: str  # "18,3% (2024)", or ""
    projection: str  # "khoảng 30,66% vào 2030", or ""
    explanation: str


@dataclass(frozen=True)
class VerdictRow:
    """A goal whose year is past, with its verdict, for the second panel."""

    code: str
    url: str
    year: int
    verdict: Verdict
    line: str  # the indicator page's sentence: "Mục tiêu 2025 (≥ 20%): chờ số liệu năm 2025; …"


@dataclass(frozen=True)
class FlagCount:
    flag: Flag
    label: str
    count: int
    url: str


@dataclass
class Overview:
    today: date
    bars: list[IndicatorBar]
    counts: list[FlagCount]
    verdicts: list[VerdictRow]
    last_past_goal_years: list[int | None]  # each bar's indicator's, in the bars' order
    new_goal_needed: list[bool]  # whether each bar's indicator needs a new goal (`Progress.new_goal_needed`)

    @property
    def action_bars(self) -> list[IndicatorBar]:
        """The indicators whose flag calls for a decision (remedies, or a raised target), most urgent first."""
        urgent = [b for b in self.bars if b.flag in ACTION_FLAGS]
        return sorted(urgent, key=lambda b: FLAG_URGENCY.index(b.flag))

    @property
    def goal_years(self) -> list[int]:
        return sorted({v.year for v in self.verdicts})

    @property
    def summary(self) -> list[str]:
        """The picture in one line (`picture_summary`), from the same parts as the charts."""
        return picture_summary(
            [bar.flag for bar in self.bars],
            self.new_goal_needed,
            self.last_past_goal_years,
            [(v.year, v.verdict) for v in self.verdicts],
        )


def picture_summary(
    flags: list[Flag],
    new_goal_needed: list[bool],
    last_past_goal_years: list[int | None],
    verdicts: list[tuple[int, Verdict]],
) -> list[str]:
    """ "1 chỉ tiêu cần giải pháp", "15 chỉ tiêu cần đề xuất mục tiêu sau 2025", "19 mục tiêu 2025 chờ số liệu":
    how many indicators call for remedies, for a raised target, for a new goal (every goal year past: after the year
    of their last goal; one going backwards is counted with the remedies too), and how many past goals await their
    figure, by year. Each indicator's flag, whether it needs a new goal and the year of its last past goal, in the
    same order; the past goals' verdicts. Parts with nothing to count are left out."""
    parts = []
    remedies = sum(1 for f in flags if f in REMEDY_FLAGS)
    if remedies:
        parts.append(
            ngettext("%(n)d indicator needs remedies", "%(n)d indicators need remedies", remedies) % {"n": remedies}
        )
    raise_ = sum(1 for f in flags if f == Flag.FAR_AHEAD)
    if raise_:
        parts.append(
            ngettext("%(n)d indicator calls for a higher target", "%(n)d indicators call for a higher target", raise_)
            % {"n": raise_}
        )
    no_goal: dict[int | None, int] = {}
    for needed, year in zip(new_goal_needed, last_past_goal_years, strict=True):
        if needed:
            no_goal[year] = no_goal.get(year, 0) + 1
    for year, n in sorted(no_goal.items(), key=lambda item: item[0] or 0):
        if year is None:
            parts.append(ngettext("%(n)d indicator needs a goal", "%(n)d indicators need a goal", n) % {"n": n})
        else:
            parts.append(
                ngettext(
                    "%(n)d indicator needs a goal proposed beyond %(year)d",
                    "%(n)d indicators need a goal proposed beyond %(year)d",
                    n,
                )
                % {"n": n, "year": year}
            )
    pending: dict[int, int] = {}
    for year, verdict in verdicts:
        if verdict == Verdict.PENDING:
            pending[year] = pending.get(year, 0) + 1
    for year, n in sorted(pending.items()):
        parts.append(
            ngettext("%(n)d goal for %(year)d awaits its figure", "%(n)d goals for %(year)d await their figures", n)
            % {"n": n, "year": year}
        )
    return parts


def _bar(assessment: Assessment) -> IndicatorBar:
    indicator, progress = assessment.indicator, assessment.progress
    words = Words(indicator)
    goal = progress.goal
    goal_text = f"{words.target(goal)} ({goal.year})" if goal is not None and goal.is_numeric else ""
    latest = progress.latest
    latest_text = f"{words.figure(latest)} ({short_period(latest)})" if latest is not None else ""
    projection = ""
    if progress.projected_value is not None and goal is not None:
        projection = f"{words.measure(progress.projected_value)} ({goal.year})"
    return IndicatorBar(
        code=indicator.code,
        name=indicator.name,
        group=indicator.group.name,
        url=reverse("indicator_detail", args=[indicator.code]),
        flag=progress.flag,
        flag_label=flag_label(progress.flag),
        progress=progress.progress,
        goal=goal_text,
        latest=latest_text,
        projection=projection,
        explanation=explain(progress, indicator),
    )


@dataclass(frozen=True)
class OverviewPart:
    """One indicator's part of the overview: its bar, its past goals' verdicts and the year of its last past goal
    (for the picture's summary)."""

    bar: IndicatorBar
    verdicts: tuple[VerdictRow, ...]
    last_past_goal_year: int | None
    new_goal_needed: bool


def _part(assessment: Assessment) -> OverviewPart:
    indicator, progress = assessment.indicator, assessment.progress
    verdicts = tuple(
        VerdictRow(
            indicator.code,
            reverse("indicator_detail", args=[indicator.code]),
            past.goal.year,
            past.verdict,
            past_goal_line(past, indicator),
        )
        for past in progress.past_goals
    )
    last_past = max((p.goal.year for p in progress.past_goals), default=None)
    return OverviewPart(_bar(assessment), verdicts, last_past, progress.new_goal_needed)


def overview(today: date) -> Overview:
    """Every indicator as of `today`. Each indicator's part is kept under its revision (`kept_per_indicator`), so
    that a change of one indicator makes one part again. Queries: one; where a part is not kept, those of the
    stored assessments of the indicators whose part is not (only their progress is read: the targets stay
    stored)."""

    def made(ids: list[int]) -> dict[int, OverviewPart]:
        assessments = stored_assessments(Indicator.objects.with_stored().filter(pk__in=ids), today)
        return {a.indicator.pk: _part(a) for a in assessments}

    parts = kept_per_indicator(Indicator.objects.all(), today, "overview", made)
    bars = [part.bar for part in parts]
    counts: dict[Flag, int] = {}
    for bar in bars:
        counts[bar.flag] = counts.get(bar.flag, 0) + 1
    home = reverse("home")
    flag_counts = [
        FlagCount(f, flag_label(f), counts[f], f"{home}?flag={f.value}") for f in FLAG_URGENCY if f in counts
    ]
    verdicts = [row for part in parts for row in part.verdicts]
    return Overview(
        today,
        bars,
        flag_counts,
        verdicts,
        [part.last_past_goal_year for part in parts],
        [part.new_goal_needed for part in parts],
    )


def pending_proposals() -> QuerySet[TargetProposal]:
    """The target adjustment proposals awaiting leadership's decision, oldest first. One query."""
    return (
        TargetProposal.objects.pending()
        .select_related("indicator", "replaces__document", "proposed_by")
        .order_by("proposed_at", "pk")
    )


@dataclass(frozen=True)
class RoundAwaiting:
    """A target round with the indicators in it that await the person's decision."""

    round: TargetRound
    items: int


@dataclass(frozen=True)
class PendingDecisions:
    """What waits for the person's decision ("Chờ quyết định"): target proposals, the target rounds' indicators and
    releases of figures, the oldest first; only those the person may decide (`strategy_tracker.rights`: leadership,
    never on what they proposed). Its length, the count beside the heading, counts each indicator of a round."""

    proposals: list[TargetProposal]
    releases: list[Release]
    rounds: list[RoundAwaiting] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.proposals) + len(self.releases) + sum(r.items for r in self.rounds)


def pending_decisions(user) -> PendingDecisions:
    """Queries: for leadership, the proposals awaiting a decision, the rounds' indicators awaiting one (their round
    joined) and the releases awaiting approval (their indicator and proposer joined); for anyone else, none."""
    if not proposal_rights(user).can_decide:
        return PendingDecisions([], [])
    proposals = [p for p in pending_proposals() if proposal_rights(user, p).decides_now]
    awaiting = RoundItem.objects.filter(decision=RoundItem.Decision.PENDING).select_related("round__proposed_by")
    counts: dict[int, int] = {}
    rounds: dict[int, TargetRound] = {}
    for item in awaiting.order_by("round__proposed_at", "round_id"):
        if not is_proposer(user, item.round):
            rounds[item.round_id] = item.round
            counts[item.round_id] = counts.get(item.round_id, 0) + 1
    proposed = Release.objects.filter(status=Release.Status.PROPOSED).select_related("indicator", "proposed_by")
    releases = [r for r in proposed.order_by("proposed_at", "pk") if release_rights(user, r).can_decide]
    return PendingDecisions(proposals, releases, [RoundAwaiting(rounds[pk], n) for pk, n in counts.items()])


# ---------------------------------------------------------------- one indicator


@dataclass(frozen=True)
class Figure:
    """A figure of record as the chart shows it: at its point in time, official or provisional."""

    time: Decimal
    period: str  # "2024", "quý 2/2025"
    value: Decimal
    provisional: bool
    unit_written: bool = True  # the document writes the figure with the indicator's unit (1.2's "4,36" does not)


@dataclass(frozen=True)
class TargetMark:
    year: int
    kind: str  # plan or goal
    value: Decimal
    text: str  # "≥ 17,5%"
    document: str
    verdict: Verdict | None = None


@dataclass(frozen=True)
class Segment:
    """A straight line on the chart: the path from the baseline to the goal, or a projection."""

    start_time: Decimal
    start_value: Decimal
    end_time: Decimal
    end_value: Decimal
    method: Projection | None = None
    start_unit_written: bool = True  # the figure it starts from is written with the unit


@dataclass
class IndicatorChartData:
    code: str
    name: str
    measure_unit: str
    decimals: int
    flag: Flag
    figures: list[Figure]  # every figure of record, oldest first
    trend: list[Figure]  # the one figure per period the method uses
    targets: list[TargetMark]  # yearly plans and goals in force that have a number
    text_targets: list[str]  # targets in force that are only a text ("Theo Kế hoạch của Bộ Y tế")
    path: Segment | None  # from the baseline to the goal to steer to
    projections: list[Segment]  # toward the goal to steer to, and toward a past goal still awaiting its figure


def _figure(point: Point) -> Figure:
    return Figure(point.time, period_label(point), point.value, point.provisional, point.unit_written)


def _projection_segments(progress: Progress) -> list[Segment]:
    segments = []
    goal, latest = progress.goal, progress.latest
    if progress.projected_value is not None and goal is not None and latest is not None:
        segments.append(
            Segment(latest.time, latest.value, Decimal(goal.year), progress.projected_value, progress.projection)
        )
    for past in progress.past_goals:
        segments.extend(_pending_segment(past))
    return segments


def _pending_segment(past: PastGoal) -> list[Segment]:
    if past.verdict != Verdict.PENDING or past.basis is None or past.projected_value is None:
        return []
    return [Segment(past.basis.time, past.basis.value, Decimal(past.goal.year), past.projected_value, past.projection)]


def indicator_chart_data(assessment: Assessment) -> IndicatorChartData:
    """The indicator chart's data, from the read model the indicator page already has: no query."""
    indicator, progress = assessment.indicator, assessment.progress
    words = Words(indicator)
    points = sorted(points_of(indicator), key=lambda p: (p.time, p.provisional))
    used = series(points, share=is_percentage(indicator.measure_unit), higher_is_better=indicator.higher_is_better)
    verdicts = {p.goal.year: p.verdict for p in progress.past_goals}
    targets, text_targets = [], []
    for (year, kind), target in sorted(assessment.in_force.items()):
        if kind not in (PLAN, GOAL):
            continue
        if target.value is None or not target.comparator:
            text_targets.append(f"{year}: {target.wording}")
            continue
        targets.append(
            TargetMark(
                year,
                kind,
                target.value,
                words.target(_as_goal(target)),
                target.cited_inline if target.document else "",
                verdicts.get(year) if kind == GOAL else None,
            )
        )
    path = None
    goal, base = progress.goal, progress.baseline
    if goal is not None and goal.is_numeric and base is not None and goal.value is not None:
        path = Segment(base.time, base.value, Decimal(goal.year), goal.value, start_unit_written=base.unit_written)
    return IndicatorChartData(
        code=indicator.code,
        name=indicator.name,
        measure_unit=indicator.measure_unit,
        decimals=indicator.decimals,
        flag=progress.flag,
        figures=[_figure(p) for p in points],
        trend=[_figure(p) for p in used],
        targets=targets,
        text_targets=text_targets,
        path=path,
        projections=_projection_segments(progress),
    )


def _as_goal(target) -> Goal:
    return Goal(target.year, target.comparator, target.value, target.wording)


# ---------------------------------------------------------------- timeliness


ACCEPTED = "accepted"  # a cell's state beyond the calendar's: the reviewer has accepted the submission


@dataclass(frozen=True)
class TimelinessCell:
    state: str  # a DeadlineStatus value, or "accepted"
    label: str  # "Đúng hạn · Đã chấp nhận"


@dataclass
class Timeliness:
    year: int
    periods: list[ReportingPeriod]
    period_labels: list[str]
    units: list[Unit]
    cells: list[list[TimelinessCell]]  # one row per unit, one cell per period

    @property
    def rows(self) -> list[tuple[Unit, list[TimelinessCell]]]:
        return list(zip(self.units, self.cells, strict=True))

    @property
    def previous_year(self) -> int | None:
        return self.year - 1 if self.year > FIRST_YEAR else None

    @property
    def next_year(self) -> int | None:
        return self.year + 1 if self.year < LAST_YEAR else None


@functools.cache
def _words(deadline: DeadlineStatus, status: str, language: str | None) -> str:
    """A cell's words, made once per deadline status, submission status and language (400 cells at national
    size, a handful of different words)."""
    return f"{deadline_label(deadline)} · {status_label(status)}" if status else deadline_label(deadline)


def _cell(period: ReportingPeriod, submission: Submission | None, today: date) -> TimelinessCell:
    deadline = status_of(period, submission, today)
    language = get_language()
    if submission is not None and submission.status == Status.ACCEPTED.value:
        state = ACCEPTED if deadline != DeadlineStatus.LATE else DeadlineStatus.LATE.value
        return TimelinessCell(state, _words(deadline, submission.status, language))
    if submission is not None and deadline in (DeadlineStatus.ON_TIME, DeadlineStatus.LATE):
        return TimelinessCell(deadline.value, _words(deadline, submission.status, language))
    return TimelinessCell(deadline.value, _words(deadline, "", language))


def timeliness_units(person: Person) -> list[Unit]:
    """The reporting units the person may read, in the heatmap's order. One query."""
    return [u for u in reporting_units() if person.reads_unit(u.pk)]


def timeliness_cache_key(versions: str, year: int, today: date, units: list[Unit]) -> str:
    """What the heatmap of `units` for `year` is kept for in Django's cache: the submissions' data version (read
    before them: `strategy_tracker.versions.data_version`), the year, the day, the first tracked quarter, and the
    units the person may read as they were read for this request, every field of each (which units report and
    their names are read afresh each request: a unit renamed, or given its first indicator, is another key). Not
    the reference data's version: a goal or a figure changed leaves the heatmap as it was."""
    shown = [[field.value_from_object(unit) for field in unit._meta.concrete_fields] for unit in units]
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    return f"{versions}|{year}|{today.isoformat()}|{first_tracked_period().code}|{digest}"


def timeliness(year: int, today: date, person: Person, units: list[Unit] | None = None) -> Timeliness:
    """Every reporting unit the person may read (`units`, if already read) × the four quarters of `year`.
    Queries: the reporting units unless given, the year's submissions (one query for the four quarters)."""
    if units is None:
        units = timeliness_units(person)
    periods = list(periods_of_year(year))
    # Only what a cell reads: not the written sections of 400 submissions at national size.
    fetched = Submission.objects.filter(year=year, unit__in=units).only(
        "unit_id", "quarter", "status", "first_submitted_at"
    )
    submissions = {(s.unit_id, s.quarter): s for s in fetched}
    cells = [[_cell(p, submissions.get((u.pk, p.quarter)), today) for p in periods] for u in units]
    return Timeliness(year, periods, [quarter_label(p) for p in periods], units, cells)


def timeliness_year(requested: str | None, today: date) -> int:
    """The year asked for (?year=2026), or today's; anything else falls back to today's year in the calendar."""
    default = min(max(today.year, FIRST_YEAR), LAST_YEAR)
    try:
        year = int(requested or default)
    except ValueError:
        return default
    return year if FIRST_YEAR <= year <= LAST_YEAR else default
