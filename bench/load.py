"""A bounded load test: gunicorn app servers on loopback sharing one PostgreSQL database, leaders and reviewers
reading pages while units' feeds write through the API; it stops by itself.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/load.py --seconds 30

It works in a scratch database (created and dropped next to DATABASE_URL's) and runs four phases with the same
people, tool and servers:
1. the trivial signed-in page only, as fast as each person can go (--trivial-seconds): the servers' ceiling;
2. the mix (readers and writing feeds) as fast as each can go (--seconds): the throughput on it, beside the
   ceiling. Its latency is queueing: n people who never pause wait n / throughput on average (Little's law);
3. the same mix with each person pausing about --think seconds between requests, as people do (--paced-seconds):
   the latency they see;
4. the same pages and writes arriving at a set rate, a fifth of the trivial page's throughput (--rate-share), on
   their own whatever the answers (--rate-seconds): the latency at the throughput the goals ask for. Each latency
   runs from the moment its request was due, so a request that waited for the servers counts its wait.
It reports throughput, p50/p95 latency and errors, then checks that every acknowledged write of every phase is in
the database (each write leaves a history record with its value). Each phase says whether its p95 is under 100 ms,
and "goals" whether the load test's goals are met: no error, no lost write, a p95 under 100 ms at a person's pace
(phase 3). It exits non-zero on an error or a lost write; a latency over the goal is reported, not an exit status.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster import BASE_DIR, cluster, server_env  # noqa: E402
from strategy_tracker.configuration import exit_on_configuration_error, read_env_file  # noqa: E402

TRIVIAL = "/accounts/password/done/"  # the trivial signed-in page: the ceiling the pages are measured against
P95_GOAL_MS = 100  # at a person's pace, on PostgreSQL
READERS = {
    "leader": ["/", "/dashboard/", "/indicators/1.1/", "/dashboard/briefing/", "/indicators/2.5/"],
    "reviewer": ["/submissions/", "/reports/2026Q4/", "/tasks/", "/submissions/cuc-vt/2026Q4/", "/reports/2026/"],
}
# Each unit's feed writes its own indicators.
WRITERS = {"cvt": ["2.1", "2.5"], "neac": ["1.4", "2.3"], "kts": ["1.1", "1.6"]}
UNITS = {"cvt": "cuc-vt", "neac": "neac", "kts": "vu-kts"}
DRAFT_OF = {code: f"/api/v1/submissions/{UNITS[person]}/2026Q4/" for person, codes in WRITERS.items() for code in codes}
ATTEMPTS = 20  # a write refused because its unit's other feed wrote first is read back and sent again
BACKOFF_S = 0.005  # the longest first pause before sending it again; doubled at each refusal

CHECK = """
import json, os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
django.setup()
from reporting.models import SubmissionValue
written = {(h.indicator.code, str(h.value.normalize())) for h in SubmissionValue.history.select_related("indicator")
           if h.value is not None}
acknowledged = json.load(sys.stdin)
lost = [pair for pair in acknowledged if (pair[0], pair[1]) not in written]
print(json.dumps({"acknowledged": len(acknowledged), "lost": lost}))
"""


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"read": [], "write": []}
        self.by_path: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.acknowledged: list[tuple[str, str]] = []
        self.resent = 0  # writes refused as made from an outdated version (409, 428) and sent again, as the API asks
        self.etags: dict[str, str] = {}  # the version each unit's draft was last seen at (its read-back's route)

    def record(self, kind: str, seconds: float, error: str | None = None, path: str = "POST /api/v1/observations/"):
        with self.lock:
            self.latencies[kind].append(seconds)
            self.by_path.setdefault(path, []).append(seconds)
            if error:
                self.errors.append(error)


def _session_opener(base: str, username: str):
    import http.cookiejar
    import re

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/accounts/login/", timeout=20) as response:
        page = response.read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if found is None:
        raise RuntimeError(f"no CSRF token on {base}/accounts/login/")
    csrf = found.group(1)
    signed_in = f"csrfmiddlewaretoken={csrf}&username={username}&password=demo".encode()
    with opener.open(base + "/accounts/login/", signed_in, timeout=20) as response:
        response.read()
    return opener


def _pause(think: float, chance: random.Random) -> None:
    """A person's time on the page before the next one: `think` seconds on average (0: none, the saturation run)."""
    if think:
        time.sleep(think * chance.uniform(0.5, 1.5))


