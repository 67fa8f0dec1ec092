"""Scenario 7: the leader prepares a meeting. He lands on the dashboard (every indicator's way to its 2030 goal on
one chart, coloured by flag; the 2025 goals with their verdicts), opens 1.1 from its bar and sees its path, the
yearly targets, the goal and the projection, then opens the one-page briefing with the target proposals waiting
for his decision. The plots render from the app's own plotly.js: no console error, no request leaves 127.0.0.1."""

from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from indicators.models import Indicator
from indicators.services import target_proposal_create
from publication.services import release_propose

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"


def _is_error(message) -> bool:
    # The browser's own request for /favicon.ico (the tracker has none) is not the page's error.
    return message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico")


@pytest.fixture
def watched(page):
    """The page, recording console errors, uncaught exceptions and every request's host."""
    page.errors, page.hosts = [], set()
    page.on("console", lambda message: _is_error(message) and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.hosts.add(urlparse(request.url).hostname))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return page


def _traces(page, chart: str) -> list[dict]:
    page.wait_for_selector(f"#{chart}[data-rendered] .main-svg")
    return page.evaluate(
        f"""Array.from(document.getElementById("{chart}").data).map(t => ({{
            type: t.type, n: (t.y || []).length, role: (t.meta || {{}}).role, flag: (t.meta || {{}}).flag }}))"""
    )


def test_leader_prepares_a_meeting(watched):
    page = watched
    reviewer = get_user_model().objects.get(username="reviewer")
    proposal = target_proposal_create(
        indicator=Indicator.objects.get(code="2.1"), year=2030, kind="goal", comparator=">=", value=Decimal(97),
        reason="Năm 2022 đã đạt 85%, vượt mục tiêu 2025: đề nghị nâng mục tiêu 2030.", proposed_by=reviewer,
    )  # fmt: skip
    release = release_propose(proposed_by=reviewer, note="Tỷ trọng kinh tế số 2024",
                              indicator=Indicator.objects.get(code="1.1"), periods=[(2024, 0)])  # fmt: skip

    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", "leader")
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/")

    # What waits for his decision comes first, above the charts, and the picture in one line
    decisions = page.locator(".agenda .decisions")
    assert decisions.locator("h3").inner_text() == "Chờ quyết định 2"  # the proposal and the release
    assert decisions.locator("li").all_inner_texts()[0].startswith("Đề xuất mục tiêu: chỉ tiêu 2.1, năm 2030")
    assert decisions.locator(f"a[href='/releases/{release.pk}/']").inner_text() == "Công bố số liệu: chỉ tiêu 1.1"
    assert decisions.locator(".primary-action").get_attribute("href") == f"/indicators/2.1/#proposal-{proposal.pk}"
    top = page.evaluate("s => document.querySelector(s).getBoundingClientRect().top", ".agenda .decisions")
    assert top < page.evaluate("document.getElementById('overview-chart').getBoundingClientRect().top")
    summary = page.locator(".picture-summary").inner_text()
    assert "chỉ tiêu cần đề xuất mục tiêu sau 2025" in summary and "mục tiêu 2025 chờ số liệu" in summary
    assert page.locator(".notification-link .badge-count").inner_text() == "2"  # the proposal and the release

    drawn = _traces(page, "overview-chart")
    assert {t["type"] for t in drawn} == {"bar"}
    overview = [t for t in drawn if t["flag"]]
    assert sum(t["n"] for t in overview) == Indicator.objects.count()  # one bar per indicator
    # and one clear bar across each row, that opens the indicator from anywhere on its row
    assert sum(t["n"] for t in drawn if t["role"] == "row") == Indicator.objects.count()
    assert page.locator("#overview-chart g.point").count() == 2 * Indicator.objects.count()
    assert {"on_track", "insufficient_data", "no_goal_ahead"} <= {t["flag"] for t in overview}
    verdicts = _traces(page, "verdicts-chart")
    assert len(verdicts) == 1 and page.locator("#verdicts-chart text", has_text="21 · chờ số liệu").count() == 1
    assert (
        page.locator(".dashboard-verdicts li", has_text="1.1")
        .first.inner_text()
        .startswith("1.1 Mục tiêu 2025 (≥ 20%): chờ số liệu năm 2025")
    )
    heatmap = _traces(page, "timeliness-chart")
    assert heatmap[0]["type"] == "heatmap" and heatmap[0]["n"] == 5  # the five reporting units
    page.screenshot(path=str(ARTIFACTS / "scenario7-dashboard.png"), full_page=True)

    # A click on 1.1's bar opens the indicator.
    box = page.evaluate(
        """() => { const el = document.getElementById("overview-chart");
                   const trace = el.data.findIndex(t => t.meta.flag && t.y.includes("1.1"));
                   const bar = el.querySelectorAll("g.trace.bars")[trace].querySelector("path");
                   const r = bar.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }"""
    )
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url("**/indicators/1.1/")
    roles = [t["role"] for t in _traces(page, "indicator-chart")]
    assert roles == ["trend", "provisional", "plan", "goal", "path", "projection", "projection"]
    legend = page.locator("#indicator-chart .legend").text_content()
    assert "Xu hướng (tuyến tính, năm gần đây có trọng số lớn hơn)" in legend and "Mục tiêu Chiến lược" in legend
    assert page.locator("#indicator-chart text", has_text="≥ 30%").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "scenario7-indicator-1.1.png"), full_page=True)

    page.goto(f"{page.base_url}/dashboard/briefing/")
    assert len(_traces(page, "overview-chart")) >= 3
    proposals = page.locator("#pending-proposals tbody tr")
    assert proposals.count() == 1 and "2030: ≥ 97%" in proposals.inner_text()
    page.emulate_media(media="print")
    page.pdf(path=str(ARTIFACTS / "scenario7-briefing.pdf"), format="A4")
    page.screenshot(path=str(ARTIFACTS / "scenario7-briefing-print.png"), full_page=True)
    assert page.locator("header.topbar").is_hidden()

    assert page.errors == []
    assert page.hosts == {urlparse(page.base_url).hostname} <= {"127.0.0.1", "localhost"}  # nothing leaves the machine
