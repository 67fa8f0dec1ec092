"""One page served as in production, warm and right after a write: one gunicorn worker on the database that
`bench/profile.py` keeps (`tracker_profile_<size>` on PostgreSQL; run it once first with the same --size), timed by a
client on loopback, the HTTP round trip included.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/served.py /provinces/ leader \
        --size provinces --after-write "province 9.1"

`make bench` times its routes through Django's test client in its own process, which is what the goals name; this
times the same page and write (`bench.bench.WRITES`) the way a person gets it. The worker runs on the real clock
(the load test's servers too), not on the benchmark's day. It prints the medians of --repeat requests, warm and
right after each write, and the trivial page's beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from strategy_tracker.configuration import exit_on_configuration_error, read_env_file  # noqa: E402

PORT = 8097


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("person", help="a demo username")
    parser.add_argument("--size", default="national")
    parser.add_argument("--after-write", required=True, metavar="WRITE", help="as bench/profile.py's")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    read_env_file(BASE_DIR)
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        print("bench/served.py runs on PostgreSQL: set DATABASE_URL to a server", file=sys.stderr)
        return 2
    database_url = urlunsplit(urlsplit(base_url)._replace(path=f"/tracker_profile_{args.size}"))

    from bench.bench import bench_settings

    os.environ.update(bench_settings(), DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="strategy_tracker.settings")
    import django

    django.setup()
    import requests

    from bench.bench import TRIVIAL, write_for

    write = write_for(args.after_write)
    command = [sys.executable, "-m", "gunicorn", "strategy_tracker.wsgi", "--bind", f"127.0.0.1:{PORT}"]
    server = subprocess.Popen([*command, "--workers", "1", "--log-level", "warning"], cwd=BASE_DIR, env=os.environ)
    base = f"http://127.0.0.1:{PORT}"
    try:
        session = requests.Session()
        for _ in range(50):  # the worker boots
            try:
                session.get(f"{base}/accounts/login/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        login = f"{base}/accounts/login/"
        form = {"username": args.person, "password": "demo", "csrfmiddlewaretoken": session.cookies["csrftoken"]}
        session.post(login, data=form, headers={"Referer": login}, timeout=30)

        def timed(path: str) -> float:
            started = time.perf_counter()
            response = session.get(base + path, timeout=60)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
            return time.perf_counter() - started

        timed(args.path)  # signs in and warms the worker's caches
        warm, after = [], []
        try:
            for step in range(args.repeat):
                warm.append(timed(args.path))
                write.make(step)
                after.append(timed(args.path))
        finally:
            write.restore()
        trivial = [timed(TRIVIAL) for _ in range(args.repeat)]
    finally:
        server.terminate()
        server.wait(timeout=30)

    def ms(times: list[float]) -> str:
        return f"{statistics.median(times) * 1000:.1f} ms"

    print(f"{args.path}: warm {ms(warm)}, right after a write {ms(after)}; the trivial page {ms(trivial)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(exit_on_configuration_error(main))