def _read(opener, base: str, path: str, stats: Stats, scheduled: float | None = None) -> None:
    """One page; its latency runs from `scheduled` when given (see `_write`)."""
    started = time.perf_counter() if scheduled is None else scheduled
    try:
        with opener.open(base + path, timeout=30) as response:
            response.read()
            error = None if response.status == 200 and "/accounts/login/" not in response.geturl() else path
    except (urllib.error.URLError, OSError) as exc:
        error = f"{path}: {exc}"
    stats.record("read", time.perf_counter() - started, error, path)


def reader(
    base: str, username: str, stop: float, stats: Stats, paths: list[str] | None = None, think: float = 0, seed=0
):
    try:
        opener = _session_opener(base, username)
    except (urllib.error.URLError, OSError, RuntimeError) as exc:
        # A reader that cannot sign in reads nothing: counted as an error, never a thread dying unseen.
        with stats.lock:
            stats.errors.append(f"sign-in of {username}: {exc}")
        return
    chance = random.Random(seed)
    for path in itertools.cycle(paths or READERS[username]):
        if time.monotonic() > stop:
            return
        _read(opener, base, path, stats)
        _pause(think, chance)


def _read_back(base: str, headers: dict, draft: str, stats: Stats) -> None:
    """The feed reads its unit's draft back for the version to write from (its ETag)."""
    started, error = time.perf_counter(), None
    try:
        with urllib.request.urlopen(urllib.request.Request(base + draft, headers=headers), timeout=30) as response:
            response.read()
            stats.etags[draft] = response.headers["ETag"]
    except (urllib.error.URLError, OSError) as exc:
        error = f"read back {draft}: {exc}"
    stats.record("read", time.perf_counter() - started, error, "GET /api/v1/submissions/<unit>/<quarter>/")


def _write(base: str, headers: dict, code: str, value: Decimal, stats: Stats, scheduled: float | None = None) -> None:
    """One write through the API, from the version of its unit's draft last seen, with a key of its own (an
    Idempotency-Key). Refused because the draft changed since (409; 428 before the draft was ever seen), the feed
    reads the draft back and sends the write again, as the API asks. Its latency runs from `scheduled` when given
    (the paced-by-rate phase: a request sent late waited for the servers)."""
    typed = str(value).replace(".", ",")  # Vietnamese decimals
    body = json.dumps({"indicator": code, "period": "2026Q4", "value": typed, "source": "load"}).encode()
    draft = DRAFT_OF[code]
    for attempt in range(ATTEMPTS):
        started = time.perf_counter() if scheduled is None or attempt else scheduled
        error = None
        sent = {**headers, "Idempotency-Key": str(uuid.uuid4())}
        if draft in stats.etags:
            sent["If-Match"] = stats.etags[draft]
        try:
            request = urllib.request.Request(base + "/api/v1/observations/", body, sent)
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                stats.etags[draft] = response.headers["ETag"]
            with stats.lock:
                stats.acknowledged.append((code, str(value.normalize())))
        except urllib.error.HTTPError as exc:
            # The refusal's answer is read and its connection closed at once: left open until the error is
            # collected, it held a server's worker (gunicorn lingers up to 2 s for the client to close) and every
            # request queued behind it, the next read-back first.
            with exc:
                answer = exc.read()
            if exc.code in (409, 428) and attempt < ATTEMPTS - 1:
                stats.record("write", time.perf_counter() - started)
                stats.resent += 1
                # As a feed should: a pause of a random length, longer at each refusal, so that two feeds of one
                # unit racing as fast as they can do not refuse each other ten times running.
                time.sleep(random.uniform(0, BACKOFF_S * 2**attempt))
                _read_back(base, headers, draft, stats)
                continue
            error = f"write {code}: {exc.code} {answer[:200]!r}"
        except (urllib.error.URLError, OSError) as exc:
            error = f"write {code}: {exc}"
        stats.record("write", time.perf_counter() - started, error)
        return


def _value(number: int, step: int) -> Decimal:
    """Distinct for every write of the run (feed `number`, its `step`-th write), within 0–100 (the indicators are
    percentages)."""
    return Decimal(number * 10) + Decimal(step % 9999 + 1) / 1000


def writer(base: str, token: str, indicators: list[str], number: int, stop: float, stats: Stats, think: float = 0):
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    chance = random.Random(1000 + number)
    for step in itertools.count():
        if time.monotonic() > stop:
            return
        if step:
            _pause(think, chance)
        _write(base, headers, indicators[step % len(indicators)], _value(number, step), stats)


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1] if len(values) > 1 else (values or [0])[0]


def _by_route(stats: Stats) -> dict[str, int]:
    """Each route's p95, slowest first."""
    p95 = {path: round(percentile(times, 0.95) * 1000) for path, times in stats.by_path.items()}
    return dict(sorted(p95.items(), key=lambda item: -item[1]))


