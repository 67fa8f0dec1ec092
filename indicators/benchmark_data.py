"""A synthetic data set at national scale for the benchmark (`manage.py generate_benchmark_data`).

Reporting units with one reporter each, added indicators of mixed kinds (shares, counts, lower-is-better rates),
yearly plans and strategy goals from documents that disagree, quarterly figures (provisional ones revised by
official ones), and each unit's quarterly submissions. Everything is written with bulk inserts and gets its
history records (django-simple-history's bulk helpers), so the pages read it as they read real data. The same
seed gives the same data. Every generated key starts with `bench-` (units, documents) or the group code `9`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.codes import code_sort_key
from indicators.models import Document, Indicator, IndicatorGroup, Membership, Observation, Target, Unit
from places.models import Commune, Province
from reporting.calendar import FIRST_YEAR, ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reporting.workflow import Status

PREFIX = "bench-"
GROUP_CODE = "9"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH = 500


@dataclass(frozen=True)
class Size:
    units: int
    indicators: int
    quarters: int
    submission_quarters: int
    provinces: int = 0  # provinces in force with a figure of every indicator every quarter (places loaded first)
    communes: int = 0  # communes (in the order of their codes) with a figure of the first indicators every quarter
    commune_indicators: int = 0  # those first indicators


SIZES = {
    "national": Size(units=100, indicators=60, quarters=40, submission_quarters=8),
    "small": Size(units=6, indicators=6, quarters=8, submission_quarters=2),
    # The national size with the 34 provinces' figures of every indicator for the 40 quarters.
    "provinces": Size(units=100, indicators=60, quarters=40, submission_quarters=8, provinces=34),
    # The provinces' size with every commune's figure of 20 indicators for the 40 quarters: 2.66 million figures.
    "communes": Size(
        units=100,
        indicators=60,
        quarters=40,
        submission_quarters=8,
        provinces=34,
        communes=3321,
        commune_indicators=20,
    ),
}


class RealDataPresent(Exception):
    """The database holds submissions that the generator did not make: it refuses unless forced."""


class AlreadyGenerated(Exception):
    """The benchmark data is already there."""


@dataclass
class Report:
    units: int = 0
    users: int = 0
    indicators: int = 0
    targets: int = 0
    observations: int = 0
    submissions: int = 0


# Mixed kinds: (measure unit, direction, decimals, low, high, bounded share).
KINDS = [
    ("%", "higher", 2, Decimal(5), Decimal(60)),
    ("%", "lower", 1, Decimal(30), Decimal(2)),
    ("doanh nghiệp", "higher", 0, Decimal(1200), Decimal(9000)),
    ("nghìn tỷ đồng", "higher", 1, Decimal(150), Decimal(900)),
    ("%", "higher", 2, Decimal(40), Decimal(95)),
]


def _quarters_back(last: tuple[int, int], count: int) -> list[tuple[int, int]]:
    year, quarter = last
    result = []
    for _i in range(count):
        result.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return result[::-1]


def _current_quarter(today: date) -> tuple[int, int]:
    """Units report the quarter under way before it ends (Q4 covers October and November, due on 05/12)."""
    return today.year, (today.month - 1) // 3 + 1


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(8 + rng.randrange(9), rng.randrange(60)), tzinfo=HANOI)


@transaction.atomic
def benchmark_data_generate(*, size: Size, today: date, seed: int = 411, force: bool = False) -> Report:
    """Write the data set in one transaction; refuse on a database with real submissions unless `force`."""
    if Unit.objects.filter(slug__startswith=PREFIX).exists():
        raise AlreadyGenerated(_("The benchmark data is already in this database."))
    if Submission.objects.exists() and not force:
        raise RealDataPresent(
            _("This database holds submissions: the benchmark data is generated only into a database without them.")
        )
    if connection.vendor == "postgresql":  # millions of rows: no limit on a statement (DB_STATEMENT_TIMEOUT)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")
    rng = random.Random(seed)
    report = Report()
    last = _current_quarter(today)
    quarters = _quarters_back(last, size.quarters)

    bulk_create_with_history(_documents(), Document, batch_size=BATCH)
    documents = {d.slug: d for d in Document.objects.filter(slug__startswith=PREFIX)}

    units = [
        Unit(
            slug=f"{PREFIX}unit-{i:03d}",
            name=f"Đơn vị đo kiểm số {i:03d}",
            short_name=f"ĐV {i:03d}",
            kind=Unit.Kind.PROVINCE if i % 2 else Unit.Kind.MINISTRY,
        )
        for i in range(1, size.units + 1)
    ]
    bulk_create_with_history(units, Unit, batch_size=BATCH)
    units = list(Unit.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    report.units = len(units)

    User = get_user_model()
    password = make_password("demo")  # hashed once: the same weak demo password for every generated reporter
    User.objects.bulk_create(
        [User(username=f"{PREFIX}reporter-{i:03d}", password=password) for i in range(1, size.units + 1)],
        batch_size=BATCH,
    )
    users = list(User.objects.filter(username__startswith=PREFIX).order_by("username"))
    bulk_create_with_history(
        [
            Membership(user=user, role=Membership.Role.REPORTER, unit=unit)
            for user, unit in zip(users, units, strict=True)
        ],
        Membership,
        batch_size=BATCH,
    )
    report.users = len(users)

    group, _created = IndicatorGroup.objects.get_or_create(code=GROUP_CODE, defaults={"name": "Chỉ tiêu đo kiểm"})
    indicators = []
    for i in range(1, size.indicators + 1):
        measure, direction, decimals, _low, _high = KINDS[i % len(KINDS)]
        code = f"{GROUP_CODE}.{i}"
        indicators.append(
            Indicator(
                code=code,
                sort_key=code_sort_key(code),
                group=group,
                name=f"Chỉ tiêu đo kiểm {code}",
                measure_unit=measure,
                direction=direction,
                decimals=decimals,
                min_value=Decimal(0) if measure == "%" else None,
                max_value=Decimal(100) if measure == "%" else None,
                reporting_unit=units[(i - 1) % len(units)],
                introduced_by=documents[f"{PREFIX}plan"],
            )
        )
    bulk_create_with_history(indicators, Indicator, batch_size=BATCH)
    indicators = list(Indicator.objects.filter(group=group).order_by("sort_key"))
    report.indicators = len(indicators)

    targets, observations, revisions = [], [], []
    by_period: dict[tuple[int, int, int], Observation] = {}
    for index, indicator in enumerate(indicators, start=1):
        _m, _d, _dec, low, high = KINDS[index % len(KINDS)]
        targets += _targets(indicator, low, high, documents, rng)
        steps = len(quarters)
        for step, (year, quarter) in enumerate(quarters):
            share = Decimal(step) / Decimal(max(steps - 1, 1))
            noise = Decimal(rng.randrange(-300, 300)) / 10000 * abs(high - low)
            value = (low + (high - low) * share * Decimal("0.8") + noise).quantize(Decimal("0.0001"))
            if indicator.min_value is not None:
                value = max(value, indicator.min_value)
            if indicator.max_value is not None:
                value = min(value, indicator.max_value)
            observation = Observation(
                indicator=indicator,
                year=year,
                quarter=quarter,
                value=value,
                provisional=step >= steps - 2,
                source="Số liệu đo kiểm",
                document=None,
            )
            observations.append(observation)
            by_period[(indicator.pk, year, quarter)] = observation
            if step < steps - 2 and rng.random() < 0.1:
                revisions.append(observation)
        # A yearly figure from the statistics yearbook for each full year: the baseline and the verdicts read it.
        for year in sorted({y for y, _q in quarters})[:-1]:
            observations.append(
                Observation(
                    indicator=indicator,
                    year=year,
                    quarter=0,
                    value=by_period[(indicator.pk, year, 4)].value if (indicator.pk, year, 4) in by_period else low,
                    provisional=False,
                    source="Niên giám thống kê",
                    document=documents[f"{PREFIX}yearbook"],
                )
            )
    bulk_create_with_history(targets, Target, batch_size=BATCH)
    bulk_create_with_history(observations, Observation, batch_size=BATCH)
    report.targets = len(targets)
    # Revisions: some quarterly figures corrected later, each correction on record.
    if revisions:
        stored = {
            (o.indicator_id, o.year, o.quarter): o
            for o in Observation.objects.filter(indicator__group=group, document__isnull=True)
        }
        changed = []
        for old in revisions:
            obs = stored[(old.indicator_id, old.year, old.quarter)]
            obs.value = (obs.value * Decimal("1.01")).quantize(Decimal("0.0001"))
            obs.note = "Điều chỉnh theo số liệu chính thức"
            changed.append(obs)
        bulk_update_with_history(changed, Observation, ["value", "note"], batch_size=BATCH)
    report.observations = len(observations)
    if size.provinces:
        report.observations += _province_figures(observations, size.provinces, rng)
    if size.communes and size.commune_indicators:
        report.observations += _commune_figures(observations, size.communes, size.commune_indicators, rng)

    report.submissions = _submissions(units, users, indicators, quarters, size, group, rng, today)
    return report


def _province_figures(national: list[Observation], count: int, rng: random.Random) -> int:
    """Each of the first `count` provinces in force: every quarterly figure of the nation, spread around it."""
    provinces = list(Province.objects.current()[:count])
    figures = []
    for province in provinces:
        for figure in national:
            if not figure.quarter:
                continue
            value = (figure.value * Decimal(rng.randrange(70, 130)) / 100).quantize(Decimal("0.0001"))
            ceiling = figure.indicator.max_value  # a share stays within its bounds
            figures.append(
                Observation(
                    indicator_id=figure.indicator_id,
                    year=figure.year,
                    quarter=figure.quarter,
                    value=min(value, ceiling) if ceiling is not None else value,
                    provisional=figure.provisional,
                    source="Số liệu đo kiểm của tỉnh",
                    province=province,
                )
            )
    bulk_create_with_history(figures, Observation, batch_size=BATCH)
    return len(figures)


COMMUNE_SOURCE = "Số liệu đo kiểm của xã"
# Written as figures of record are: the columns of Observation that have no default in the database.
COMMUNE_COLUMNS = ("indicator_id", "year", "quarter", "value", "provisional", "source", "note", "unit_written")


def _commune_figures(national: list[Observation], count: int, indicators: int, rng: random.Random) -> int:
    """The first `count` communes (in the order of their codes): every quarterly figure of the first `indicators`
    indicators, spread around the nation's. Millions of rows, written one indicator at a time (COPY on PostgreSQL,
    bulk inserts elsewhere; on PostgreSQL each COPY raises its indicator's revision once, the triggers being once a
    statement), and put on record by one INSERT … SELECT into the history, as `bulk_create_with_history` would
    have, row for row."""
    communes = list(Commune.objects.order_by("code").values_list("pk", flat=True)[:count])
    chosen = sorted({f.indicator_id for f in national})[:indicators]
    series: dict[int, list[Observation]] = {pk: [] for pk in chosen}
    for figure in national:
        if figure.quarter and figure.indicator_id in series:
            series[figure.indicator_id].append(figure)
    now = timezone.now()
    written = 0
    for indicator_id in chosen:
        rows = []
        for commune in communes:
            for figure in series[indicator_id]:
                value = (figure.value * Decimal(rng.randrange(70, 130)) / 100).quantize(Decimal("0.0001"))
                ceiling = figure.indicator.max_value
                value = min(value, ceiling) if ceiling is not None else value
                rows.append(
                    (indicator_id, figure.year, figure.quarter, value, figure.provisional, COMMUNE_SOURCE, "", True)
                    + (now, commune)
                )
        _rows_written(rows)
        written += len(rows)
    _on_record(Observation.breakdowns.filter(commune__isnull=False, indicator_id__in=chosen), now)
    return written


def _rows_written(rows: list[tuple]) -> None:
    """Commune figures (`COMMUNE_COLUMNS`, the moment recorded and the commune) written as fast as the database
    takes them."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Observation._meta.db_table)
        columns = ", ".join((*COMMUNE_COLUMNS, "recorded_at", "commune_id"))
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    fields = (*COMMUNE_COLUMNS, "recorded_at", "commune_id")  # their attribute names too
    Observation.objects.bulk_create(
        [Observation(**dict(zip(fields, row, strict=True))) for row in rows],
        batch_size=BATCH,
    )


