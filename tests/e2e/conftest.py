"""End-to-end tests in a real browser: Debian's Chromium driven by Playwright (which downloads nothing).

These tests use the live server, so their database is emptied after each of them; they load the reference
data themselves and run after every other test (see tests/conftest.py).
"""

import os
import shutil

import pytest

from indicators.reference_data import reference_data_load
from indicators.services import demo_users_create
from plans.reference_data import plans_reference_data_load
from tests.conftest import FIXTURES

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail("Chromium is required for the browser tests (apt-get install chromium)")
        pytest.skip("no Chromium on this machine: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the live server's database calls are in another.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def e2e_data(transactional_db):
    # Loaded again for each test: a transactional test before it (in any file) emptied the tables the session loaded.
    reference_data_load(directory=FIXTURES)
    plans_reference_data_load(directory=FIXTURES)
    demo_users_create()


@pytest.fixture
def page(browser, live_server, e2e_data):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, username: str, password: str = "demo") -> None:
    page.goto(f"{page.base_url}/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
