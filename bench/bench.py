"""The page benchmark: every page and API route, in-process, on generated data of two sizes.

    .venv/bin/python bench/bench.py                       # SQLite, sizes "small" and "national"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench.py

For each size a separate benchmark database is made (a SQLite file under var/bench/, or a scratch PostgreSQL
database next to DATABASE_URL's, dropped afterwards) with the reference data, the demo people and
`generate_benchmark_data`. Each route is requested through Django's test client as the person who uses it; the
median and p95 server time are given as ratios to the trivial signed-in page (measured just before each route, so
that a moment's load on the machine slows both) and to the route's own floor (the same figures fetched with one
hand-written SQL query and joined into HTML, CSV or JSON by string operations, served as a page to the same
person through the same middleware: `bench/urls.py`), measured in the same run, with the SQL query count at both
sizes; the floor's query and join alone are measured too.

A second column gives each route's server time right after a write to the data it shows, the server's caches warm
otherwise: the route is requested, one row it shows is changed by SQL of the benchmark's own (no service, no model
save, no signal: nothing that a cache layer could see coming; the database's triggers raise the data versions, as
for any write), and the next request is timed. The row takes its other value and its own in turn, so the data
truly changes at every write, and is restored afterwards. Its median and p95 are given in ms beside the goal of
100 ms (of the HTML pages and API answers; the files are measured without a goal). Each answer is then compared
(CSRF tokens and the moment a file was written aside) with the route made again with the app server's in-memory
caches emptied: an answer that differs is stale (a cache missed the write), and the goal is not met whatever its
time; and with the answer before the write: the same answer there means a write the route does not show.

It prints a table and writes var/bench/bench-<database>.json. Bounded: --repeat requests per route and column, and
at most --route-seconds per route and column.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from django.db.models import Model

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from strategy_tracker.configuration import exit_on_configuration_error, read_env_file  # noqa: E402

OUT = BASE_DIR / "var" / "bench"

# (name, path, person, floor, content, write): person is a demo username or "unit" (the first generated unit's
# reporter); write is the row of the route's data that the after-write column changes (`WRITES`): the goal in force
# of an indicator it shows, the first generated unit's figure for a quarter it shows ("latest": the unit's latest
# quarter, the one the reviewers' overview shows on the benchmark's day), the task at the head of the list, the
# released figure of an indicator. The flag filters show none of the generated indicators: the goal written is the
# home page's.
ROUTES = [
    ("home", "/", "leader", "indicators", "html", "goal 9.1"),
    ("home ?flag=off_track", "/?flag=off_track", "leader", "indicators", "html", "goal 9.1"),
    ("home ?flag=at_risk", "/?flag=at_risk", "leader", "indicators", "html", "goal 9.1"),
    ("dashboard", "/dashboard/", "leader", "indicators", "html", "goal 9.1"),
    ("dashboard briefing", "/dashboard/briefing/", "leader", "indicators", "html", "goal 9.1"),
    ("indicator 1.1", "/indicators/1.1/", "leader", "indicator", "html", "goal 1.1"),
    ("indicator 9.1", "/indicators/9.1/", "leader", "indicator", "html", "goal 9.1"),
    ("reports table", "/reports/{period}/", "reviewer", "period", "html", "value {period}"),
    ("reports table.xlsx", "/reports/{period}/table.xlsx", "reviewer", "period", "csv", "value {period}"),
    ("reports report.docx", "/reports/{period}/report.docx", "reviewer", "period", "csv", "value {period}"),
    ("reports report", "/reports/{period}/report/", "reviewer", "period", "html", "value {period}"),
    ("submissions", "/submissions/", "reviewer", "units", "html", "value latest"),
    ("unit submissions", "/submissions/bench-unit-001/", "unit", "unit", "html", "value latest"),
    ("unit submission", "/submissions/bench-unit-001/{period}/", "unit", "submission", "html", "value {period}"),
    ("tasks", "/tasks/", "reviewer", "tasks", "html", "task"),
    ("public", "/public/", None, "public", "html", "released 9.1"),
    ("public indicator", "/public/indicators/9.1/", None, "public_indicator", "html", "released 9.1"),
    ("public data.csv", "/public/data.csv", None, "public", "csv", "released 9.1"),
    ("api indicators", "/api/v1/indicators/", "leader", "api_page_nested", "json", "goal 9.1"),
    ("api indicators ?nested=1", "/api/v1/indicators/?nested=1", "leader", "api_page_nested", "json", "goal 9.1"),
    ("api indicator 9.1", "/api/v1/indicators/9.1/", "leader", "indicator", "json", "goal 9.1"),
    ("api submissions", "/api/v1/submissions/?period={period}", "reviewer", "units", "json", "value {period}"),
    ("api tasks", "/api/v1/tasks/", "reviewer", "api_tasks", "json", "task"),
    # The provinces' pages (generate_benchmark_data --size provinces: every figure of every indicator for each of the
    # 34 provinces; at the other sizes they have no province's figure to show).
    ("provinces", "/provinces/", "leader", "provinces", "html", "province 9.1"),
    ("provinces heatmap (dashboard part)", "/provinces/heatmap/", "leader", "provinces", "html", "province 9.1"),
    (
        "api figures ?province=1",
        "/api/v1/indicators/9.1/figures/?province=1",
        "leader",
        "province",
        "json",
        "province 9.1",
    ),
    # An indicator's figures by commune (generate_benchmark_data --size communes: every figure of 9.1–9.20 for each of
    # the 3,321 communes; at the other sizes the page has none to list): the first page and a middle one, of every
    # province and of Hà Nội's. The write: the latest figure of a commune the page lists (the page's first).
    ("communes 9.1", "/indicators/9.1/communes/", "leader", "communes", "html", "commune 9.1 0"),
    ("communes 9.1 ?page=34", "/indicators/9.1/communes/?page=34", "leader", "communes", "html", "commune 9.1 1650"),
    (
        "communes 9.1 ?province=1",
        "/indicators/9.1/communes/?province=1",
        "leader",
        "communes",
        "html",
        "commune 9.1 0 1",
    ),
    (
        "communes 9.1 ?province=1&page=2",
        "/indicators/9.1/communes/?province=1&page=2",
        "leader",
        "communes",
        "html",
        "commune 9.1 50 1",
    ),
]
TRIVIAL = "/accounts/password/done/"
PERIOD = "2026Q3"

# One hand-written query per floor; its rows are joined into the page's content by plain string operations, and
# served as a page by bench/urls.py.
FLOORS = {
    "indicators": (
        "SELECT i.code, i.name, i.measure_unit, t.year, t.kind, t.value, o.year, o.quarter, o.value "
        "FROM indicators_indicator i LEFT JOIN indicators_target t ON t.indicator_id = i.id "
        "LEFT JOIN indicators_observation o ON o.indicator_id = i.id AND o.province_id IS NULL AND o.sector_id IS NULL "
        "AND o.commune_id IS NULL AND o.year >= %s AND t.year = o.year "
        "ORDER BY i.sort_key, t.year",
        lambda: [2020],
    ),
    "indicator": (
        "SELECT i.code, i.name, t.year, t.kind, t.value, t.wording, d.number, o.year, o.quarter, o.value "
        "FROM indicators_indicator i LEFT JOIN indicators_target t ON t.indicator_id = i.id "
        "LEFT JOIN indicators_document d ON d.id = t.document_id "
        "LEFT JOIN indicators_observation o ON o.indicator_id = i.id AND o.province_id IS NULL AND o.sector_id IS NULL "
        "AND o.commune_id IS NULL AND o.year = t.year "
        "WHERE i.code = %s ORDER BY t.year, o.quarter",
        lambda: ["9.1"],
    ),
    "api_page_nested": (
        "SELECT i.code, i.name, t.year, t.kind, t.value, o.year, o.quarter, o.value FROM "
        "(SELECT * FROM indicators_indicator ORDER BY sort_key LIMIT 50) i "
        "LEFT JOIN indicators_target t ON t.indicator_id = i.id "
        "LEFT JOIN indicators_observation o ON o.indicator_id = i.id AND o.province_id IS NULL AND o.sector_id IS NULL "
        "AND o.commune_id IS NULL AND o.year = t.year ORDER BY i.sort_key",
        lambda: [],
    ),
    "period": (
        "SELECT i.code, i.name, u.short_name, s.status, v.value, v.source FROM indicators_indicator i "
        "LEFT JOIN indicators_unit u ON u.id = i.reporting_unit_id "
        "LEFT JOIN reporting_submissionvalue v ON v.indicator_id = i.id "
        "LEFT JOIN reporting_submission s ON s.id = v.submission_id AND s.year = %s AND s.quarter = %s "
        "ORDER BY i.sort_key",
        lambda: [2026, 3],
    ),
    "units": (
        "SELECT u.slug, u.name, s.status, s.first_submitted_at FROM indicators_unit u "
        "LEFT JOIN reporting_submission s ON s.unit_id = u.id AND s.year = %s AND s.quarter = %s ORDER BY u.name",
        lambda: [2026, 3],
    ),
    "unit": (
        "SELECT s.year, s.quarter, s.status, s.submitted_at FROM reporting_submission s "
        "JOIN indicators_unit u ON u.id = s.unit_id WHERE u.slug = %s ORDER BY s.year, s.quarter",
        lambda: ["bench-unit-001"],
    ),
    "submission": (
        "SELECT i.code, i.name, v.value, v.source, v.note, s.status FROM reporting_submission s "
        "JOIN indicators_unit u ON u.id = s.unit_id JOIN reporting_submissionvalue v ON v.submission_id = s.id "
        "JOIN indicators_indicator i ON i.id = v.indicator_id "
        "WHERE u.slug = %s AND s.year = %s AND s.quarter = %s ORDER BY i.sort_key",
        lambda: ["bench-unit-001", 2026, 3],
    ),
    # A page of 50 tasks, as the task list and the API show them: the HTML page its columns, the API also each
    # task's implementing units.
    "tasks": (
        "SELECT d.number, t.ref, t.title, t.lead, t.units_text, t.due, t.status FROM "
        '(SELECT * FROM plans_task ORDER BY document_id, "order" LIMIT 50) t '
        'JOIN indicators_document d ON d.id = t.document_id ORDER BY t.document_id, t."order"',
        lambda: [],
    ),
    "api_tasks": (
        "SELECT t.id, d.slug, d.number, t.ref, t.number, t.title, t.lead, t.units_text, t.due, t.deadline, "
        't.status, u.slug FROM (SELECT * FROM plans_task ORDER BY document_id, "order" LIMIT 50) t '
        "JOIN indicators_document d ON d.id = t.document_id LEFT JOIN plans_task_units tu ON tu.task_id = t.id "
        'LEFT JOIN indicators_unit u ON u.id = tu.unit_id ORDER BY t.document_id, t."order"',
        lambda: [],
    ),
    "public": (
        "SELECT i.code, i.name, f.year, f.quarter, f.value FROM publication_releasedfigure f "
        "JOIN indicators_indicator i ON i.id = f.indicator_id ORDER BY i.sort_key, f.year, f.quarter",
        lambda: [],
    ),
    "provinces": (
        "SELECT p.name, i.code, o.year, o.quarter, o.value FROM indicators_observation o "
        "JOIN places_province p ON p.id = o.province_id JOIN indicators_indicator i ON i.id = o.indicator_id "
        "ORDER BY p.code, i.sort_key, o.year, o.quarter",
        lambda: [],
    ),
    "province": (
        "SELECT o.year, o.quarter, o.value, o.provisional, o.source FROM indicators_observation o "
        "JOIN places_province p ON p.id = o.province_id JOIN indicators_indicator i ON i.id = o.indicator_id "
        "WHERE i.code = %s AND p.code = %s ORDER BY o.year, o.quarter",
        lambda: ["9.1", 1],
    ),
    # A page of 50 communes with each one's latest figure (the first page: the floor of the four communes routes).
    "communes": (
        "SELECT c.code, c.name, p.name, o.year, o.quarter, o.value, o.provisional, o.source FROM "
        "(SELECT * FROM places_commune ORDER BY code LIMIT 50) c JOIN places_province p ON p.id = c.province_id "
        "JOIN indicators_observation o ON o.id = (SELECT f.id FROM indicators_observation f "
        "JOIN indicators_indicator i ON i.id = f.indicator_id WHERE i.code = %s AND f.commune_id = c.id "
        "ORDER BY f.year DESC, f.quarter DESC LIMIT 1) ORDER BY c.code",
        lambda: ["9.1"],
    ),
    "public_indicator": (
        "SELECT i.code, i.name, f.year, f.quarter, f.value FROM publication_releasedfigure f "
        "JOIN indicators_indicator i ON i.id = f.indicator_id WHERE i.code = %s ORDER BY f.year, f.quarter",
        lambda: ["9.1"],
    ),
}


def _join(rows, content: str) -> bytes:
    if content == "json":
        return ("[" + ",".join('{"row":["' + '","'.join(str(c) for c in row) + '"]}' for row in rows) + "]").encode()
    if content == "csv":
        return "\n".join(",".join(str(c) for c in row) for row in rows).encode()
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><body><table>{body}</table></body></html>".encode()


def _floor(name: str, content: str):
    from django.db import connection

    sql, params = FLOORS[name]

    def run() -> bytes:
        with connection.cursor() as cursor:
            cursor.execute(sql, params())  # type: ignore[arg-type]  # FLOORS' parameter makers return a tuple
            return _join(cursor.fetchall(), content)

    return run


def _timed(call, repeat: int, budget: float) -> list[float]:
    call()  # warm-up: caches, compiled templates
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < repeat and (len(times) < 3 or time.perf_counter() < deadline):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]


AFTER_WRITE_GOAL_MS = 100  # the median right after a write, on PostgreSQL, of every HTML page and API answer
FILES = "csv"  # the routes that answer a file (CSV, the Excel table, the report): measured, without that goal
UNIT = "bench-unit-001"


@dataclass(frozen=True)
class Write:
    """One row of a route's data, changed by an UPDATE of the benchmark's own through `connection.cursor()`: no
    service, no model method, no signal, nothing a cache layer could see coming (the database's triggers raise the
    data versions, as for every write). `make(step)` gives the row its other value at even steps and its own at odd
    ones, so that every write truly changes the data; `restore()` puts its own back."""

    label: str
    model: type[Model]
    pk: int
    field: str
    stored: object
    other: object

    def _set(self, value: object) -> None:
        from django.db import connection
        from django.db.models import Field

        quote = connection.ops.quote_name
        meta = self.model._meta
        field = meta.get_field(self.field)
        assert isinstance(field, Field) and meta.pk is not None  # a concrete column of a table with a key
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} SET {quote(field.column)} = %s WHERE {quote(meta.pk.column)} = %s",
                [field.get_db_prep_save(value, connection), self.pk],
            )

    def make(self, step: int) -> None:
        self._set(self.other if step % 2 == 0 else self.stored)

    def restore(self) -> None:
        self._set(self.stored)


def _other_number(value: Decimal) -> Decimal:
    """A value one away, on the side that keeps a share within 0–100."""
    return value - 1 if value >= 1 else value + 1


def _goal(code: str) -> Write:
    """The indicator's goal in force for its last goal year: the one of the highest-ranked document."""
    from indicators.models import Target

    target = (
        Target.objects.filter(indicator__code=code, kind=Target.Kind.GOAL, value__isnull=False)
        .order_by("-year", "-document__rank", "-pk")
        .first()
    )
    assert target is not None and target.value is not None, f"no numeric goal of {code}"
    return Write(f"goal {code} {target.year}", Target, target.pk, "value", target.value, _other_number(target.value))


