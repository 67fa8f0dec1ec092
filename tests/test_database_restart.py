"""A database that fails is survived: two app servers, and the PostgreSQL under them stopped and started again. From
the moment it is back every request succeeds (connections kept from before the restart are checked before they are
reused: CONN_HEALTH_CHECKS); with feeds writing through the API across the restart, the writes during the outage are
refused quickly (503), and none acknowledged is lost.

The PostgreSQL is a cluster of the test's own (initdb, on a free port): the shared one is never stopped. Skipped
where PostgreSQL's server binaries are missing. About 40 s."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.cluster import cluster, free_port, server_env
from bench.load import CHECK, WRITERS, Stats, writer


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1:]), None)
    return Path(os.path.realpath(found)).parent if found else None


BIN = _binaries()
pytestmark = pytest.mark.skipif(BIN is None, reason="PostgreSQL's server binaries (initdb, pg_ctl) are missing")


def _as_owner() -> list[str]:
    """initdb refuses to run as root: run the cluster as the postgres user then."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: initdb would refuse")
    return ["runuser", "-u", "postgres", "--"]


@contextmanager
def private_postgresql() -> Iterator[tuple[str, Callable[[], None], Callable[[], None]]]:
    """Yields (its URL, stop, start). Stopped and removed afterwards."""
    assert BIN is not None
    prefix = _as_owner()
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    folder.chmod(0o755)
    if prefix:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()

    def ctl(*args: str, timeout: float = 60) -> None:
        subprocess.run(
            [*prefix, str(BIN / "pg_ctl"), "-D", str(data), *args], check=True, timeout=timeout, capture_output=True
        )

    subprocess.run(
        [*prefix, str(BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c max_connections=60"

    def start() -> None:
        ctl("start", "-w", "-o", options, "-l", str(folder / "log"))

    def stop() -> None:
        ctl("stop", "-m", "fast", "-w")

    start()
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres", stop, start
    finally:
        try:
            ctl("stop", "-m", "immediate", "-w", timeout=30)
        except subprocess.SubprocessError:
            pass
        shutil.rmtree(folder, ignore_errors=True)


def _writers(urls, tokens, stats: Stats, stop: float, first: int) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=writer, args=(urls[i % len(urls)], tokens[name], codes, first + i, stop, stats))
        for i, (name, codes) in enumerate(WRITERS.items())
    ]
    for thread in threads:
        thread.start()
    return threads


def _status(url: str, token: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_postgresql_restarted_under_writes_loses_no_acknowledged_write_and_the_next_requests_succeed():
    with private_postgresql() as (base_url, stop_database, start_database):
        with cluster(base_url, servers=2, workers=2, name="tracker_restart") as (urls, tokens, scratch):

            def read(i: int) -> int:
                return _status(urls[i % 2] + "/api/v1/indicators/2.3/", tokens["leader"])

            # A quiet restart: every worker holds a connection from before it, and none has seen the outage.
            assert [read(i) for i in range(12)] == [200] * 12
            stop_database()
            start_database()
            # The first requests after it, spread over both servers' workers: each succeeds.
            firsts = [read(i) for i in range(12)]
            probes = [_status(urls[i % 2] + "/healthz") for i in range(8)]

            # A restart under feeds writing: they go on writing through the outage and after it.
            load = Stats()
            threads = _writers(urls, tokens, load, time.monotonic() + 4, first=0)
            time.sleep(2)
            stop_database()
            for thread in threads:
                thread.join(timeout=60)
            start_database()
            restarted = time.monotonic()
            after = Stats()
            for thread in _writers(urls, tokens, after, time.monotonic() + 3, first=5):
                thread.join(timeout=60)

            assert firsts == [200] * 12, firsts
            assert probes == [200] * 8, probes
            assert after.errors == [] and len(after.acknowledged) > 10, after.errors[:3]
            assert load.errors, "the writes during the outage were refused"
            assert all(" 503 " in error for error in load.errors), load.errors[:3]
            assert max(load.latencies["write"]) < 5  # a quick answer, not a hung request
            assert time.monotonic() - restarted < 60

            acknowledged = load.acknowledged + after.acknowledged
            check = subprocess.run(
                [sys.executable, "-c", CHECK],
                env=server_env(scratch),
                input=json.dumps(acknowledged),
                capture_output=True,
                text=True,
                timeout=120,
                cwd=Path(__file__).resolve().parent.parent,
            )
            assert check.returncode == 0, check.stderr
            verdict = json.loads(check.stdout)
            assert verdict["lost"] == [] and verdict["acknowledged"] == len(acknowledged) > 20
