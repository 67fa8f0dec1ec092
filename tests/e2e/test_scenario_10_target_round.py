"""Scenario 10: the next period's targets, in one round. In December 2026 a reviewer of Vụ KTS và XHS opens
"Chỉ tiêu giai đoạn tới", sees the 15 indicators without a goal ahead (and those without yearly plans toward 2030),
each with a suggested 2030 goal and 2026–2029 plans and their method, and proposes them with one common reason. The
leader approves every indicator but one, which he sends back. Afterwards no approved indicator says "no goal
ahead", the dashboard's flag counts have changed, and the home table's 2030 column shows the new goals."""

import pytest

from indicators.models import Target
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SENT_BACK = "2.8"


def _flag_counts(page) -> str:
    page.goto(f"{page.base_url}/dashboard/")
    return page.locator(".dashboard-counts").first.inner_text()


def test_reviewer_proposes_the_2030_targets_and_the_leader_decides_them(page):
    log_in(page, "reviewer")
    page.click("nav >> text=Chỉ tiêu giai đoạn tới")
    assert page.locator("h1").inner_text() == "Chỉ tiêu giai đoạn 2026–2030"
    assert page.locator("[data-count=no-goal-ahead]").inner_text() == "15"
    no_goal = page.locator("section.round-item:has(.flag-no_goal_ahead)")
    assert no_goal.count() == 15
    for i in range(15):
        section = no_goal.nth(i)
        rows = section.locator("tr[data-year]")
        assert rows.count() == 5  # 2026–2029 plans and the 2030 goal
        for r in range(5):
            suggestion, method = rows.nth(r).locator("td").nth(0), rows.nth(r).locator("td strong")
            assert suggestion.inner_text() not in ("", "—") and method.inner_text()
    assert "Tốc độ mà mục tiêu kỳ trước đòi hỏi" in no_goal.first.inner_text()
    page.fill("#common_reason", "Bảo đảm lộ trình tới mục tiêu Chiến lược năm 2030; theo số liệu và chỉ tiêu kỳ trước.")
    page.click("button:has-text('Đề xuất đợt rà soát')")
    page.wait_for_url("**/targets/rounds/*/")
    assert "Đã đề xuất đợt rà soát" in page.locator(".messages").inner_text()
    proposed = page.locator("section.round-item").count()
    assert proposed >= 15
    page.click("button:has-text('Đăng xuất')")

    log_in(page, "leader")
    # "Chờ quyết định" above the charts: the round, its indicators counted, a link to it
    waiting = page.locator(".agenda .decisions a[href*='/targets/rounds/']")
    assert waiting.inner_text() == f"Đợt rà soát chỉ tiêu 2026–2030: {proposed} chỉ tiêu chờ quyết định"
    assert page.locator(".agenda .decisions h3 .badge-count").inner_text() == str(proposed)
    before = _flag_counts(page)
    assert "đang đề xuất mục tiêu 2030" in page.locator(".round-state").inner_text()
    page.click(".round-state >> text=Mở đợt rà soát chỉ tiêu")
    sections = page.locator("section.round-item")
    codes = []
    for i in range(sections.count()):
        section = sections.nth(i)
        code = section.get_attribute("data-code")
        codes.append(code)
        decision = section.locator("select[name$='-decision']")
        if code == SENT_BACK:
            decision.select_option("sent_back")
            section.locator("textarea[name$='-note']").fill("Đề nghị làm rõ căn cứ của mục tiêu năm 2030.")
        else:
            decision.select_option("approved")
    page.click("button:has-text('Ghi nhận quyết định')")
    assert f"Đã ghi nhận {proposed} quyết định" in page.locator(".messages").inner_text()
    assert page.locator("section.round-item[data-decision=approved]").count() == proposed - 1
    assert page.locator("section.round-item[data-decision=sent_back]").count() == 1
    assert "Kết quả rà soát chỉ tiêu giai đoạn 2026–2030" in page.locator(".notice").first.inner_text()

    after = _flag_counts(page)
    assert after != before

    page.goto(f"{page.base_url}/")
    for code in codes:
        row = page.locator(f"table.indicator-table tr:has(a[href='/indicators/{code}/'])").first
        if code == SENT_BACK:
            assert row.locator(".flag-no_goal_ahead").count() == 1
            continue
        assert row.locator(".flag-no_goal_ahead").count() == 0, code
        goal = Target.objects.filter(indicator__code=code, year=2030, kind="goal").order_by("-document__rank").first()
        column_2030 = row.locator("td.col-goal_2030").inner_text()  # the home table's 2030 goal column
        assert goal is not None and (goal.wording if goal.value is None else _shown(goal)) in column_2030, code


def _shown(target) -> str:
    from django.utils import translation

    from indicators.formatting import format_target

    with translation.override("vi"):
        indicator = target.indicator
        return format_target(target.comparator, target.value, indicator.measure_unit, indicator.decimals)