def _submission_value(period: str) -> Write:
    """The first generated unit's first figure for `period` ("2026Q3"), or for its latest quarter."""
    from reporting.models import SubmissionValue

    values = SubmissionValue.objects.filter(submission__unit__slug=UNIT, value__isnull=False)
    if period == "latest":
        values = values.order_by("-submission__year", "-submission__quarter", "indicator__sort_key")
    else:
        values = values.filter(submission__year=int(period[:4]), submission__quarter=int(period[-1]))
        values = values.order_by("indicator__sort_key")
    value = values.select_related("submission", "indicator").first()
    assert value is not None and value.value is not None, f"no figure of {UNIT} for {period}"
    label = f"value {value.indicator.code} {value.submission.year}Q{value.submission.quarter}"
    return Write(label, SubmissionValue, value.pk, "value", value.value, _other_number(value.value))


def _task(_arg: str) -> Write:
    """The task at the head of the list (its default order): its status, the progress the list shows."""
    from plans.models import Status, Task

    task = Task.objects.first()
    assert task is not None, "no task"
    other = Status.IN_PROGRESS if task.status != Status.IN_PROGRESS else Status.DONE
    return Write(f"task {task.ref} status", Task, task.pk, "status", task.status, other.value)


def _released_figure(code: str) -> Write:
    """The indicator's latest released figure for the nation in a published release."""
    from publication.models import Release, ReleasedFigure

    figure = (
        ReleasedFigure.objects.national()
        .filter(indicator__code=code, release__status=Release.Status.PUBLISHED)
        .order_by("-year", "-quarter", "-pk")
        .first()
    )
    assert figure is not None, f"no released figure of {code}"
    label = f"released {code} {figure.year}Q{figure.quarter}"
    return Write(label, ReleasedFigure, figure.pk, "value", figure.value, _other_number(figure.value))


