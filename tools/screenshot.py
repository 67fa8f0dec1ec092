"""Log in as a demo person and save a full-page PNG of a page of the running tracker.

    python tools/screenshot.py leader / var/home.png [--base http://127.0.0.1:8000] [--lang en] [--selector "#id"]

It waits until the page's parts loaded after it are in (no request for half a second); --selector saves one element
only.

Uses the system Chromium (CHROMIUM env var, default /usr/bin/chromium); Playwright downloads nothing.
"""

import argparse
import os

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("username")
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--lang", default="")
    parser.add_argument("--selector", help="save this element only, not the whole page")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        page.goto(f"{args.base}/accounts/login/")
        page.fill("#id_username", args.username)
        page.fill("#id_password", "demo")
        page.click("button[type=submit]")
        if args.lang:
            with page.expect_navigation():
                page.select_option("select[name=language]", args.lang)
        page.goto(f"{args.base}{args.path}")
        page.wait_for_load_state("networkidle")
        if args.selector:
            page.locator(args.selector).screenshot(path=args.out)
        else:
            page.screenshot(path=args.out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
