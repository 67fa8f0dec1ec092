"""Scenario 4: before a meeting in late 2026 the leader sees the 2025 goals' verdicts, and toward 2030 what is on
track and what has too little data, and reads in one Vietnamese sentence why an indicator has its flag. Then
principle 3 at work: the reviewer proposes raising the smartphone target, and the leader accepts it."""

import re

import pytest

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def _row(page, code: str):
    return page.locator("table.indicator-table tbody tr", has=page.locator(f"td.col-code a:text-is('{code}')"))


def test_leader_reads_the_picture_before_a_meeting(page):
    log_in(page, "leader")
    assert _row(page, "1.1").locator("td.col-assessment").inner_text() == "Đúng tiến độ"
    assert _row(page, "1.1").locator("td.col-goal_2025 .verdict").inner_text() == "chờ số liệu"
    assert _row(page, "2.1").locator("td.col-assessment").inner_text() == "Chưa đủ số liệu"  # one figure toward 95%
    assert _row(page, "2.1").locator("td.col-gap").inner_text() == "còn 10 điểm % 2030"

    chip = page.locator(".flag-filter a", has_text="Chưa đủ số liệu")
    count = int(re.search(r"(\d+)$", chip.inner_text()).group(1))
    chip.click()
    page.wait_for_url("**/?flag=insufficient_data")
    rows = page.locator("table.indicator-table tbody tr")
    assert rows.count() == count
    assert set(rows.locator("td.col-assessment").all_inner_texts()) == {"Chưa đủ số liệu"}

    page.goto(f"{page.base_url}/")
    page.click("td.col-code a:text-is('1.1')")
    sentence = page.locator(".progress-panel .explanation").inner_text()
    assert sentence.startswith("Cần tăng 1,95 điểm %/năm đến 2030; xu hướng 2021–2024 tăng 2,06 điểm %/năm, chậm dần")
    assert sentence.endswith(": đúng tiến độ (số liệu tạm ước tính).")
    verdict = page.locator(".past-goals li").inner_text()
    assert verdict.startswith("Mục tiêu 2025 (≥ 20%): chờ số liệu năm 2025") and "khoảng 20,36%" in verdict

    page.goto(f"{page.base_url}/indicators/2.1/")
    assert page.locator(".past-goals li").inner_text() == (
        "Mục tiêu 2025 (≥ 80%): chờ số liệu năm 2025; đã vượt từ năm 2022 (85%) (số liệu tạm ước tính)"
    )


def test_reviewer_proposes_raising_a_target_and_the_leader_accepts_it(page):
    log_in(page, "reviewer")
    page.goto(f"{page.base_url}/indicators/2.1/")
    page.click("text=Đề xuất điều chỉnh chỉ tiêu")
    page.fill("#id_year", "2030")  # a year not yet past (the form refuses past years)
    page.fill("#id_value", "97")
    page.fill("#id_reason", "Năm 2022 đã đạt 85%, vượt mục tiêu 2025; đề nghị nâng mục tiêu 2030.")
    page.click("button:has-text('Ghi nhận đề xuất')")
    assert "Đã ghi nhận đề xuất" in page.locator(".messages").inner_text()
    assert page.locator(".proposal .status").inner_text() == "Chờ quyết định"
    page.click("button:has-text('Đăng xuất')")

    log_in(page, "leader")
    page.goto(f"{page.base_url}/indicators/2.1/")
    page.click("button:has-text('Chấp thuận: ghi nhận chỉ tiêu mới')")
    assert "Đã chấp thuận đề xuất" in page.locator(".messages").inner_text()
    in_force_2030 = page.locator("tr.in-force", has_text="≥ 97%")
    assert in_force_2030.locator(".badge-ok").inner_text() == "đang áp dụng"
    assert page.locator("tr.superseded", has_text="đạt 95% vào năm 2030").count() == 1  # the old one kept
