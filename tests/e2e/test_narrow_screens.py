"""Every page, for every role, on a phone (390×844) and a tablet (768×1024): the page never scrolls sideways (a wide
table or chart scrolls inside its own box), the header's menu folds behind a button that opens it, and the charts
are drawn. The pages are the URL conf's, through the role table of tests/test_route_guard.py (every route has a
rule there, with an example URL): each GET route as each person, whatever it answers them (a refusal or a "not
found" is a page too), plus the admin's lists for the administrator and the pages that need a release to exist.

A screenshot of every page goes to a temporary directory (its path is printed with `pytest -s`) for a person to
look at: the whole page on the phone, the first screen on the tablet. One browser, one context per person and width,
plotly.js fetched once, each refusal and "not found" page walked once per person, each page once on the tablet.
"""

import re
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators.models import Indicator, Observation
from plans.models import Task
from publication.services import release_approve, release_propose
from tests.e2e.conftest import log_in
from tests.test_route_guard import ROUTES

PHONE, TABLET = (390, 844), (768, 1024)
# On the phone every person walks every page; on the tablet each page once, by the first person here who opens it
# (the administrator opens most), since a page a phone fits in is rarely one a tablet does not.
PEOPLE = ("admin", "reviewer", "leader", "cvt", "anonymous")
FILES = re.compile(r"\.(csv|json|xlsx|docx|js|ico)$|^/api/|^/healthz|^/public/language/")
CODE = re.compile(r"\b\d{4}Q[1-4]\b")
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def pages_of(person: str, *, task: int, release: int) -> list[str]:
    """The URLs a person walks: every GET route of the role table that is a page (not a file, not the API)."""
    urls = [
        rule.url.format(task=task) for rule in ROUTES.values() if rule.method == "GET" and not FILES.search(rule.url)
    ]
    urls += [f"/releases/{release}/", "/public/indicators/1.1/", "/no-such-page/"]
    if person == "admin":
        urls += ["/admin/"] + [
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            for model in admin.site._registry
        ]
    return list(dict.fromkeys(urls))


def _release() -> int:
    """A published release with a quarter's figure in it: the public pages and the quarter's names have content."""
    User = get_user_model()
    indicator = Indicator.objects.get(code="1.1")
    Observation.objects.create(indicator=indicator, year=2026, quarter=3, value=Decimal("19.1"), source="Báo cáo quý")
    release = release_propose(
        proposed_by=User.objects.get(username="reviewer"),
        note="Tỷ trọng kinh tế số trong GDP 2021–2024 và quý 3/2026",
        indicator=indicator,
        periods=[(2021, 0), (2022, 0), (2023, 0), (2024, 0), (2026, 3)],
    )
    return release_approve(release=release, approved_by=User.objects.get(username="leader")).pk


# The page's text as a person reads it, without the open data's notes on the files' columns (where "2026Q4" is
# the format a machine reads in the CSV's period column, explained as such).
PROSE = """() => { const body = document.body.cloneNode(true);
  body.querySelectorAll('.open-data-notes').forEach(n => n.remove()); return body.innerText; }"""
PLOTLY = re.compile(r"/plotly[^/]*\.min\.js$")


def _from_memory(route, cache: dict) -> None:
    """plotly.js (4 MB) is fetched from the live server once, then served to every context from memory."""
    if "body" not in cache:
        response = route.fetch()
        cache.update(body=response.body(), headers=response.headers)
    route.fulfill(status=200, body=cache["body"], headers=cache["headers"])


