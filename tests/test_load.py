"""The load test, bounded to a few seconds a phase: two gunicorn servers on one PostgreSQL database, leaders and
reviewers reading while unit feeds write through the API, every phase of `bench/load.py` (the trivial page, the
mix as fast as each person can go, at a person's pace, at a set rate). It must end with no error and no lost
write; its latencies are reported, not asserted (speed is measured by the load test run for its figures, in the
README's “Performance”, not by a timed test). Runs when the suite runs on PostgreSQL; skipped, with the reason, on
SQLite. How the tool counts a reader that cannot sign in is tested on both."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

_POSTGRES = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the load test runs app servers on a PostgreSQL database: run the suite with DATABASE_URL=postgres://...",
)

PHASES = ["--trivial-seconds", "3", "--seconds", "5", "--paced-seconds", "3", "--rate-seconds", "4"]


@_POSTGRES
@pytest.mark.django_db
def test_a_short_load_run_ends_with_no_error_and_no_lost_write():
    scratch = f"{connection.settings_dict['NAME']}_load"[:63]
    run = subprocess.run(
        [sys.executable, "bench/load.py", *PHASES, "--scratch-name", scratch],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report, _end = json.JSONDecoder().raw_decode(run.stdout)
    assert report["errors"] == 0 and report["lost_writes"] == 0
    assert report["acknowledged_writes"] > 0 and report["trivial_throughput_per_s"] > 0
    for phase in ("saturated", "paced", "at_rate"):
        assert report[phase]["requests"] > 0 and report[phase]["p95_ms"] >= report[phase]["p50_ms"] >= 0
        assert report[phase]["p95_under_100_ms"] == (report[phase]["p95_ms"] < 100)
    # The feeds write all through the phase as fast as they can go; at a person's pace and at a set rate a phase of a
    # few seconds on a busy machine may draw or finish only pages (the rate phase sends a fifth of the trivial
    # page's throughput, two pages to a write, drawn at random): their writes are counted in the acknowledged ones.
    assert "POST /api/v1/observations/" in report["saturated"]["p95_ms_by_route"]
    # Whether each goal is met, the latency's at a person's pace; reported, not asserted.
    assert report["goals"]["no_error"] and report["goals"]["no_lost_write"]
    assert report["goals"]["p95_under_100_ms_at_a_persons_pace"] == report["paced"]["p95_under_100_ms"]
    assert "at a person's pace (goal: under 100 ms)" in run.stdout


def test_a_reader_that_cannot_sign_in_is_counted_as_an_error_not_a_thread_dying_unseen():
    """No server answers on the port: the reader records the error (the run then fails) and reads nothing."""
    import socket
    import time

    from bench import load

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: the connection is refused
        stats = load.Stats()
        load.reader(f"http://127.0.0.1:{port}", "leader", time.monotonic() + 5, stats)
    assert len(stats.errors) == 1 and stats.errors[0].startswith("sign-in of leader:")
    assert stats.latencies == {"read": [], "write": []}