def _on_record(figures, moment: datetime) -> None:
    """A creation record in the history of each of `figures`, in one statement."""
    history = Observation.history.model
    columns = [f.column for f in Observation._meta.concrete_fields]
    q = connection.ops.quote_name
    select, params = figures.values_list(
        *[f.attname for f in Observation._meta.concrete_fields]
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(history._meta.db_table)} ({', '.join(q(c) for c in columns)}, history_date, history_type) "
            f"SELECT *, %s, '+' FROM ({select}) AS figures",
            [moment, *params],
        )


def _documents() -> list[Document]:
    """Documents of every rank, so that targets disagree and rank decides which is in force."""
    rows = [
        ("strategy", Document.Kind.DECISION, Document.Rank.PRIME_MINISTER, date(2022, 3, 31)),
        ("plan", Document.Kind.DECISION, Document.Rank.MINISTRY, date(2023, 3, 28)),
        ("plan-revised", Document.Kind.DECISION, Document.Rank.MINISTRY, date(2025, 2, 14)),
        ("letter", Document.Kind.OFFICIAL_LETTER, Document.Rank.OFFICIAL_LETTER, date(2024, 12, 21)),
        ("forum", Document.Kind.REPORT, Document.Rank.REPORT, date(2023, 9, 14)),
        ("yearbook", Document.Kind.REPORT, Document.Rank.REPORT, date(2025, 6, 30)),
    ]
    return [
        Document(
            slug=f"{PREFIX}{slug}",
            number=f"{n}/ĐK-{slug.upper()}",
            kind=kind,
            title=f"Văn bản đo kiểm {slug}",
            issuer="Đơn vị đo kiểm",
            rank=rank,
            issued_on=issued_on,
        )
        for n, (slug, kind, rank, issued_on) in enumerate(rows, start=1)
    ]


