"""Scenarios 2, 3 and 5 in a real browser: Cục Viễn thông reports the fourth quarter, Vụ KTS và XHS returns and
accepts it, and a reporter of another unit is refused."""

from datetime import date

import pytest

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def field(page, code: str, name: str):
    return page.locator(f"[name='v-{code}-{name}']")


def test_scenarios_2_3_and_5(page, browser, on_day):
    # Scenario 2: 20 November, the reporter of Cục Viễn thông opens the Q4 submission from the home page
    on_day(date(2026, 11, 20))
    log_in(page, "cvt")
    notice = page.locator(".due-notice").inner_text()
    assert "Báo cáo Quý 4/2026 (số liệu tháng 10/2026–11/2026) cần gửi trước ngày 05/12/2026." in notice
    page.click(".due-notice >> text=Mở báo cáo")
    assert page.locator("h1").inner_text() == "Cục Viễn thông: báo cáo Quý 4/2026"
    assert page.locator("section.entry-row h3 .code").all_inner_texts() == ["2.1", "2.5"]
    assert "2022 75%" in page.locator("#indicator-2\\.5 .entry-context").inner_text()
    field(page, "2.5", "value").fill("81,2")
    field(page, "2.5", "provisional").check()
    field(page, "2.5", "source").fill("Tổng cục Thống kê (ước tính)")
    field(page, "2.5", "comparison_with").fill("Thái Lan")
    field(page, "2.5", "comparison_value").fill("77,5")
    field(page, "2.5", "comparison_year").fill("2023")
    page.fill("[name=trend_assessment]", "Tỷ lệ hộ có cáp quang tăng đều.")
    page.fill("[name=difficulties]", "Số liệu chính thức công bố chậm.")
    page.click("button[value=save]")
    assert "Đã lưu nháp." in page.locator(".messages").inner_text()

    # 2 December: she comes back, fills in 2.1 and submits, on time
    on_day(date(2026, 12, 2))
    page.reload()
    assert field(page, "2.5", "value").input_value() == "81,2"
    field(page, "2.1", "value").fill("86")
    page.click("button[value=submit]")
    assert "Đã gửi đúng hạn" in page.locator(".submission-facts").inner_text()
    assert page.locator("[name='v-2.5-value']").count() == 0  # locked for the unit while under review

    # Scenario 5: the reporter of Trung tâm NEAC edits the address bar
    neac = browser.new_page()
    log_in_at(neac, page.base_url, "neac")
    response = neac.goto(page.url)
    assert response.status == 403
    neac.wait_for_load_state("networkidle")
    neac.context.close()

    # Scenario 3: the reviewer sees who has submitted and returns Cục Viễn thông's submission with a reason
    on_day(date(2026, 12, 3))
    reviewer = browser.new_page()
    log_in_at(reviewer, page.base_url, "reviewer")
    reviewer.click("text=Báo cáo quý")
    row = reviewer.locator("table.overview-table tr", has_text="Cục Viễn thông")
    assert "Đã gửi đúng hạn" in row.inner_text()
    assert "Đang trong hạn" in reviewer.locator("table.overview-table tr", has_text="Trung tâm NEAC").inner_text()
    row.locator("a").click()
    reviewer.fill("#reason-return", "Chỉ tiêu 2.1 chưa ghi nguồn số liệu.")
    reviewer.click("form[action$='/return/'] button")
    assert "Đã trả lại Cục Viễn thông để chỉnh sửa." in reviewer.locator(".messages").inner_text()

    # 7 December, after the deadline: the returned quarter comes first on her home page, the big button opens it,
    # and she has a notification with the reason
    on_day(date(2026, 12, 7))
    page.goto(f"{page.base_url}/")
    first = page.locator(".due-notice .first-task").inner_text()
    assert first.startswith("Báo cáo Quý 4/2026 đã bị trả lại: hãy chỉnh sửa và gửi lại.")
    assert page.locator(".due-notice .primary-action").get_attribute("href") == "/submissions/cuc-vt/2026Q4/"
    assert "Chỉ tiêu 2.1 chưa ghi nguồn số liệu." in page.locator(".due-notice").inner_text()
    assert page.locator(".notification-link .badge-count").inner_text() == "1"
    page.click(".notification-link")
    notification = page.locator(".notification-list li").first
    assert "Báo cáo Quý 4/2026 của Cục Viễn thông đã bị trả lại để chỉnh sửa" in notification.inner_text()
    assert "Lý do: Chỉ tiêu 2.1 chưa ghi nguồn số liệu." in notification.inner_text()
    notification.locator("form[action$='/open/'] button").click()
    assert page.locator("h1").inner_text() == "Cục Viễn thông: báo cáo Quý 4/2026"
    assert page.locator(".notification-link .badge-count").count() == 0  # read

    # the reporter sees the reason, adds the source and submits again
    page.reload()
    assert "Chỉ tiêu 2.1 chưa ghi nguồn số liệu." in page.locator(".notice-warn").inner_text()
    field(page, "2.1", "source").fill("Tổng cục Thống kê")
    page.click("button[value=submit]")
    assert "Đã gửi" in page.locator(".submission-facts").inner_text()

    # the reviewer accepts; the figures become figures of record and the history shows who did what
    reviewer.reload()
    reviewer.click("form[action$='/accept/'] button")
    assert "Đã chấp nhận" in reviewer.locator(".submission-facts").inner_text()
    history = reviewer.locator("table.audit-table").inner_text()
    assert "Chuyên viên rà soát Vụ KTS và XHS" in history and "Cán bộ Cục Viễn thông" in history
    reviewer.goto(f"{page.base_url}/indicators/2.5/")
    assert "81,2%" in reviewer.locator("main").inner_text()
    # no request of these pages may still be running when the test's database goes away
    reviewer.wait_for_load_state("networkidle")
    reviewer.context.close()


def log_in_at(page, base_url: str, username: str) -> None:
    page.base_url = base_url
    log_in(page, username)