def _mix(urls, tokens, seconds: float, readers: int, writers: int, *, think: float, first: int) -> tuple[Stats, float]:
    """`readers` people reading their pages and `writers` unit feeds writing at once for `seconds`; the feeds are
    numbered from `first`, so that every write of the run has its own value."""
    stats = Stats()
    stop = time.monotonic() + seconds
    threads = []
    people = itertools.cycle(READERS)
    for i in range(readers):
        threads.append(
            threading.Thread(
                target=reader,
                args=(urls[i % len(urls)], next(people), stop, stats),
                kwargs={"think": think, "seed": i},
            )
        )
    feeds = itertools.cycle(WRITERS.items())
    for i in range(writers):
        username, indicators = next(feeds)
        threads.append(
            threading.Thread(
                target=writer,
                args=(urls[i % len(urls)], tokens[username], indicators, first + i, stop, stats),
                kwargs={"think": think},
            )
        )
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats, time.monotonic() - started


RATE_STEPS = 5000  # the writes of the rate phase number their steps from here: their values differ from the mixes'


def _at_rate(urls, tokens, seconds: float, rate: float, writers: int, *, seed: int = 7) -> tuple[Stats, float]:
    """Requests sent at `rate` per second on average whatever the answers, as people arrive on their own (an open
    workload: Poisson arrivals, seeded), for `seconds`: the mix's pages and the unit feeds' writes, drawn at random
    in the proportion of the other phases (10 readers to 5 feeds: two pages to a write), each on a server drawn
    at random. Each latency runs from the moment
    the request was due, so a request that waited for the servers counts its wait."""
    chance = random.Random(seed)
    pages = [(person, path) for person, paths in READERS.items() for path in paths]
    feeds = [
        (next_feed[0], next_feed[1], number)
        for number, next_feed in zip(range(writers), itertools.cycle(WRITERS.items()))
    ]
    # Each arrival is a page or a write, on a server, drawn on its own: no request always follows the same one.
    plan: list[tuple[float, str, tuple]] = []
    due, steps = 0.0, [RATE_STEPS] * writers
    while True:
        due += chance.expovariate(rate)
        if due > seconds:
            break
        url = chance.choice(urls)
        if chance.random() < 1 / 3:  # two pages to a write
            username, indicators, number = chance.choice(feeds)
            step = steps[number]
            steps[number] += 1
            plan.append(
                (due, url, ("write", tokens[username], indicators[step % len(indicators)], _value(number, step)))
            )
        else:
            plan.append((due, url, ("read", *chance.choice(pages))))
    stats = Stats()
    threads_count = 32
    # Every thread signed in as each reader on each server before the clock starts.
    openers = [
        {(url, person): _session_opener(url, person) for url in urls for person in READERS}
        for _ in range(threads_count)
    ]
    slots = iter(plan)
    lock = threading.Lock()
    start = time.perf_counter() + 0.2

    def send(number: int) -> None:
        while True:
            with lock:
                taken = next(slots, None)
            if taken is None:
                return
            offset, url, (kind, *what) = taken
            scheduled = start + offset
            time.sleep(max(0.0, scheduled - time.perf_counter()))
            if kind == "read":
                person, path = what
                _read(openers[number][(url, person)], url, path, stats, scheduled=scheduled)
            else:
                token, code, value = what
                headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
                _write(url, headers, code, value, stats, scheduled=scheduled)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats, time.perf_counter() - start


def _summary(stats: Stats, elapsed: float) -> dict:
    every = stats.latencies["read"] + stats.latencies["write"]
    p95_ms = round(percentile(every, 0.95) * 1000)
    return {
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "throughput_per_s": round(len(every) / elapsed, 1),
        "p50_ms": round(percentile(every, 0.50) * 1000),
        "p95_ms": p95_ms,
        f"p95_under_{P95_GOAL_MS}_ms": p95_ms < P95_GOAL_MS,
        "read_p95_ms": round(percentile(stats.latencies["read"], 0.95) * 1000),
        "write_p95_ms": round(percentile(stats.latencies["write"], 0.95) * 1000),
        "p95_ms_by_route": _by_route(stats),
    }


