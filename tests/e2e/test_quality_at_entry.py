"""Data quality at entry in a real browser: Cục Viễn thông's reporter enters 2.5 = 8,12% after 81,2%, the page asks
for a note before submitting, she writes it and submits, and the reviewer reads the question and the note first."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.models import Indicator, Observation
from quality.services import rules_seed
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

NOTE = "Quý 4 chỉ tính thuê bao cáp quang đang hoạt động (đổi phương pháp)."


def field(page, code: str, name: str):
    return page.locator(f"[name='v-{code}-{name}']")


def test_the_entry_page_asks_for_a_note_before_submitting_a_flagged_figure(page, browser, on_day):
    rules_seed()  # the rules a migrated database has (an end-to-end test's tables were emptied)
    Observation.objects.create(
        indicator=Indicator.objects.get(code="2.5"), year=2026, quarter=3, value=Decimal("81.2"), source="VNNIC"
    )
    on_day(date(2026, 11, 20))
    log_in(page, "cvt")
    page.goto(f"{page.base_url}/submissions/cuc-vt/2026Q4/")
    assert field(page, "2.5", "confirmation").count() == 0  # nothing asked yet
    field(page, "2.1", "value").fill("86")
    field(page, "2.1", "source").fill("Tổng cục Thống kê")
    field(page, "2.5", "value").fill("8,12")
    field(page, "2.5", "source").fill("VNNIC")
    page.click("button[value=submit]")

    # Refused: the question beside the figure, and the note it needs
    assert "Một số số liệu bị cảnh báo" in page.locator(".form-errors").inner_text()
    asked = page.locator("#indicator-2\\.5 .flags-asked")
    assert "Tỷ lệ thay đổi 73,08 điểm phần trăm so với quý trước (81,2%)" in asked.inner_text()
    assert "Xác nhận số liệu này bằng một giải trình" in asked.inner_text()
    assert page.locator("#indicator-2\\.1 .flags-asked").count() == 0
    assert field(page, "2.5", "value").input_value() == "8,12"  # what she typed is kept

    field(page, "2.5", "confirmation").fill(NOTE)
    page.click("button[value=submit]")
    assert "Đã gửi đúng hạn" in page.locator(".submission-facts").inner_text()
    summary = page.locator("#flags").inner_text()
    assert "73,08 điểm phần trăm" in summary and NOTE in summary

    # The reviewer: the question and the note at the top of the submission, before the figures and the review
    on_day(date(2026, 12, 3))
    reviewer = browser.new_page()
    reviewer.base_url = page.base_url
    log_in(reviewer, "reviewer")
    reviewer.click("text=Báo cáo quý")
    row = reviewer.locator("table.overview-table tr", has_text="Cục Viễn thông")
    assert row.locator("td.col-flagged").inner_text().strip() == "1"
    row.locator("td.col-flagged a").click()
    flags = reviewer.locator("#flags")
    assert "73,08 điểm phần trăm" in flags.inner_text() and NOTE in flags.inner_text()
    top = flags.bounding_box()["y"]
    assert top < reviewer.locator("table.submission-table").bounding_box()["y"]
    assert top < reviewer.locator("form[action$='/accept/']").bounding_box()["y"]
    reviewer.click("form[action$='/accept/'] button")
    assert "Đã chấp nhận" in reviewer.locator(".messages").inner_text()
    assert NOTE in reviewer.locator("#flags").inner_text()  # kept on record once accepted
    reviewer.context.close()