def _province_figure(code: str) -> Write:
    """The latest figure of Hà Nội (code 1) for the indicator; where no province has figures (the sizes without
    them), the indicator's goal, against which the provinces are judged."""
    from indicators.models import Observation

    figure = (
        Observation.breakdowns.filter(indicator__code=code, province__code=1)
        .order_by("-year", "-quarter", "-pk")
        .first()
    )
    if figure is None:
        return _goal(code)
    label = f"province 1 {code} {figure.year}Q{figure.quarter}"
    return Write(label, Observation, figure.pk, "value", figure.value, _other_number(figure.value))


def _commune_figure(arg: str) -> Write:
    """`code offset [province]`: the latest figure of the commune at `offset` among those with a figure of the
    indicator (of the province of that code), in the order of their codes; where none has one, the indicator's goal."""
    from django.db.models import Exists, OuterRef

    from indicators.models import Observation
    from places.models import Commune

    code, offset, *province = arg.split()
    figures = Observation.breakdowns.filter(indicator__code=code, commune=OuterRef("pk"))
    communes = Commune.objects.filter(Exists(figures)).order_by("code")
    if province:
        communes = communes.filter(province__code=int(province[0]), province__valid_to__isnull=True)
    commune = communes[int(offset) : int(offset) + 1].first()
    if commune is None:
        return _goal(code)
    figure = Observation.breakdowns.filter(indicator__code=code, commune=commune).order_by("-year", "-quarter").first()
    assert figure is not None
    label = f"commune {commune.code_text} {code} {figure.year}Q{figure.quarter}"
    return Write(label, Observation, figure.pk, "value", figure.value, _other_number(figure.value))


