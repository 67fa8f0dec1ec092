"""Reads for the submission pages, the overview and the home notice; each costs a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.figures import targets_in_force, year_target
from indicators.formatting import format_number
from indicators.models import Indicator, Membership, Observation, Target, Unit
from indicators.values import MAX_DECIMALS
from reporting.agenda import Correction, ReporterTask, corrections_since, reporter_agenda
from reporting.audit import record_changes
from reporting.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    DeadlineStatus,
    PeriodError,
    ReportingPeriod,
    deadline_status,
    parse_period_code,
    period_due,
    period_to_consolidate,
)
from reporting.models import STATUS_CHOICES, Status, Submission, SubmissionValue
from reporting.services import FIGURE_FIELDS, SECTION_FIELDS
from reports.models import Consolidation, Reminder
from strategy_tracker.rights import Person, reporter_unit

PREVIOUS_FIGURES_SHOWN = 4


def first_tracked_period() -> ReportingPeriod:
    """The first quarter the units send through the tracker: earlier quarters can be entered (back-filled) but
    are never counted as missing. Read from the environment by the settings (REPORTING_FIRST_PERIOD="2026Q4")."""
    code = settings.REPORTING_FIRST_PERIOD
    try:
        return parse_period_code(code)
    except PeriodError as exc:
        raise ImproperlyConfigured(
            f"REPORTING_FIRST_PERIOD must be a quarter of the reporting calendar written like 2026Q4 "
            f"({FIRST_YEAR}Q1 to {LAST_YEAR}Q4), not {code!r}."
        ) from exc


def reporting_units() -> QuerySet[Unit]:
    """The units that report at least one indicator (Vụ KTS và XHS, Cục Viễn thông, Trung tâm NEAC, ..., and the
    provinces' units that report one for their province)."""
    # Two EXISTS, not two joins and DISTINCT: a province's unit reporting sixty indicators would otherwise be joined
    # sixty times over, and every annotation of the rows computed on each copy.
    national = Indicator.objects.filter(reporting_unit=OuterRef("pk"))
    provincial = Unit.provincial_indicators.through.objects.filter(unit=OuterRef("pk"))
    return Unit.objects.filter(Exists(national) | Exists(provincial)).order_by("name")


def reporting_units_placed() -> QuerySet[Unit]:
    """`reporting_units` with each province's unit's province and region read with it (the filters by kind and
    region read them: `reporting.filters`), in the same query."""
    return reporting_units().select_related("province__region")


def figures_of(unit: Unit) -> QuerySet[Observation]:
    """The figures of record a unit's submissions make and its entry page shows: its province's for a province's
    unit, the nation's for every other."""
    if unit.province_id is not None:
        return Observation.breakdowns.filter(province_id=unit.province_id)
    return Observation.objects.all()


class Sent(Protocol):
    """What the deadline rule reads of a submission: a `Submission`, or a row of its fields (the consolidated
    table reads a hundred units × four quarters without making model instances)."""

    @property
    def first_submitted_at(self) -> datetime | None: ...


def submitted_on(submission: Sent | None) -> date | None:
    """The day (in the tracker's time zone) the submission was first sent, which decides on time or late."""
    if submission is None or submission.first_submitted_at is None:
        return None
    return timezone.localdate(submission.first_submitted_at)


def status_of(
    period: ReportingPeriod, submission: Sent | None, today: date, first_tracked: ReportingPeriod | None = None
) -> DeadlineStatus:
    """`deadline_status` of a unit's submission (or none). `first_tracked` defaults to `first_tracked_period()`;
    a table of many cells passes it once."""
    return deadline_status(
        period,
        submitted_on=submitted_on(submission),
        today=today,
        first_tracked=first_tracked or first_tracked_period(),
    )


# ---------------------------------------------------------------- the entry page


def _figure_sort_key(observation: Observation) -> tuple[int, int, bool]:
    # A year's figure comes after its fourth quarter; for one period the official after the provisional.
    return (observation.year, observation.quarter or 5, not observation.provisional)


def figures_before(observations: Iterable[Observation], period: ReportingPeriod, limit: int) -> list[Observation]:
    """The indicator's latest figures of record before `period`, newest first (yearly figures of earlier years
    and quarterly figures of earlier quarters)."""
    earlier = [
        o
        for o in observations
        if (o.quarter == 0 and o.year < period.year)
        or (o.quarter and (o.year, o.quarter) < (period.year, period.quarter))
    ]
    return sorted(earlier, key=_figure_sort_key, reverse=True)[:limit]


@dataclass
class EntryRow:
    """One indicator on the entry page: what the unit entered, and what the reporter needs to see beside it."""

    indicator: Indicator
    value: SubmissionValue | None
    previous: list[Observation]
    target: Target | None  # this year's target in force
    next_target: Target | None  # when the year has none: the nearest later one (the 2030 goal)
    form: Any = None
    # What the data-quality rules asked about the figure: as stored ({"rule", "message", "severity"}), or as the
    # page's last attempt found them (quality.selectors.RuleWarning).
    flags: list[Any] = field(default_factory=list)

    @property
    def official_accepted(self) -> bool:
        return self.value is not None and self.value.official_observation_id is not None


def entry_rows(unit: Unit, period: ReportingPeriod, submission: Submission | None) -> list[EntryRow]:
    """Queries: the unit's indicators (group, parent, unit joined), their targets and their observations (each
    with its document joined: a unit reports a few indicators), and, when the submission exists, its values
    (observations joined)."""
    indicators = list(
        Indicator.objects.select_related("group", "reporting_unit", "parent")
        .prefetch_related(
            Prefetch("targets", Target.objects.select_related("document")),
            Prefetch("observations", figures_of(unit).select_related("document")),
        )
        .reported_by(unit)
    )
    values: dict[int, SubmissionValue] = {}
    if submission is not None and submission.pk:
        values = {v.indicator_id: v for v in SubmissionValue.objects.for_submission(submission)}
    rows = []
    for indicator in indicators:
        in_force = targets_in_force(indicator.targets.all())
        target = year_target(in_force, period.year)
        later = sorted({year for year, _kind in in_force if year > period.year})
        rows.append(
            EntryRow(
                indicator=indicator,
                value=values.get(indicator.pk),
                previous=figures_before(indicator.observations.all(), period, PREVIOUS_FIGURES_SHOWN),
                target=target,
                next_target=year_target(in_force, later[0]) if target is None and later else None,
                flags=list(values[indicator.pk].flags) if indicator.pk in values else [],
            )
        )
    return rows


def draft_values(unit: Unit, period: ReportingPeriod) -> tuple[Submission | None, list[SubmissionValue]]:
    """The unit's submission for the period (None if it has none) and its values with their indicators, in the
    annex's order: what the write API's feeds read back. Two queries, the submission first: a value changed
    between them comes with the older version, so a write made from what was read is refused (409), never applied
    over the change."""
    submission = Submission.objects.for_unit(unit).for_period(period).order_by().first()
    if submission is None:
        return None, []
    return submission, list(SubmissionValue.objects.filter(submission=submission).select_related("indicator"))


# ---------------------------------------------------------------- the audit trail


@dataclass(frozen=True)
class AuditLine:
    when: datetime
    who: str
    subject: str  # "" for the submission itself, else the indicator's code
    field: str
    old: str
    new: str


SUBMISSION_AUDITED = ("status", "reason", *SECTION_FIELDS)
VALUE_AUDITED = (*FIGURE_FIELDS, "confirmation")
_STATUS_LABELS = dict(STATUS_CHOICES)


def _label(model, name: str) -> str:
    if name == "provisional":  # its values already read "provisional estimate" / "official"
        return _("kind of figure")
    return str(model._meta.get_field(name).verbose_name)


def _display(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "status":
        return str(_STATUS_LABELS.get(value, value))
    if name == "provisional":
        return _("provisional estimate") if value else _("official")
    if isinstance(value, Decimal):
        return format_number(value, MAX_DECIMALS)
    return str(value)


def _person(user) -> str:
    if user is None:
        return _("system")
    return user.get_full_name() or user.username


AUDIT_SHOWN = 100  # the latest saves of the submission and of its values shown at first (`?history=all`: all)


@dataclass
class AuditTrail:
    lines: list[AuditLine]
    complete: bool  # False: only the latest saves are shown


def _audited_changes(
    history: QuerySet, key: str, value: int, audited: Sequence[str], limit: int
) -> list[tuple[int, int | None]]:
    """(history id, the history id before it) of the `limit` + 1 latest historical records whose `key` is `value`
    and that change an audited field or create their object, newest first.

    The database finds them in one query, each record beside the one before it (`LAG`), so only these rows reach
    Python whatever the number of saves that change nothing shown (a feed's save raises the submission's version,
    hundreds of times a quarter). A field changes when its two values differ or exactly one of them is NULL."""
    db = connections[history.db]
    meta = history.model._meta
    name = db.ops.quote_name

    def column(field: str) -> str:
        return name(meta.get_field(field).column)

    history_id, before = name("history_id"), name("before")
    pairs = [(name(f"a{i}"), name(f"b{i}")) for i in range(len(audited))]
    selected = ", ".join(
        f"{column(field)} AS {a}, LAG({column(field)}) OVER w AS {b}"
        for field, (a, b) in zip(audited, pairs, strict=True)
    )
    differs = " OR ".join(f"{a} <> {b} OR ({a} IS NULL) <> ({b} IS NULL)" for a, b in pairs)
    sql = (
        f"SELECT {history_id}, {before} FROM ("
        f"SELECT {column('history_id')} AS {history_id}, LAG({column('history_id')}) OVER w AS {before}, {selected} "
        f"FROM {name(meta.db_table)} WHERE {column(key)} = %s "
        f"WINDOW w AS (PARTITION BY {column('id')} ORDER BY {column('history_id')})"
        f") changes WHERE {before} IS NULL OR {differs} ORDER BY {history_id} DESC LIMIT %s"
    )
    with db.cursor() as cursor:
        cursor.execute(sql, [value, limit + 1])
        return [(row[0], row[1]) for row in cursor.fetchall()]


_PERSON = ("history_user_id", "history_user__first_name", "history_user__last_name", "history_user__username")


def _records(history: QuerySet, audited: Sequence[str], also: Sequence[str]) -> list[SimpleNamespace]:
    """The historical records of `history` with what the trail shows of them (their history fields, id, the
    audited fields, `also`, and who saved them, each person made once), read as values in one query: a model
    instance for each record cost most of a submission's page."""
    people: dict[int, Any] = {}
    records = []
    for row in history.values("history_id", "history_date", "history_type", "id", *audited, *also, *_PERSON):
        user_id, first_name, last_name, username = (row.pop(name) for name in _PERSON)
        if user_id is not None and user_id not in people:
            people[user_id] = get_user_model()(pk=user_id, first_name=first_name, last_name=last_name,
                                               username=username)  # fmt: skip
        records.append(SimpleNamespace(**row, history_user=people.get(user_id)))
    return records


def _latest(
    history: QuerySet, key: str, value: int, audited: Sequence[str], also: Sequence[str], limit: int | None
) -> tuple[list[Any], set[int], bool]:
    """The `limit` latest historical records (whose `key` is `value`) that change an audited field (all records
    when None) and, to compare each with, the record before it: (records, history ids shown, whether every change
    is shown). Only the records shown and those before them are read (`_records`). Two queries."""
    records = history.filter(**{key: value})
    if limit is None:
        every = _records(records, audited, also)
        return every, {r.history_id for r in every}, True
    changes = _audited_changes(history, key, value, audited, limit)
    shown = changes[:limit]
    wanted = {history_id for pair in shown for history_id in pair if history_id is not None}
    fetched = _records(records.filter(history_id__in=wanted), audited, also) if wanted else []
    return fetched, {history_id for history_id, _before in shown}, len(changes) <= limit


def audit_trail(submission: Submission, codes: dict[int, str], limit: int | None = AUDIT_SHOWN) -> AuditTrail:
    """Every change of a status, a text or a value of the submission, newest first; of the `limit` latest changes
    of the submission and the `limit` latest of its values unless `limit` is None (a feed writing through the API
    may save one figure hundreds of times: the page does not grow with it).

    Queries: the submission's history and its values' history; when limited, for each the changes the database
    finds (`_audited_changes`), then the records shown and those before them (people joined)."""
    if submission.pk is None:
        return AuditTrail([], True)
    ordered: list[tuple[tuple, AuditLine]] = []
    complete = True
    for model, key, audited, also, subject in (
        (Submission, "id", SUBMISSION_AUDITED, (), lambda r: ""),
        (SubmissionValue, "submission_id", VALUE_AUDITED, ("indicator_id",), lambda r: codes.get(r.indicator_id, "?")),
    ):
        fetched, shown, whole = _latest(model.history.all(), key, submission.pk, audited, also, limit)
        complete &= whole
        for changed in record_changes(fetched, audited, key=lambda r: r.id):
            record = changed.record
            if record.history_id not in shown:  # fetched only to say what the next one changed
                continue
            for change in changed.changes:
                line = AuditLine(
                    when=record.history_date,
                    who=_person(record.history_user),
                    subject=subject(record),
                    field=_label(model, change.field),
                    old=_display(change.field, change.old),
                    new=_display(change.field, change.new),
                )
                ordered.append(((record.history_date, model is Submission, record.history_id), line))
    # Newest save first (of the same instant, the later one first, and the submission after its figures, as the
    # services save them); the fields of one save in their order.
    ordered.sort(key=lambda pair: pair[0], reverse=True)
    return AuditTrail([line for _key, line in ordered], complete)


# ---------------------------------------------------------------- the unit's page and the reviewer's overview


@dataclass
class PeriodRow:
    """A (unit, period) pair with where it stands."""

    unit: Unit
    period: ReportingPeriod
    submission: Submission | None
    deadline: DeadlineStatus
    reminded: Any = None  # the latest reminder sent to the unit's reporters for the period (reports.Reminder)

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else ""

    @property
    def reason(self) -> str:
        return self.submission.reason if self.submission else ""

    @property
    def flagged(self) -> int:
        """Figures of the submission the data-quality rules asked about (annotated by `period_overview`)."""
        return getattr(self.submission, "flagged", 0)

    @property
    def outstanding(self) -> bool:
        """The unit has not sent the period and its deadline is near or past: the reviewer may remind it."""
        return self.deadline in (DeadlineStatus.DUE, DeadlineStatus.MISSING)


def unit_periods(unit: Unit, today: date, *, with_reminders: bool = False) -> list[PeriodRow]:
    """The unit's periods, newest first: every open period from the first tracked one up to the one open today,
    and the earlier (back-filled, not tracked) quarters the unit has a submission for. Query: the unit's
    submissions (and with `with_reminders`, the reminders sent to its reporters)."""
    submissions = {s.period: s for s in Submission.objects.for_unit(unit).with_people()}
    first = first_tracked_period()
    periods = sorted(p for p in submissions if p < first)
    period: ReportingPeriod | None = first
    while period is not None and period.is_open_on(today):
        periods.append(period)
        period = period.next()
    reminded = Reminder.objects.last_per_unit_and_period(unit=unit) if with_reminders else {}
    rows = [
        PeriodRow(unit, p, submissions.get(p), status_of(p, submissions.get(p), today), reminded.get((unit.pk, p)))
        for p in periods
    ]
    return rows[::-1]


def unit_contacts(unit: Unit) -> list:
    """The unit's active reporters (memberships with their person: name, e-mail, phone), for the reviewers. One
    query."""
    return list(
        Membership.objects.filter(unit=unit, role=Membership.Role.REPORTER, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


@dataclass
class Overview:
    period: ReportingPeriod
    rows: list[PeriodRow]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def submitted(self) -> int:
        return sum(1 for r in self.rows if r.deadline in (DeadlineStatus.ON_TIME, DeadlineStatus.LATE))


def period_overview(
    period: ReportingPeriod, today: date, units: Sequence[Unit] | None = None, *, with_reminders: bool = False
) -> Overview:
    """Every reporting unit for one period: submitted on time, late, missing or still due (and with
    `with_reminders`, when it was last reminded). Queries: the reporting units, the period's submissions (with their
    reviewer), and the period's reminders to the units (with who sent them) when asked."""
    units = list(units if units is not None else reporting_units())
    # The reviewer's name is the only person the overview shows (the units are those above).
    submissions = {
        s.unit_id: s
        for s in Submission.objects.for_period(period)
        .select_related("reviewed_by")
        .annotate(flagged=Count("values", filter=Q(values__flag_count__gt=0)))  # asked about by quality.rules
    }
    reminded = Reminder.objects.last_per_unit_and_period(period=period) if with_reminders else {}
    rows = [
        PeriodRow(u, period, submissions.get(u.pk), status_of(period, submissions.get(u.pk), today),
                  reminded.get((u.pk, period)))
        for u in units
    ]  # fmt: skip
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.deadline] = counts.get(row.deadline, 0) + 1
        if row.status:
            counts[row.status] = counts.get(row.status, 0) + 1
    return Overview(period, rows, counts)


def submitted_count(period: ReportingPeriod) -> tuple[int, int]:
    """(units that have submitted the period, reporting units), in one query: the home page's notice."""
    sent = Submission.objects.for_period(period).filter(unit=OuterRef("pk"), first_submitted_at__isnull=False)
    flags = list(reporting_units().annotate(sent=Exists(sent)).values_list("sent", flat=True))
    return sum(flags), len(flags)


def default_overview_period(today: date) -> ReportingPeriod | None:
    """The quarter under review (`period_to_consolidate`): between the units' deadline and the consolidation's,
    the overview shows who is late or missing, not the next quarter with every unit still in time."""
    return period_to_consolidate(today)


# ---------------------------------------------------------------- the home page's notice


@dataclass(frozen=True)
class Waiting:
    """A submission waiting for the reviewer."""

    unit: Unit
    period: ReportingPeriod
    submitted_at: datetime | None


@dataclass(frozen=True)
class DueNotice:
    """What the home page tells a person first. A reporter: their unit's tasks, most urgent first
    (`reporting.agenda.reporter_agenda`: handed back, overdue, due), the first one the big button; the quarter due
    next and the unit's missing ones. A reviewer: the submissions waiting for review, the units missing before the
    consolidation deadline (with when each was last reminded) and the submissions reviewed again since their
    quarter was consolidated. Everyone who follows every unit: how many units have sent the quarter under review,
    and whether its deadline has passed."""

    period: ReportingPeriod
    unit: Unit | None = None  # the reporter's unit; None for those who follow every unit
    submission: Submission | None = None
    deadline: DeadlineStatus | None = None
    missing: tuple[PeriodRow, ...] = ()
    submitted: int = 0
    total: int = 0
    past_deadline: bool = False  # the units' deadline has passed (for those who follow every unit)
    tasks: tuple[ReporterTask, ...] = ()  # a reporter's, most urgent first
    waiting: tuple[Waiting, ...] = ()  # a reviewer's: submitted, not yet reviewed, the longest waiting first
    missing_units: tuple[PeriodRow, ...] = ()  # a reviewer's: units not sent, past their deadline
    corrections: tuple[tuple[Unit, Correction], ...] = ()  # a reviewer's: reviewed again since consolidated

    @property
    def first_task(self) -> ReporterTask | None:
        return self.tasks[0] if self.tasks else None

    @property
    def later_tasks(self) -> tuple[ReporterTask, ...]:
        return self.tasks[1:]


def _reviewer_parts(period: ReportingPeriod, today: date) -> dict[str, Any]:
    """The reviewer's agenda. Queries: the reporting units, the period's submissions, its reminders
    (`period_overview`), the submissions waiting for review, the quarters consolidated, the submissions of those
    quarters reviewed (units joined)."""
    overview = period_overview(period, today, with_reminders=True)
    waiting = tuple(
        Waiting(s.unit, s.period, s.submitted_at)
        for s in Submission.objects.filter(status=Status.SUBMITTED.value)
        .select_related("unit")
        .order_by("submitted_at", "pk")
    )
    consolidated = {
        ReportingPeriod(row["year"], row["quarter"]): row["at"]
        for row in Consolidation.objects.values("year", "quarter").annotate(at=Max("consolidated_at")).order_by()
    }
    corrections: tuple[tuple[Unit, Correction], ...] = ()
    if consolidated:
        reviewed = list(
            Submission.objects.filter(year__in={p.year for p in consolidated}, reviewed_at__isnull=False)
            .select_related("unit")
            .only("unit", "year", "quarter", "status", "reviewed_at")
        )
        units = {s.unit_id: s.unit for s in reviewed}
        found = corrections_since(consolidated, [(s.period, s.unit_id, s.status, s.reviewed_at) for s in reviewed])
        corrections = tuple((units[c.unit_id], c) for c in found)
    return {
        "submitted": overview.submitted,
        "total": len(overview.rows),
        "waiting": waiting,
        "missing_units": tuple(r for r in overview.rows if r.deadline == DeadlineStatus.MISSING),
        "corrections": corrections,
    }


def due_notice_for(user, today: date) -> DueNotice | None:
    """The notice for this person, or None (no role in the tracker, or no period due: after 2030).

    Queries: for a reporter their unit (unless the page header fetched it already) and its submissions; for a
    reviewer their agenda (`_reviewer_parts`); for the others, how many units have sent the period (one query)."""
    person = Person.of(user)
    # A unit's reporters are asked for the quarter they must send next (after what was handed back and what is
    # overdue); those who follow every unit see the quarter under review, with its late and missing units until
    # its consolidation deadline (after the last one of the calendar, nothing).
    if person.is_reporter:
        period = period_due(today)
    elif (period := period_to_consolidate(today)) is not None and period.consolidation_deadline < today:
        period = None
    if person.role is None or period is None:
        return None
    if person.is_reporter:
        unit = reporter_unit(user)
        assert unit is not None  # a reporter's
        rows = unit_periods(unit, today)
        submission = next((r.submission for r in rows if r.period == period), None)
        return DueNotice(
            period,
            unit=unit,
            submission=submission,
            deadline=status_of(period, submission, today),
            missing=tuple(r for r in rows if r.deadline == DeadlineStatus.MISSING),
            tasks=tuple(reporter_agenda([(r.period, r.status, r.deadline, r.reason) for r in rows], period)),
        )
    if person.is_reviewer:
        return DueNotice(period, past_deadline=today > period.unit_deadline, **_reviewer_parts(period, today))
    submitted, total = submitted_count(period)
    return DueNotice(period, submitted=submitted, total=total, past_deadline=today > period.unit_deadline)
