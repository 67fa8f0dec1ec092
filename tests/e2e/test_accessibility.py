"""axe-core (Deque's accessibility engine) over about ten pages of every role: no violation of WCAG 2 A or AA (its
rules tagged wcag2a and wcag2aa), on the pages as drawn, charts included.

axe-core is a test asset, not a page's: `tests/e2e/assets/axe-core/axe.min.js` is the file of the npm package
axe-core (version and checksum below, its licence, MPL-2.0, beside it), injected into each page by Playwright.
To move to another version: `npm pack axe-core@<version>`, copy `package/axe.min.js` and `package/LICENSE` there,
and change the two constants.
"""

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from indicators.models import Indicator, Observation
from plans.models import Task
from publication.services import release_approve, release_propose
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

# Every violation of the WCAG 2 A and AA rules on the page: the rule, what it asks, and where (at most three places).
CHECK = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
  return result.violations.map(v => `${v.id} (${v.help}): ${v.nodes.length} × ` +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
}"""


def _pages(task: int, release: int) -> dict[str, list[str]]:
    return {
        "cvt": [  # a reporter of Cục Viễn thông
            "/", "/indicators/1.1/", "/indicators/2.1/", "/submissions/cuc-vt/2026Q4/",
            "/submissions/cuc-vt/2026Q4/import/", "/notifications/", "/tasks/mine/", f"/tasks/{task}/", "/dashboard/",
            "/accounts/password/",
        ],
        "reviewer": [  # Vụ KTS và XHS
            "/", "/submissions/", "/submissions/cuc-vt/", "/reports/2026Q4/", "/reports/2026/",
            "/indicators/2.5/proposals/new/", "/targets/next-period/", "/targets/figures/", "/releases/new/",
            f"/releases/{release}/", "/tasks/",
        ],
        "leader": [
            "/dashboard/", "/dashboard/briefing/", "/indicators/1.1/", "/indicators/1.4/", "/releases/",
            f"/releases/{release}/", "/reports/2026Q4/report/", "/notifications/", "/tasks/", "/",
        ],
        "anonymous": [  # the public pages, and the login page
            "/public/", "/public/releases/", "/public/indicators/1.1/", "/accounts/login/", "/no-such-page/",
        ],
    }  # fmt: skip


def _release() -> int:
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


def test_the_vendored_axe_core_is_the_published_file():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    assert AXE.read_text()[:40].startswith(f"/*! axe v{AXE_VERSION}")


def test_every_role_s_pages_break_no_wcag_2_a_or_aa_rule(browser, live_server, e2e_data):
    task = Task.objects.filter(units__slug="cuc-vt").order_by("pk").first().pk
    pages = _pages(task, _release())
    found, walked = [], 0
    for person, urls in pages.items():
        # The pages allow no inline script (their Content Security Policy): the test's browser lets axe in.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True)
        page = context.new_page()
        page.base_url = live_server.url
        if person != "anonymous":
            log_in(page, person)
        for url in urls:
            page.goto(f"{live_server.url}{url}")
            if page.locator("[data-figure]").count():  # the charts drawn, as a person sees them
                page.wait_for_selector("[data-figure][data-rendered=true] .main-svg")
            page.add_script_tag(path=str(AXE))
            found += [f"{url} as {person}: {violation}" for violation in page.evaluate(CHECK)]
            walked += 1
        context.close()
    assert walked >= 36
    assert not found, "\n".join(found)