WRITES = {
    "goal": _goal,
    "value": _submission_value,
    "task": _task,
    "released": _released_figure,
    "province": _province_figure,
    "commune": _commune_figure,
}


def write_for(spec: str) -> Write:
    """The write that ROUTES names ("goal 9.1", "value 2026Q3", "task", …), its row found in the database."""
    kind, _space, arg = spec.partition(" ")
    return WRITES[kind](arg)


CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*"')
ZIP = b"PK\x03\x04"
WRITTEN_AT = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def _compared(body: bytes) -> bytes | tuple[tuple[str, bytes], ...]:
    """An answer as two are compared: without its CSRF tokens, which are masked anew for every answer; a ZIP file
    (the Excel table, the report) as its members' names and contents, without the moments it was written at (in
    each member's header and in an Office file's properties)."""
    if body.startswith(ZIP):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return tuple((name, WRITTEN_AT.sub(rb"\1", archive.read(name))) for name in archive.namelist())
    return CSRF_VALUE.sub(rb'\1"', body)


def _in_memory_caches_emptied() -> None:
    """Empties each app server's own caches (Django's in-memory ones: kept parts, rows, answers, figures, public
    pages), as a server started afresh has them."""
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for name in settings.CACHES:
        if isinstance(caches[name], LocMemCache):
            caches[name].clear()