def _targets(indicator: Indicator, low: Decimal, high: Decimal, documents, rng: random.Random) -> list[Target]:
    """Yearly plans 2023–2030 from two minister's decisions (the later one revising some years) and an official
    letter that disagrees; strategy goals for 2025 and 2030 from the Prime Minister's decision and a report."""
    comparator = ">=" if indicator.direction == "higher" else "<="
    result = []

    def target(year, kind, document, value, section="Mục II.1"):
        value = value.quantize(Decimal("0.01"))
        result.append(
            Target(
                indicator=indicator,
                year=year,
                kind=kind,
                comparator=comparator,
                value=value,
                wording=f"{'Tối thiểu' if comparator == '>=' else 'Tối đa'} {value}",
                document=documents[f"{PREFIX}{document}"],
                section=section,
            )
        )

    for year in range(2023, 2031):
        share = Decimal(year - 2022) / 8
        planned = low + (high - low) * share
        target(year, Target.Kind.PLAN, "plan", planned)
        if year >= 2025 and rng.random() < 0.5:
            target(year, Target.Kind.PLAN, "plan-revised", planned * Decimal("1.05"))
        if rng.random() < 0.4:
            target(year, Target.Kind.PLAN, "letter", planned * Decimal("0.95"))
    for year in (2025, 2030):
        goal = low + (high - low) * (Decimal("0.5") if year == 2025 else Decimal(1))
        target(year, Target.Kind.GOAL, "strategy", goal, section="Mục II")
        if rng.random() < 0.5:
            target(year, Target.Kind.GOAL, "forum", goal * Decimal("1.1"), section="Mục III")
    if rng.random() < 0.2:
        result.append(
            Target(
                indicator=indicator,
                year=2024,
                kind=Target.Kind.PLAN,
                wording="Theo Kế hoạch của bộ, ngành",
                document=documents[f"{PREFIX}plan"],
                section="Phụ lục 01",
            )
        )
    return result


