"""Whether the database answers: the health probe (answered within its own timeout, even when the database hangs)
and one log line per change of state, not one per probe or per failed request."""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

# While the database stays down, failed requests are summed up in one line at most this often (per process).
STILL_DOWN_EVERY = 60.0


def is_outage(exc: BaseException | None) -> bool:
    """The database cannot be reached or did not answer in time (a refused or timed-out connection, a statement
    cancelled by statement_timeout, a connection lost): a 503 to try again, not a bug."""
    return isinstance(exc, OperationalError | InterfaceError)


class DatabaseState:
    """This process's view of the database, written to the log only when it changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.up = True
        self.down_since = 0.0
        self.failed_requests = 0
        self._told = 0.0

    def probed(self, *, ok: bool, error: str = "") -> None:
        if ok:
            self.reachable()
        else:
            self.unreachable(error=error, source="health probe")

    def reachable(self) -> None:
        with self._lock:
            if self.up:
                return
            self.up = True
            down, failed = time.monotonic() - self.down_since, self.failed_requests
        logger.warning("database reachable again", extra={"down_seconds": round(down, 1), "failed_requests": failed})

    def unreachable(self, *, error: str, source: str) -> None:
        now = time.monotonic()
        with self._lock:
            if source != "health probe":
                self.failed_requests += 1
            if self.up:
                self.up, self.down_since, self._told = False, now, now
                message = "database unreachable"
            elif source != "health probe" and now - self._told >= STILL_DOWN_EVERY:
                self._told = now
                message = "database still unreachable"
            else:
                return
            failed = self.failed_requests
        logger.error(message, extra={"error": error, "source": source, "failed_requests": failed})


state = DatabaseState()

_executor: ThreadPoolExecutor | None = None
_executor_pid = 0
_pending: Future | None = None
_probe_lock = threading.Lock()


def _select_one() -> None:
    # The probe's own thread (Django's connections are per thread) connects for each probe and closes after it: a
    # probe measures whether a connection can be made now, and leaves no idle session behind.
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def probe() -> tuple[bool, str]:
    """(whether the database answered `SELECT 1` within HEALTHZ_TIMEOUT seconds, why not). A probe still waiting
    on a hung database is not joined by another: the next probes answer at once that it is still waiting."""
    global _executor, _executor_pid, _pending
    with _probe_lock:
        if _executor is None or _executor_pid != os.getpid():  # a forked worker starts its own thread
            _executor, _executor_pid, _pending = ThreadPoolExecutor(1, thread_name_prefix="healthz"), os.getpid(), None
        if _pending is not None and not _pending.done():
            result: tuple[bool, str] = (False, "an earlier probe is still waiting for the database")
            pending = None
        else:
            pending = _pending = _executor.submit(_select_one)
    if pending is not None:
        try:
            pending.result(timeout=settings.HEALTHZ_TIMEOUT)
            result = (True, "")
        except FutureTimeout:
            result = (False, f"no answer within {settings.HEALTHZ_TIMEOUT} s")
        except Exception as exc:  # noqa: BLE001 (whatever the driver raises, the database did not answer)
            result = (False, f"{type(exc).__name__}: {exc}".strip())
    state.probed(ok=result[0], error=result[1])
    return result
