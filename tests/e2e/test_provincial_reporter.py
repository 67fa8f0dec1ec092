"""A province reports through the same quarterly workflow: Sở KHCN Hà Nội enters and submits Hà Nội's figure for the
quarter, Vụ KTS và XHS sees it among the units and accepts it, and 1.1's page ranks Hà Nội beside the nation."""

from datetime import date

import pytest

from places.services import demo_provincial_reporter_create, places_load
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_provincial_reporter_enters_submits_and_is_accepted(page, browser, on_day):
    places_load(communes=False)  # the provinces and their units: no scenario reads the communes
    demo_provincial_reporter_create()
    on_day(date(2026, 12, 2))
    log_in(page, "skhcn_hanoi")
    page.goto(f"{page.base_url}/submissions/skhcn-ha-noi/2026Q4/")
    assert page.locator("h1").inner_text() == "Sở KHCN Hà Nội: báo cáo Quý 4/2026"
    assert page.locator("section.entry-row h3 .code").all_inner_texts() == ["1.1"]
    # Hà Nội has no figure yet: the nation's 2022 estimate is not shown as if it were the city's.
    assert "14,26%" not in page.locator("#indicator-1\\.1 .entry-context").inner_text()
    page.locator("[name='v-1.1-value']").fill("21,5")
    page.locator("[name='v-1.1-provisional']").check()
    page.locator("[name='v-1.1-source']").fill("Cục Thống kê Hà Nội (ước tính)")
    page.fill("[name=trend_assessment]", "Kinh tế số của thành phố tăng đều.")
    page.fill("[name=difficulties]", "Chưa có số liệu chính thức theo quý.")
    page.click("button[value=submit]")
    assert "Đã gửi đúng hạn" in page.locator(".submission-facts").inner_text()

    on_day(date(2026, 12, 3))
    reviewer = browser.new_page()
    reviewer.base_url = page.base_url
    log_in(reviewer, "reviewer")
    reviewer.click("text=Báo cáo quý")
    row = reviewer.locator("table.overview-table tr", has_text="Sở KHCN Hà Nội")
    assert "Đã gửi đúng hạn" in row.inner_text()
    row.locator("a").click()
    reviewer.click("form[action$='/accept/'] button")
    assert "Đã chấp nhận" in reviewer.locator(".submission-facts").inner_text()

    reviewer.goto(f"{page.base_url}/indicators/1.1/")
    ranking = reviewer.locator("#province-table").inner_text()
    assert "Thành phố Hà Nội" in ranking and "21,5%" in ranking
    # The nation's figure stays its own: PTIT's 2024 estimate (5473), not Hà Nội's.
    assert "18,3%" in reviewer.locator("#province-table tr.national").inner_text()
    assert "21,5%" not in reviewer.locator("#progress-heading").inner_text()
    reviewer.wait_for_load_state("networkidle")
    reviewer.context.close()