def _submissions(units, users, indicators, quarters, size: Size, group, rng: random.Random, today: date) -> int:
    """Each unit's submissions for the last quarters of the calendar: older ones accepted (their values linked
    to the figures of record), the latest submitted, returned or in draft."""
    periods = [(y, q) for y, q in quarters if y >= FIRST_YEAR][-size.submission_quarters :]
    reported: dict[Any, Any] = {}
    for indicator in indicators:
        reported.setdefault(indicator.reporting_unit_id, []).append(indicator)
    observations = {
        (o.indicator_id, o.year, o.quarter): o
        for o in Observation.objects.filter(indicator__group=group, document__isnull=True)
    }
    submissions = []
    for unit, user in zip(units, users, strict=True):
        for position, (year, quarter) in enumerate(periods):
            latest = position == len(periods) - 1
            status = (
                rng.choice([Status.SUBMITTED, Status.RETURNED, Status.DRAFT, Status.ACCEPTED])
                if latest
                else Status.ACCEPTED
            )
            period = ReportingPeriod(year, quarter)
            sent = _moment(
                min(period.unit_deadline - timedelta(days=rng.randrange(-3, 10)), today - timedelta(days=1)), rng
            )
            submitted = status != Status.DRAFT
            submissions.append(
                Submission(
                    unit=unit,
                    year=year,
                    quarter=quarter,
                    status=status.value,
                    version=1 if submitted else 0,
                    trend_assessment="Xu hướng tăng đều theo quý." if quarter == 2 else "",
                    first_submitted_at=sent if submitted else None,
                    submitted_at=sent if submitted else None,
                    submitted_by=user if submitted else None,
                    reviewed_at=sent + timedelta(days=3) if status in (Status.ACCEPTED, Status.RETURNED) else None,
                    updated_at=sent,
                    updated_by=user,
                )
            )
    bulk_create_with_history(submissions, Submission, batch_size=BATCH)
    stored = Submission.objects.filter(unit__slug__startswith=PREFIX).select_related("unit")
    values = []
    for submission in stored:
        for indicator in reported.get(submission.unit_id, []):
            obs = observations.get((indicator.pk, submission.year, submission.quarter))
            accepted = submission.status == Status.ACCEPTED.value
            values.append(
                SubmissionValue(
                    submission=submission,
                    indicator=indicator,
                    value=obs.value if obs else None,
                    provisional=obs.provisional if obs else False,
                    source="Số liệu đo kiểm",
                    official_observation=obs if accepted and obs and not obs.provisional else None,
                    provisional_observation=obs if accepted and obs and obs.provisional else None,
                )
            )
    bulk_create_with_history(values, SubmissionValue, batch_size=BATCH)
    return len(submissions)