@dataclass
class AfterWrite:
    """A route's after-write column: each timed request's seconds, and how its answers compared."""

    times: list[float]
    stale: int = 0  # answers other than the route made again with the in-memory caches emptied
    same: int = 0  # answers the write left as they were: stale, or a write the route does not show

    def summary(self, write: str, *, goal: bool = True) -> dict:
        """The route's figures for the JSON; `goal`: whether the route has the after-write goal (not a file)."""
        median_ms = statistics.median(self.times) * 1000
        return {
            "write": write,
            "requests": len(self.times),
            "median_ms": median_ms,
            "p95_ms": _p95(self.times) * 1000,
            # A stale answer measures a cache, not the route made after the write: the goal is not met.
            "goal_met": median_ms < AFTER_WRITE_GOAL_MS and not self.stale if goal else None,
            "stale": self.stale,
            "same_as_before": self.same,
        }


def _timed_after_write(call, write: Write, repeat: int, budget: float) -> AfterWrite:
    """The times of the first request after each write, the route requested just before it so that the server's
    caches are warm but for the write. Each answer is compared (`_compared`) with the one before the write and
    with the route made again with the in-memory caches emptied."""
    found = AfterWrite(times=[])
    deadline = time.perf_counter() + budget
    try:
        while len(found.times) < repeat and (len(found.times) < 3 or time.perf_counter() < deadline):
            before = call()
            write.make(len(found.times))
            started = time.perf_counter()
            after = call()
            found.times.append(time.perf_counter() - started)
            _in_memory_caches_emptied()
            made_again = call()
            found.same += _compared(after) == _compared(before)
            found.stale += _compared(after) != _compared(made_again)
    finally:
        write.restore()
    return found