def test_every_page_of_every_role_fits_a_phone_and_a_tablet(browser, live_server, e2e_data):
    started = time.monotonic()
    task = Task.objects.filter(units__slug="cuc-vt").order_by("pk").first().pk
    release = _release()
    shots = Path(tempfile.mkdtemp(prefix="narrow-screens-"))
    print(f"\nscreenshots: {shots}")
    wide, codes, walked, plotly = [], [], 0, {}
    for width, height in (PHONE, TABLET):
        walked_here: set[str] = set()  # the pages walked at this width, by anyone
        for person in PEOPLE:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
            context.route(PLOTLY, lambda route: _from_memory(route, plotly))
            page = context.new_page()
            page.base_url = live_server.url
            if person != "anonymous":
                log_in(page, person)
                page.wait_for_url(f"{live_server.url}/")
            seen = set()
            for url in pages_of(person, task=task, release=release):
                if width == TABLET[0] and url in walked_here:
                    continue
                status = page.goto(f"{live_server.url}{url}").status
                # A page already walked (the login page a visitor is sent to), or a refusal or "not found" page
                # after the first: the same template again.
                seen_as = status if status in (403, 404) else page.url.split("?")[0]
                if seen_as in seen:
                    continue
                seen.add(seen_as)
                if status == 200:  # a refusal does not stand for the page someone else may open
                    walked_here.add(url)
                if page.locator("[data-figure]").count():  # the charts drawn, at this width
                    page.wait_for_selector("[data-figure][data-rendered=true] .main-svg")
                overflow = page.evaluate(OVERFLOW)
                if overflow > 0:
                    wide.append(f"{url} as {person} at {width} px: {overflow} px wider than the window")
                code = CODE.search(page.evaluate(PROSE))
                if code:  # a period reads "Quý 4/2026", never 2026Q4
                    codes.append(f"{url} as {person}: {code.group()}")
                name = f"{width}-{person}-{url.strip('/').replace('/', '_') or 'home'}.png"
                page.screenshot(path=str(shots / name), full_page=width == PHONE[0])  # the tablet's first screen
                walked += 1
            context.close()
    assert not wide, "\n".join(wide)
    assert not codes, "\n".join(codes)
    assert walked > 80  # every route, not a handful
    print(f"{walked} pages walked in {time.monotonic() - started:.0f} s")


def test_on_a_phone_the_menu_folds_the_charts_re_lay_out_and_a_quarter_is_entered(page):
    """One browser page for three things (each test of this module loads the reference data again)."""
    page.set_viewport_size({"width": 390, "height": 844})

    # The header: its menu folds behind a button that opens and closes it.
    log_in(page, "reviewer")
    page.wait_for_url(f"{page.base_url}/")
    menu = page.locator(".menu-button")
    log_out = page.locator(".topnav button.link")
    assert menu.is_visible() and not log_out.is_visible()  # folded: log-out, language and links behind the button
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert log_out.is_visible() and menu.get_attribute("aria-expanded") == "true"
    assert page.locator(".topnav a", has_text="Báo cáo tổng hợp").is_visible()
    box = page.locator("select[name=language]").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390  # on the screen, not off it
    page.keyboard.press("Escape")
    assert not log_out.is_visible() and menu.get_attribute("aria-expanded") == "false"

    # The charts: the narrow layout of dashboard/charts.py applies, a tick every five indicators, not every one.
    page.goto(f"{page.base_url}/dashboard/")
    page.wait_for_selector("#verdicts-chart[data-rendered=true] .main-svg")
    assert page.get_attribute("#overview-chart", "data-narrow") == "true"
    assert 0 < page.locator("#verdicts-chart .xtick").count() <= 6
    # The heatmap keeps a readable width and scrolls inside its box; the page does not.
    heatmap = page.locator("#timeliness-chart").bounding_box()
    assert heatmap is not None and heatmap["width"] >= 640
    assert page.evaluate(OVERFLOW) <= 0
    # On a wide screen there is no menu button, and the same page draws the wide layout again.
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_selector("#overview-chart[data-narrow=false]")
    assert page.locator("#verdicts-chart .xtick").count() > 6
    assert not menu.is_visible() and log_out.is_visible()

    # The entry of a quarter's figures, by Cục Viễn thông's reporter: fields the width of the screen, the buttons on it.
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.clear_cookies()
    log_in(page, "cvt")
    page.goto(f"{page.base_url}/submissions/cuc-vt/2026Q4/")
    field = page.locator("input.figure").first
    box = field.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["width"] >= 200
    field.fill("81,2")
    save = page.locator("button[name=action][value=save]")
    save_box = save.bounding_box()
    assert save_box is not None and save_box["x"] + save_box["width"] <= 390
    save.click()
    page.wait_for_load_state()
    assert page.locator("input.figure").first.input_value() == "81,2"
    assert page.evaluate(OVERFLOW) <= 0
