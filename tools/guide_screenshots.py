"""Take the user guide's screenshots (docs/huong-dan.md) from the running tracker.

    python tools/guide_screenshots.py [--out docs/img]

Makes a scratch SQLite database in a temporary folder with the reference data and the demo people (as `make run`
does), serves it with `manage.py runserver` on a free port, walks a quarter as its users live it (the reporter of
Cục Viễn thông enters and submits, the reviewer returns and accepts, then consolidates; the leader reads the
table, the dashboard, an indicator and the briefing, and decides on a proposal), and saves one PNG per step under
`--out`: a 1280 × 800 window, and a phone's 390 px for two. The server's clock stands on the day of each step (the
20th of November for a draft, the 2nd of December to submit, …), so the pictures do not depend on today.

Uses the system Chromium (CHROMIUM env var, default /usr/bin/chromium); Playwright downloads nothing.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 800}


def serve(port: int, day: str) -> None:
    """The server of one step: runserver with the tracker's clock standing on `day`, 10:00 in Hà Nội."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from strategy_tracker import clock

    moment = datetime.combine(date.fromisoformat(day), clock_time(10), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    clock.stand_at(moment)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def server(env: dict[str, str], day: str):
    """A runserver on a free port with the clock on `day`; its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port), day],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310  # our own loopback server
                break
            except OSError:
                if process.poll() is not None:
                    raise SystemExit(f"error: the server stopped (exit status {process.returncode})") from None
                time.sleep(0.2)
        else:
            raise SystemExit("error: the server did not answer within 20 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


class Walk:
    def __init__(self, browser, out: Path):
        self.browser = browser
        self.out = out
        self.pages: dict[tuple[str, str, int], Page] = {}

    def page(self, base: str, username: str, viewport: dict[str, int] = DESKTOP):
        """A page signed in as `username` on the server at `base` (a new sign-in per server)."""
        key = (base, username, viewport["width"])
        if key not in self.pages:
            context = self.browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "demo")
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            self.pages[key] = page
        return self.pages[key]

    def shot(self, page, name: str, *, at: str | None = None) -> None:
        """A PNG of the window, scrolled so that `at` (a selector) is at its top."""
        page.wait_for_load_state("networkidle")
        if at:
            page.locator(at).first.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 8)")
        else:
            page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(self.out / f"{name}.png"))
        print(f"{self.out / name}.png", flush=True)

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages.clear()


def field(page, code: str, name: str):
    return page.locator(f"[name='v-{code}-{name}']")


def walk(browser, env: dict[str, str], out: Path) -> None:
    w = Walk(browser, out)
    submission = "/submissions/cuc-vt/2026Q4/"

    # The reporter of Cục Viễn thông, 20 November: the quarter due, the entry page, a mistake, a draft.
    with server(env, "2026-11-20") as base:
        page = browser.new_context(viewport=DESKTOP, locale="vi-VN").new_page()
        page.goto(f"{base}/accounts/login/")
        w.shot(page, "dang-nhap")
        page.fill("#id_username", "cvt")
        page.fill("#id_password", "demo")
        page.click("button[type=submit]")
        w.pages[(base, "cvt", DESKTOP["width"])] = page
        w.shot(page, "don-vi-trang-chu")
        page.click(".due-notice >> text=Mở báo cáo")
        w.shot(page, "don-vi-bao-cao-quy")
        field(page, "2.5", "value").fill("81,2")
        field(page, "2.5", "provisional").check()
        field(page, "2.5", "source").fill("Tổng cục Thống kê (ước tính)")
        field(page, "2.5", "comparison_with").fill("Thái Lan")
        field(page, "2.5", "comparison_value").fill("77,5")
        field(page, "2.5", "comparison_year").fill("2023")
        field(page, "2.1", "value").fill("abc")
        page.click("button[value=save]")
        w.shot(page, "don-vi-loi-nhap", at="#indicator-2\\.1")
        field(page, "2.1", "value").fill("")
        page.fill("[name=trend_assessment]", "Tỷ lệ hộ gia đình có cáp quang tăng đều qua các quý.")
        page.fill("[name=difficulties]", "Số liệu chính thức của Tổng cục Thống kê công bố chậm.")
        page.click("button[value=save]")
        w.shot(page, "don-vi-luu-nhap")
        page.goto(f"{base}{submission}import/")
        w.shot(page, "don-vi-nhap-excel")
        phone = w.page(base, "cvt", PHONE)
        phone.goto(f"{base}{submission}")
        w.shot(phone, "dien-thoai-bao-cao-quy", at="#indicator-2\\.5")
        w.close()

    # 2 December: she submits, on time.
    with server(env, "2026-12-02") as base:
        page = w.page(base, "cvt")
        page.goto(f"{base}{submission}")
        field(page, "2.1", "value").fill("86")
        page.click("button[value=submit]")
        w.shot(page, "don-vi-da-gui")
        w.close()

    # 3 December: the reviewer sees who has sent, returns Cục Viễn thông's with a reason; she corrects, he accepts.
    with server(env, "2026-12-03") as base:
        reviewer = w.page(base, "reviewer")
        reviewer.goto(f"{base}/submissions/")
        w.shot(reviewer, "vu-tinh-hinh-gui")
        reviewer.goto(f"{base}{submission}")
        reviewer.fill("#reason-return", "Chỉ tiêu 2.1 chưa ghi nguồn số liệu.")
        w.shot(reviewer, "vu-xem-xet", at=".review")
        reviewer.click("form[action$='/return/'] button")
        page = w.page(base, "cvt")
        page.goto(f"{base}{submission}")
        w.shot(page, "don-vi-bi-tra-lai")
        field(page, "2.1", "source").fill("Tổng cục Thống kê")
        page.click("button[value=submit]")
        reviewer.goto(f"{base}{submission}")
        reviewer.click("form[action$='/accept/'] button")
        w.shot(reviewer, "vu-da-chap-nhan")
        # A target adjustment proposal for the leader to decide.
        reviewer.goto(f"{base}/indicators/1.1/")
        reviewer.click("text=Đề xuất điều chỉnh chỉ tiêu")
        reviewer.fill("[name=year]", "2030")
        reviewer.select_option("[name=kind]", "goal")
        reviewer.select_option("[name=comparator]", ">=")
        reviewer.fill("[name=value]", "32")
        reviewer.fill(
            "[name=reason]", "Xu hướng 2021–2024 cho thấy năm 2030 có thể đạt khoảng 30,7%: đề xuất nâng mục tiêu."
        )
        w.shot(reviewer, "vu-de-xuat-dieu-chinh")
        reviewer.click("text=Ghi nhận đề xuất")
        w.close()

    # 8 December: the reviewer consolidates; the leader reads the picture and decides.
    with server(env, "2026-12-08") as base:
        reviewer = w.page(base, "reviewer")
        reviewer.goto(f"{base}/reports/2026Q4/")
        w.shot(reviewer, "vu-bang-tong-hop")
        w.shot(reviewer, "vu-gui-vien-chien-luoc", at="text=Mức độ đầy đủ và đúng hạn")
        reviewer.goto(f"{base}/reports/2026Q4/report/")
        w.shot(reviewer, "vu-bao-cao")
        leader = w.page(base, "leader")
        leader.goto(f"{base}/")
        w.shot(leader, "lanh-dao-bang-chi-tieu")
        leader.goto(f"{base}/dashboard/")
        leader.wait_for_selector("[data-rendered] .main-svg")
        w.shot(leader, "lanh-dao-bang-dieu-hanh")
        leader.goto(f"{base}/indicators/1.1/")
        leader.wait_for_selector("[data-rendered] .main-svg")
        w.shot(leader, "lanh-dao-chi-tieu")
        w.shot(leader, "lanh-dao-quyet-dinh-de-xuat", at="#proposals")
        leader.goto(f"{base}/dashboard/briefing/")
        leader.wait_for_selector("[data-rendered] .main-svg")
        w.shot(leader, "lanh-dao-ban-tom-tat")
        phone = w.page(base, "leader", PHONE)
        w.shot(phone, "dien-thoai-lanh-dao", at="h1")
        w.close()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="guide-") as scratch:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{scratch}/guide.sqlite3",
            "TRACKER_ENV_FILE": "/dev/null",  # a .env of this machine never points the walk at its database
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        # The catalogues compiled, as `make run` does: the pages in Vietnamese.
        subprocess.run(
            [sys.executable, "-m", "strategy_tracker.i18n"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        for command in ("migrate", "createcachetable", "load_reference_data", "create_demo_users"):
            manage(env, command, *(["--no-input"] if command == "migrate" else []))
        with sync_playwright() as p:
            executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
            browser = p.chromium.launch(executable_path=executable, args=ARGS)
            try:
                walk(browser, env, args.out)
            finally:
                browser.close()


if __name__ == "__main__":
    main()
