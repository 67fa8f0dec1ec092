"""Scenario 1: a newcomer logs in as the leader and sees every indicator of Decision 411, in Vietnamese."""

import pytest

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_leader_sees_every_indicator_in_vietnamese(page):
    log_in(page, "leader")
    assert page.locator("h1").inner_text() == "Bộ chỉ tiêu Chiến lược"
    rows = page.locator("table.indicator-table tbody tr")
    assert rows.count() == 21
    first = rows.nth(0).locator("td")
    assert [first.nth(i).inner_text() for i in range(8)] == [
        "1.1", "Tỷ trọng kinh tế số trên GDP", "%", "14,26% tạm tính", "≥ 15,5%", "≥ 17,5%", "≥ 20%\nchờ số liệu",
        "≥ 30%",
    ]  # fmt: skip
    headers = page.locator("table.indicator-table thead th").all_inner_texts()
    assert headers[3:8] == ["Số liệu 2022 (cơ sở)", "Kế hoạch 2023", "Kế hoạch 2024", "Mục tiêu 2025", "Mục tiêu 2030"]

    page.click("text=2.8")
    assert "Tỷ lệ dân số trưởng thành dùng dịch vụ tư vấn sức khỏe trực tuyến" in page.locator("h1").inner_text()
    in_force = page.locator("tr.in-force", has_text="Trên 30%")
    assert in_force.locator(".badge-ok").inner_text() == "đang áp dụng"
    assert page.locator("tr.superseded", has_text="> 50%").count() == 1


def test_english_can_be_chosen_and_stays_chosen(page):
    log_in(page, "leader")
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("h1").inner_text() == "Indicators of the strategy"
    page.reload()
    assert "14.26%" in page.locator("table.indicator-table").inner_text()