def goals(report: dict) -> dict[str, bool]:
    """Whether the load test's goals are met: no error, no lost write, a p95 under the goal at a person's pace."""
    return {
        "no_error": report["errors"] == 0,
        "no_lost_write": report["lost_writes"] == 0,
        f"p95_under_{P95_GOAL_MS}_ms_at_a_persons_pace": report["paced"][f"p95_under_{P95_GOAL_MS}_ms"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--readers", type=int, default=10, help="reading people (leaders and reviewers)")
    parser.add_argument("--writers", type=int, default=5, help="unit feeds writing through the API")
    parser.add_argument(
        "--trivial-seconds", type=float, default=10, help="first, as many people read only the trivial page"
    )
    parser.add_argument("--paced-seconds", type=float, default=30, help="last, the same people at a person's pace")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a person waits between pages, on average")
    parser.add_argument("--rate-seconds", type=float, default=30, help="last, requests arriving at a set rate")
    parser.add_argument(
        "--rate-share", type=float, default=0.2, help="the rate, as a share of the trivial page's throughput"
    )
    parser.add_argument(
        "--scratch-name", default="tracker_load", help="the scratch database, made next to DATABASE_URL's and dropped"
    )
    args = parser.parse_args()
    read_env_file(BASE_DIR)  # the configuration file (TRACKER_ENV_FILE, default .env), as every command reads it
    if args.writers > 5:
        parser.error("at most 5 writers: each write of the run has its own value within 0-100%")
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        print("DATABASE_URL must point at PostgreSQL (the scratch database is made next to it)")
        return 2

    with cluster(base_url, servers=args.servers, workers=args.workers, name=args.scratch_name) as (urls, tokens, db):
        # The same people, the same tool, the same servers: only the trivial page, for the ceiling of throughput.
        trivial = Stats()
        stop = time.monotonic() + args.trivial_seconds
        people = itertools.cycle(READERS)
        threads = [
            threading.Thread(target=reader, args=(urls[i % len(urls)], next(people), stop, trivial, [TRIVIAL]))
            for i in range(args.readers + args.writers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        trivial_elapsed = time.monotonic() - started

        # As fast as each person can go (no pause): the servers' throughput on the mix.
        stats, elapsed = _mix(urls, tokens, args.seconds, args.readers, args.writers, think=0, first=0)
        # The same people at a person's pace (each waits about --think seconds between pages): the latency they see.
        paced, paced_elapsed = _mix(
            urls, tokens, args.paced_seconds, args.readers, args.writers, think=args.think, first=args.writers
        )

        # At least one request a second: on a machine so loaded that no trivial page came back in its phase, the
        # rate phase still sends some (a rate of 0 would divide by zero below and send nothing).
        trivial_rate = max(len(trivial.latencies["read"]) / trivial_elapsed, 1.0)
        # Requests arriving at a fifth of the trivial page's throughput (--rate-share), whatever the answers: the
        # latency at the throughput the goals ask for.
        rated, rated_elapsed = _at_rate(urls, tokens, args.rate_seconds, trivial_rate * args.rate_share, args.writers)

        check = subprocess.run(
            [sys.executable, "-c", CHECK],
            cwd=BASE_DIR,
            env=server_env(db),
            input=json.dumps(stats.acknowledged + paced.acknowledged + rated.acknowledged),
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            print(check.stderr)
            return 1
        verdict = json.loads(check.stdout)

    saturated = _summary(stats, elapsed)
    report = {
        "servers": args.servers,
        "workers_each": args.workers,
        "readers": args.readers,
        "writers": args.writers,
        "trivial_throughput_per_s": round(trivial_rate, 1),
        "trivial_p95_ms": round(percentile(trivial.latencies["read"], 0.95) * 1000),
        "saturated": {**saturated, "share_of_trivial": round(saturated["throughput_per_s"] / trivial_rate, 2)},
        "paced": {"think_s": args.think, **_summary(paced, paced_elapsed)},
        "at_rate": {
            "offered_per_s": round(trivial_rate * args.rate_share, 1),
            "offered_share_of_trivial": args.rate_share,
            **_summary(rated, rated_elapsed),
        },
        "errors": len(trivial.errors) + len(stats.errors) + len(paced.errors) + len(rated.errors),
        "writes_resent_after_409": stats.resent + paced.resent + rated.resent,  # or 428: read back and sent again
        "acknowledged_writes": verdict["acknowledged"],
        "lost_writes": len(verdict["lost"]),
    }
    report["goals"] = goals(report)
    print(json.dumps(report, indent=2))
    print(
        f"goals: {report['errors']} errors, {report['lost_writes']} lost writes, p95 {report['paced']['p95_ms']} ms "
        f"at a person's pace (goal: under {P95_GOAL_MS} ms): {'met' if all(report['goals'].values()) else 'not met'}"
    )
    errors = trivial.errors + stats.errors + paced.errors + rated.errors
    for error in errors[:10]:
        print("error:", error)
    return 0 if not errors and not verdict["lost"] else 1


if __name__ == "__main__":
    sys.exit(exit_on_configuration_error(main))
