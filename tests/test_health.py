"""/healthz answers within its own timeout whatever the database does, and a failing database is logged once per
change of state, not once per probe."""

import logging
import threading
import time

import pytest
from django.test import Client

from strategy_tracker import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    monkeypatch.setattr(health, "state", health.DatabaseState())
    monkeypatch.setattr(health, "_executor", None)
    monkeypatch.setattr(health, "_pending", None)


REAL = health._select_one


def _database(monkeypatch, behaviour):
    """behaviour: what the probe's query does instead of running (None: it runs)."""
    monkeypatch.setattr(health, "_select_one", behaviour or REAL)


def _records(caplog):
    names = {"strategy_tracker.health", "django.request"}
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name in names]


def test_a_failing_database_is_logged_once_when_it_fails_and_once_when_it_is_back(monkeypatch, caplog):
    probe = Client()

    def refused():
        raise ConnectionRefusedError("connection refused")

    with caplog.at_level(logging.INFO):
        _database(monkeypatch, refused)
        assert [probe.get("/healthz").status_code for _ in range(5)] == [503] * 5
        _database(monkeypatch, None)
        assert [probe.get("/healthz").status_code for _ in range(3)] == [200] * 3
        _database(monkeypatch, refused)
        assert probe.get("/healthz").status_code == 503
    assert _records(caplog) == [
        ("ERROR", "database unreachable"),
        ("WARNING", "database reachable again"),
        ("ERROR", "database unreachable"),
    ]
    first = next(r for r in caplog.records if r.name == "strategy_tracker.health")
    assert first.error == "ConnectionRefusedError: connection refused" and first.source == "health probe"


def test_a_hung_database_gets_a_quick_503_and_probes_do_not_pile_up(monkeypatch, settings):
    settings.HEALTHZ_TIMEOUT = 0.5
    released = threading.Event()
    _database(monkeypatch, lambda: released.wait(10))
    probe = Client()
    try:
        started = time.monotonic()
        assert probe.get("/healthz").status_code == 503
        assert time.monotonic() - started < 2
        # The first probe is still waiting: the next ones answer at once, without another waiting thread.
        started = time.monotonic()
        assert probe.get("/healthz").status_code == 503
        assert time.monotonic() - started < 0.3
    finally:
        released.set()
    health._pending.result(timeout=5)
    assert probe.get("/healthz").status_code == 200  # the database answers again: so does the probe
