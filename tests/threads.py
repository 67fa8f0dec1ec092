"""Calls started together in threads, for the race tests (two saves of one draft, two consolidations)."""

import threading

from django.db import connection


def at_once(*calls) -> list:
    """Run the calls in threads started together; each thread's result or exception, in order."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            start.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 (the test looks at every outcome)
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
