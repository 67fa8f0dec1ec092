"""Several gunicorn app servers on loopback sharing one PostgreSQL database, as in production: used by the
two-server test (tests/test_two_servers.py) and the load test (bench/load.py).

A scratch database is created (and dropped at the end) next to the one of DATABASE_URL; it gets the migrations,
the cache table, the reference data and the demo people, each with an API token.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent

SETUP = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from knox.models import AuthToken
from indicators.services import demo_users_create
from indicators.reference_data import reference_data_load
from pathlib import Path
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
reference_data_load(directory=Path("fixtures"))
demo_users_create()
print(json.dumps({u.username: AuthToken.objects.create(u)[1] for u in get_user_model().objects.all()}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin_sql(base_url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(base_url)
    with psycopg.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or "cluster-test-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        STATIC_FROM_FINDERS="1",
        FAST_PASSWORD_HASHER="1",
        LOG_REQUESTS="0",
        # Many wrong-token calls are not the point here.
        API_TOKEN_FAILURE_LIMIT="1000",
    )
    return env


def wait_healthy(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy in {timeout} s")
        time.sleep(0.3)


@contextmanager
def scratch_database(base_url: str, name: str):
    """A database made for the run, next to the one of base_url (PostgreSQL), or a SQLite file under var/ when
    base_url is empty or SQLite; migrated, with the reference data and the demo people. Yields (its DATABASE_URL,
    API tokens by username); dropped afterwards."""
    sqlite = not base_url.startswith("postgres")
    if sqlite:
        path = BASE_DIR / "var" / f"{name}.sqlite3"
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        scratch = f"sqlite:///{path}"
        path.parent.mkdir(exist_ok=True)
        for file in files:
            file.unlink(missing_ok=True)
    else:
        parts = urlsplit(base_url)
        scratch = urlunsplit(parts._replace(path="/" + name))
        _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{name}"')
        _admin_sql(base_url, f'CREATE DATABASE "{name}"')
    try:
        env = server_env(scratch)
        setup = subprocess.run(
            [sys.executable, "-c", SETUP], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )
        if setup.returncode != 0:
            raise RuntimeError(setup.stderr)
        yield scratch, json.loads(setup.stdout.strip().splitlines()[-1])
    finally:
        if sqlite:
            for file in files:
                file.unlink(missing_ok=True)
        else:
            _admin_sql(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def cluster(base_url: str, *, servers: int = 2, workers: int = 2, name: str = "tracker_cluster"):
    """Yields (server URLs, tokens by username, the scratch DATABASE_URL); stops everything afterwards."""
    processes: list[subprocess.Popen] = []
    with scratch_database(base_url, name) as (scratch, tokens):
        try:
            env = server_env(scratch)
            urls = []
            for _ in range(servers):
                port = free_port()
                command = [sys.executable, "-m", "gunicorn", "strategy_tracker.wsgi", "--bind", f"127.0.0.1:{port}"]
                command += ["--workers", str(workers), "--timeout", "60", "--log-level", "warning"]
                command += ["--no-control-socket"]  # several servers on one host would share its default path
                processes.append(subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL))
                urls.append(f"http://127.0.0.1:{port}")
            for url in urls:
                wait_healthy(url)
            yield urls, tokens, scratch
        finally:
            stop(processes)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
