"""The overview chart read by a leader, on a wide screen, on a phone and on the printed briefing: every row names its
indicator (code and short name), no two of its words overprint, the axis reads in %, and a click on any row, with
or without a bar, opens the indicator."""

from pathlib import Path

import pytest
from django.conf import settings

from indicators.models import Indicator
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"

# Every text of the chart (the rows' labels and the panels' titles, the bars' words, the axis's ticks and title) as
# boxes on the screen, and the pairs of them that overlap by more than a pixel.
OVERPRINTS = """selector => {
  const chart = document.querySelector(selector);
  const kinds = ".annotation-text, .bartext, .xaxislayer-above text, [class^=g-x] text";
  const texts = Array.from(chart.querySelectorAll(kinds))
    .filter(t => t.textContent.trim()).map(t => ({text: t.textContent, box: t.getBoundingClientRect()}));
  const pairs = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
    const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
    if (x > 1 && y > 1) { pairs.push([a.text, b.text]); }
  }));
  const frame = chart.getBoundingClientRect();
  const outside = texts.filter(t => t.box.left < frame.left - 1 || t.box.right > frame.right + 1).map(t => t.text);
  return {n: texts.length, pairs, outside,
          labels: texts.filter(t => /^\\d+(\\.\\d+)+ /.test(t.text)).map(t => t.text),
          ticks: Array.from(chart.querySelectorAll(".xaxislayer-above text")).map(t => t.textContent)};
}"""


def _chart(page, selector: str = "#overview-chart") -> dict:
    page.wait_for_selector(f"{selector}[data-rendered] .main-svg")
    return page.evaluate(OVERPRINTS, selector)


@pytest.mark.parametrize("width", [1400, 768, 390])
def test_every_row_of_the_overview_names_its_indicator_and_nothing_overprints(page, width):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "leader")
    page.goto(f"{page.base_url}/dashboard/")
    chart = _chart(page)
    page.locator("#overview-chart").screenshot(path=str(ARTIFACTS / f"overview-chart-{width}.png"))
    codes = list(Indicator.objects.values_list("code", flat=True))
    assert sorted(label.split(" ")[0] for label in chart["labels"]) == sorted(codes)
    assert "2.7 Tỷ lệ dân số trưởng thành có" in " ".join(chart["labels"])
    assert chart["pairs"] == [] and chart["outside"] == []
    assert chart["ticks"][:5] == ["0%", "25%", "50%", "75%", "100%"]  # in %, from the baseline to the goal

    page.goto(f"{page.base_url}/dashboard/briefing/")
    chart = _chart(page)
    assert len(chart["labels"]) == len(codes) and chart["pairs"] == [] and chart["outside"] == []
    page.emulate_media(media="print")
    page.locator("#overview-chart").screenshot(path=str(ARTIFACTS / f"briefing-chart-{width}.png"))


def test_a_row_without_a_bar_opens_its_indicator_from_its_label_or_its_empty_part(page):
    log_in(page, "leader")
    page.goto(f"{page.base_url}/dashboard/")
    _chart(page)
    # 1.2 has too little data: no bar, its assessment in words.
    label = page.locator("#overview-chart .annotation-text", has_text="1.2 Tỷ trọng kinh tế số trong").bounding_box()
    assert label is not None
    page.mouse.move(label["x"] + 20, label["y"] + label["height"] / 2)
    page.mouse.click(label["x"] + 20, label["y"] + label["height"] / 2)
    page.wait_for_url("**/indicators/1.2/")

    page.go_back()
    _chart(page)
    label = page.locator("#overview-chart .annotation-text", has_text="1.4 Tỷ lệ doanh nghiệp").bounding_box()
    assert label is not None
    empty = {"x": label["x"] + label["width"] + 200, "y": label["y"] + label["height"] + 6}  # right of its words
    page.mouse.move(empty["x"], empty["y"])
    page.mouse.click(empty["x"], empty["y"])
    page.wait_for_url("**/indicators/1.4/")


@pytest.mark.parametrize("width", [1400, 390])
def test_the_provinces_heatmap_is_drawn_on_the_dashboard_once_its_part_is_in(page, width):
    from decimal import Decimal

    from indicators.models import Observation
    from places.models import Province
    from places.services import places_load

    places_load(communes=False)  # the provinces: a transactional test before this one emptied their table
    for code, value in ((1, "90"), (79, "70")):
        Observation.objects.create(
            indicator=Indicator.objects.get(code="2.1"),
            year=2025,
            value=Decimal(value),
            source="Sở KHCN",
            province=Province.objects.current().get(code=code),
        )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "leader")
    page.goto(f"{page.base_url}/dashboard/")
    page.wait_for_selector("#provinces [aria-busy=false]")
    page.wait_for_selector("#province-heatmap[data-rendered] .main-svg")
    page.locator("#provinces").screenshot(path=str(ARTIFACTS / f"dashboard-provinces-{width}.png"))
    ticks = page.evaluate(
        "() => Array.from(document.querySelectorAll('#province-heatmap .ytick text')).map(t => t.textContent)"
    )
    assert "Thành phố Hà Nội" in ticks and "Thành phố Hồ Chí Minh" in ticks
    columns = page.evaluate(
        "() => Array.from(document.querySelectorAll('#province-heatmap .xtick text')).map(t => t.textContent)"
    )
    assert columns == ["2.1"]  # each column names its indicator, on a phone too
    page.get_by_role("link", name="Đánh giá của từng tỉnh, thành phố trên mỗi chỉ tiêu, dạng bảng").click()
    page.wait_for_url("**/provinces/")
