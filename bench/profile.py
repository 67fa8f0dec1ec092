"""Profile one page of the benchmark's national data set with pyinstrument.

    .venv/bin/python bench/profile.py / leader              # builds var/bench/profile-national.sqlite3 once
    .venv/bin/python bench/profile.py /reports/2026Q3/ reviewer --repeat 5 --html var/bench/reports.html
    .venv/bin/python bench/profile.py /submissions/bench-unit-001/2026Q3/ unit --made   # its parts made each time
    .venv/bin/python bench/profile.py /reports/2026Q3/ reviewer --after-write "value 2026Q3"   # right after a write

The database is the one `make bench` builds (reference data, demo people, `generate_benchmark_data`, a released
quarter), kept between runs (SQLite; on PostgreSQL when DATABASE_URL names a server: the scratch database
`tracker_profile_<size>` there); `--fresh` rebuilds it. The clock stands on 30/11/2026, as in the benchmark. It prints
pyinstrument's call tree of --repeat requests (after one warm-up), and the SQL query count.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from strategy_tracker.configuration import exit_on_configuration_error, read_env_file  # noqa: E402


def _postgresql_database(base_url: str, name: str, fresh: bool) -> tuple[str, bool]:
    """The address of the kept scratch database `name` on `base_url`'s server, made when missing (or `fresh`), and
    whether it is new (its data is then set up)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(base_url)
    with psycopg.connect(base_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if exists and fresh:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if fresh or not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name)), fresh or not exists


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("person", nargs="?", default="leader", help="a demo username, or 'unit', or 'anonymous'")
    parser.add_argument("--size", default="national")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument(
        "--made",
        action="store_true",
        help="empty the servers' in-memory caches (kept parts, rows, figures) before each request: the page as it is "
        "made after a change",
    )
    parser.add_argument(
        "--after-write",
        metavar="WRITE",
        help="before each request change one row of the data the page shows, as make bench's after-write column does "
        "(its WRITES: 'goal 9.1', 'value 2026Q3', 'value latest', 'task', 'released 9.1'): the page as made right "
        "after a write, on a server whose caches were warm",
    )
    parser.add_argument("--all", action="store_true", help="show every frame, the libraries' too")
    parser.add_argument("--html", help="write pyinstrument's HTML report here instead of printing the tree")
    args = parser.parse_args()
    read_env_file(BASE_DIR)  # the configuration file (TRACKER_ENV_FILE, default .env), as every command reads it

    from bench.bench import _setup_data, bench_settings, write_for

    base_url = os.environ.get("DATABASE_URL", "")
    if base_url.startswith("postgres"):
        database_url, fresh = _postgresql_database(base_url, f"tracker_profile_{args.size}", args.fresh)
    else:
        db = BASE_DIR / "var" / "bench" / f"profile-{args.size}.sqlite3"
        db.parent.mkdir(parents=True, exist_ok=True)
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        fresh = not db.exists()
        database_url = f"sqlite:///{db}"
    os.environ.update(bench_settings(), DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="strategy_tracker.settings")
    import django

    django.setup()
    from strategy_tracker import collector

    collector.settle()  # the garbage collector as an app server's worker sets it up (strategy_tracker/wsgi.py)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    from strategy_tracker import clock

    clock.stand_at(datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    if fresh:
        _setup_data(args.size)
    client = Client()
    if args.person != "anonymous":
        username = "bench-reporter-001" if args.person == "unit" else args.person
        client.force_login(get_user_model().objects.get(username=username))
    in_memory = [name for name in settings.CACHES if isinstance(caches[name], LocMemCache)]

    write = write_for(args.after_write) if args.after_write else None
    steps = iter(range(1_000_000))

    def get(path):
        if args.made:
            for name in in_memory:
                caches[name].clear()
        if write is not None:
            write.make(next(steps))
        return client.get(path)

    response = get(args.path)
    if response.status_code != 200:
        print(f"{args.path}: {response.status_code}", file=sys.stderr)
        return 1
    queries: list[str] = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        get(args.path)
    import statistics
    import time

    times = []
    for _ in range(max(args.repeat, 5)):
        started = time.perf_counter()
        response = get(args.path)
        if response.streaming:
            b"".join(response)
        times.append(time.perf_counter() - started)
    print(f"{args.path}: median {statistics.median(times) * 1000:.1f} ms without the profiler, {len(queries)} queries")
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.repeat):
            response = get(args.path)
            if response.streaming:
                b"".join(response)
    if write is not None:
        write.restore()
    if args.html:
        Path(args.html).write_text(profiler.output_html())
    else:
        print(profiler.output_text(unicode=True, color=False, show_all=args.all))
    return 0


if __name__ == "__main__":
    raise SystemExit(exit_on_configuration_error(main))