def _setup_data(size: str) -> float:
    """The benchmark's database of `size`; the seconds `generate_benchmark_data` took."""
    from datetime import date

    from django.core.management import call_command
    from django.db import connection

    from indicators.services import demo_users_create
    from publication.models import Release
    from strategy_tracker import clock

    if connection.vendor == "postgresql":
        # Making the data set is not a request: its large inserts (each row raising its indicator's revision) are
        # not cut at the servers' statement timeout (DB_STATEMENT_TIMEOUT) on a busy machine.
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))
    demo_users_create()
    started = time.perf_counter()
    call_command("generate_benchmark_data", size=size, stdout=open(os.devnull, "w"))
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")  # the requests measured run under the servers' own
    today = clock.today()
    assert today == date(2026, 11, 30)
    if not Release.objects.exists():
        release_quarter()
    return generated


def release_quarter() -> None:
    """Releases the second quarter of 2026 for the public pages, proposed by the reviewer and approved by the leader."""
    from django.contrib.auth import get_user_model

    from publication.services import release_approve, release_propose

    User = get_user_model()
    release = release_propose(proposed_by=User.objects.get(username="reviewer"), note="Số liệu quý", quarter=(2026, 2))
    release_approve(release=release, approved_by=User.objects.get(username="leader"))


def worker(size: str, repeat: int, budget: float) -> dict:
    """Runs in its own process, with DATABASE_URL set to the benchmark database of `size`."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
    django.setup()
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import clear_url_caches

    from strategy_tracker import clock

    settings.ROOT_URLCONF = "bench.urls"  # the project's routes and each route's floor page
    clear_url_caches()
    from strategy_tracker import collector

    collector.settle()  # the garbage collector as an app server's worker sets it up (strategy_tracker/wsgi.py)

    # The data and the pages as of 30/11/2026, the day the tests stand on, whatever the real date.
    clock.stand_at(datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    generated = _setup_data(size)
    User = get_user_model()
    clients: dict = {}

    def client_for(person):
        if person not in clients:
            client = Client()
            if person is not None:
                username = "bench-reporter-001" if person == "unit" else person
                client.force_login(User.objects.get(username=username))
            clients[person] = client
        return clients[person]

    def request(path, person):
        def call():
            response = client_for(person).get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code}")
            return b"".join(response) if response.streaming else response.content

        return call

    trivial_page = request(TRIVIAL, "leader")
    trivial = _timed(trivial_page, repeat * 2, budget)
    result = {"size": size, "generated_s": generated, "trivial_ms": statistics.median(trivial) * 1000, "routes": {}}
    for name, path, person, floor, content, write_spec in ROUTES:
        path = path.format(period=PERIOD)
        call = request(path, person)
        call()  # signs the person in and warms the caches: the count is of a page as people get it
        queries: list[str] = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            body = call()
        # The trivial page measured just before the route: a moment's load on the machine slows both. In a block of
        # its own, not in turn with the route: the route's garbage would be collected during the trivial requests.
        beside = _timed(trivial_page, repeat, budget)
        times = _timed(call, repeat, budget)
        floor_page = request(f"/bench-floor/{floor}/{content}/{int(person is not None)}/", person)
        floor_times = _timed(floor_page, repeat, budget)
        query_times = _timed(_floor(floor, content), repeat, budget)
        write = write_for(write_spec.format(period=PERIOD))
        after_write = _timed_after_write(call, write, repeat, budget)
        result["routes"][name] = {  # type: ignore[index]  # the JSON result is built as nested dicts
            "path": path,
            "queries": len(queries),
            "bytes": len(body),
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": _p95(times) * 1000,
            "trivial_ms": statistics.median(beside) * 1000,  # the trivial page, measured just before the route
            "floor_ms": statistics.median(floor_times) * 1000,  # the floor served as a page
            "floor_query_ms": statistics.median(query_times) * 1000,  # its query and join alone
            # The first request after a write to what the route shows.
            "after_write": after_write.summary(write.label, goal=content != FILES),
        }
    return result


def _admin_sql(base_url: str, sql: str) -> None:
    from bench.cluster import _admin_sql as run

    run(base_url, sql)


def bench_settings() -> dict[str, str]:
    """The environment the benchmark's pages are served in (and `profile.py`'s): production's settings, without
    TLS and request logs, with a fast password hasher for the demo people."""
    return {
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-secret-key-not-for-production-0123456789abcdefghijkl",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_FROM_FINDERS": "1",
        "FAST_PASSWORD_HASHER": "1",
        "LOG_REQUESTS": "0",
        "LOG_LEVEL": "ERROR",
        # Pages are requested through Django's test client, but without its test environment: that environment
        # copies the context of every template rendered (for assertions), which no server does.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def run_size(size: str, base_url: str, repeat: int, budget: float, scratch_name: str = "tracker_bench") -> dict:
    env = {**os.environ, **bench_settings()}
    scratch = None
    if base_url.startswith("postgres"):
        scratch = f"{scratch_name}_{size}"
        parts = urlsplit(base_url)
        env["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + scratch))
        _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{scratch}"')
        _admin_sql(base_url, f'CREATE DATABASE "{scratch}"')
    else:
        db = OUT / f"bench-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    try:
        command = [sys.executable, __file__, "--worker", size, "--repeat", str(repeat), "--route-seconds", str(budget)]
        # Two hours: the communes' size takes minutes to generate (2.66 million figures) before its routes.
        done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=7200)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-4000:])
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if scratch:
            _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


VERDICTS = {True: "met", False: "MISS", None: "-"}


def table(results: list[dict]) -> str:
    """The large size's routes, warm and right after a write, with the query counts of both sizes."""
    small, large = results[0], results[-1]
    lines = [
        f"trivial page: {large['trivial_ms']:.1f} ms ({large['size']}), {small['trivial_ms']:.1f} ms ({small['size']})"
        f"; generate_benchmark_data: {large.get('generated_s', 0):.0f} s ({large['size']})",
        f"{'':28} {'warm':-^63}  {f'after a write (goal: median < {AFTER_WRITE_GOAL_MS} ms)':-^44}",
        f"{'route':28} {'median ms':>9} {'p95 ms':>8} {'×trivial':>8} {'×floor':>7} {'floor ms':>8} {'query ms':>8} "
        f"{'queries':>9}  {'median ms':>9} {'p95 ms':>8} {'goal':>5} {'stale':>5} {'same':>4} {'n':>3} {'KB':>7}",
    ]
    for name, route in large["routes"].items():
        other = small["routes"][name]["queries"]
        queries = f"{route['queries']}" if other == route["queries"] else f"{other}→{route['queries']}"
        after = route["after_write"]
        lines.append(
            f"{name:28} {route['median_ms']:9.1f} {route['p95_ms']:8.1f} "
            f"{route['median_ms'] / route['trivial_ms']:8.1f} {route['median_ms'] / route['floor_ms']:7.1f} "
            f"{route['floor_ms']:8.2f} {route['floor_query_ms']:8.2f} {queries:>9}  "
            f"{after['median_ms']:9.1f} {after['p95_ms']:8.1f} {VERDICTS[after['goal_met']]:>5} "
            f"{after['stale']:5} {after['same_as_before']:4} {after['requests']:3} {route['bytes'] / 1024:7.0f}"
        )
    verdicts = [route["after_write"]["goal_met"] for route in large["routes"].values()]
    lines.append(
        f"after a write ({large['size']}): {verdicts.count(True)} of {len(verdicts) - verdicts.count(None)} pages and "
        f"API answers met the goal (a median under {AFTER_WRITE_GOAL_MS} ms, no stale answer; files: no goal); n: "
        "requests; stale: answers other than the route made again with the caches emptied; same: answers the write "
        "left as they were (a write the route does not show)"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="small,national", help="two data sizes (generate_benchmark_data --size)")
    parser.add_argument("--repeat", type=int, default=15, help="requests per route and column")
    parser.add_argument("--route-seconds", type=float, default=10, help="time budget per route and column")
    parser.add_argument(
        "--scratch-name",
        default="tracker_bench",
        help="on PostgreSQL, the scratch databases <name>_<size>, made next to DATABASE_URL's and dropped",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    read_env_file(BASE_DIR)  # the configuration file (TRACKER_ENV_FILE, default .env), as every command reads it
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, args.route_seconds)))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    base_url = os.environ.get("DATABASE_URL", "")
    database = "postgresql" if base_url.startswith("postgres") else "sqlite"
    results = [
        run_size(size, base_url, args.repeat, args.route_seconds, args.scratch_name) for size in args.sizes.split(",")
    ]
    print(f"database: {database}, {os.cpu_count()} cores")
    print(table(results))
    (OUT / f"bench-{database}.json").write_text(json.dumps({"database": database, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(exit_on_configuration_error(main))
