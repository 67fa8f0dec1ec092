"""Search from the header's box: the leader types “kinh te so”, sees 1.1 suggested under the box, and opens it from
the results page; on a phone a reporter opens the menu, searches there (the suggestions in the menu's flow), and
every link she is given opens (no sideways scroll)."""

import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_leader_types_kinh_te_so_in_the_header_and_opens_1_1(page):
    log_in(page, "leader")
    page.wait_for_url(f"{page.base_url}/")
    box = page.locator("#header-search")
    assert box.get_attribute("placeholder") == "Tìm kiếm…"
    box.type("kinh te so")
    suggestions = page.locator("#header-search-suggestions")
    suggestions.locator("a", has_text="Tỷ trọng kinh tế số trên GDP").wait_for()
    assert suggestions.locator("li a").first.inner_text() == "1.1 Tỷ trọng kinh tế số trên GDP"
    assert suggestions.locator(".search-suggestions-count").inner_text().endswith("kết quả cho “kinh te so”")
    assert page.locator("[data-suggest-status]").inner_text().endswith("kết quả cho “kinh te so”")  # read out
    box.press("ArrowDown")  # the keyboard goes down the suggestions and back
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/indicators/1.1/"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/indicators/1.2/"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "header-search"
    box.press("Escape")
    assert suggestions.is_hidden() and box.input_value() == "kinh te so"  # closed, what was typed kept
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("h1").inner_text() == "Tìm kiếm"
    assert page.locator(".search-count").inner_text().endswith("kết quả cho “kinh te so”")
    indicators = page.locator("#search-indicators li a")
    assert indicators.first.inner_text() == "1.1 Tỷ trọng kinh tế số trên GDP"
    assert page.locator("#search-indicators h2").inner_text() == "Chỉ tiêu (3)"
    indicators.first.click()
    page.wait_for_url(f"{page.base_url}/indicators/1.1/")
    assert "Tỷ trọng kinh tế số trên GDP" in page.locator("h1").inner_text()


def test_on_a_phone_a_reporter_searches_from_the_menu_and_opens_what_she_is_given(browser, live_server, e2e_data):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, "neac")
    page.wait_for_url(f"{live_server.url}/")
    box = page.locator("#header-search")
    assert not box.is_visible()  # folded with the menu
    page.locator(".menu-button").click()
    assert box.is_visible()
    box.type("Trung tâm")
    suggested = page.locator("#header-search-suggestions a", has_text="Trung tâm Chứng thực điện tử quốc gia")
    suggested.wait_for()
    assert page.evaluate(OVERFLOW) <= 0
    shots = Path(tempfile.mkdtemp(prefix="search-"))
    print(f"\nscreenshots: {shots}")
    page.screenshot(path=str(shots / "390-neac-menu.png"), full_page=True)
    assert suggested.get_attribute("href") == "/submissions/neac/"
    with page.expect_navigation():
        page.locator("header form.search button").click()
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(shots / "390-neac-results.png"), full_page=True)
    units = page.locator("#search-units li a")
    assert units.first.inner_text() == "Trung tâm NEAC Trung tâm Chứng thực điện tử quốc gia"
    links = [a.get_attribute("href") for a in page.locator(".search-hits a").all()]
    assert links
    for href in links:
        response = page.goto(f"{live_server.url}{href}")
        assert response.status == 200, href
        assert page.evaluate(OVERFLOW) <= 0, href
    context.close()
