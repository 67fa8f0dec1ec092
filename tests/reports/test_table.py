"""The consolidated table of a quarter: rows in the documents' order, the quarters' values from the units'
submissions (accepted, provisional, not yet accepted), targets and the flag from the read model, the filters, the
completeness of the units, and a quarter without figures."""

import re
from datetime import date

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from reporting.calendar import ReportingPeriod
from reports.selectors import report_data
from reports.tables import ReportTable, row_key
from tests.reports.conftest import SECTIONS, send

pytestmark = pytest.mark.django_db

Q4 = ReportingPeriod(2026, 4)


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def table_rows(response) -> dict[str, str]:
    """{code: the text of its row} of the consolidated table."""
    html = response.content.decode().split("report-table", 1)[1].split("</table>", 1)[0]
    rows = {}
    for code, row in re.findall(r'<tr[^>]*data-code="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        cells = [plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[code] = " | ".join(cells)
    return rows


@pytest.fixture
def cvt_q4_accepted(cvt_reporter, reviewer, on_day):
    """Cục Viễn thông sent Q4 2026 on 02/12 (2.5 provisional 81,2 with Thailand 2023 at 80; 2.1 at 86), accepted."""
    send(
        cvt_reporter,
        "2026Q4",
        {
            "2.1": {"value": "86", "source": "Cục Viễn thông"},
            "2.5": {
                "value": "81.2",
                "provisional": True,
                "source": "VNNIC",
                "comparison_with": "Thái Lan",
                "comparison_value": "80",
                "comparison_year": 2023,
            },
        },
        on=date(2026, 12, 2),
        accept_by=reviewer,
    )


def test_the_table_lists_every_indicator_in_the_documents_order_with_the_accepted_figures(
    client_for, reviewer, cvt_q4_accepted, neac_reporter, on_day
):
    send(neac_reporter, "2026Q4", {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}}, on=date(2026, 12, 7))
    on_day(date(2026, 12, 8))
    response = client_for(reviewer).get(reverse("reports:table", args=["2026Q4"]))
    assert response.status_code == 200
    rows = table_rows(response)
    codes = list(rows)
    assert codes[:4] == ["1.1", "1.2", "1.2.1", "1.2.2"]
    assert codes.index("2.9") < codes.index("2.10") < codes.index("2.11")
    assert "2.12" in codes and "1.7" in codes
    # Q4 is the fourth quarter column; 2.5's figure is provisional, with its international comparison.
    assert "81,2% tạm ước tính Thái Lan (2023): 80%" in rows["2.5"]
    assert "86%" in rows["2.1"] and "chưa được chấp nhận" not in rows["2.1"]
    # NEAC's submission is sent but not yet accepted: shown, marked.
    assert "12,5% chưa được chấp nhận" in rows["2.3"]
    text = text_of(response)
    assert "Cục ATTT" in text.split("Còn thiếu trước hạn tổng hợp", 1)[1].split("Lọc", 1)[0]
    # each unit still outstanding links to its submission, where the reviewer accepts it
    outstanding = response.content.decode().split('class="notice notice-warn outstanding"', 1)[1].split("</section>")[0]
    assert (
        f'<a href="{reverse("reporting:submission", args=["cuc-attt", "2026Q4"])}"><strong>Cục ATTT</strong></a>'
        in outstanding
    )


def test_the_read_model_carries_targets_goal_and_flag_of_the_rules(reviewer, cvt_q4_accepted, on_day):
    on_day(date(2026, 12, 8))
    data = report_data(Q4, date(2026, 12, 8))
    rows = {r["code"]: r for r in data["rows"]}
    assert rows["2.5"]["quarters"]["4"] | {"comparison": ""} == {
        "value": "81.2",
        "display": "81,2%",
        "provisional": True,
        "accepted": True,
        "status": "accepted",
        "comparison": "",
        "comparison_value": "80",
        "source": "VNNIC",
    }
    assert rows["2.5"]["quarters"]["3"]["value"] is None
    assert rows["1.1"]["goal"] == "≥ 30%" and rows["1.1"]["goal_year"] == 2030
    # 2.1: 86% in Q4 2026, against ≥ 95% in 2030, up from 85% in 2022: remedies needed.
    assert rows["2.1"]["flag"] == "off_track" and rows["2.1"]["flag_label"] == "Chậm tiến độ: cần giải pháp"
    assert rows["2.1"]["explanation"].startswith("Cần tăng")
    assert data["outstanding"][0]["unit"] in {"Cục ATTT", "Cục CĐSQG", "Trung tâm NEAC", "Vụ KTS và XHS"}
    assert "cuc-vt" not in [o["unit_slug"] for o in data["outstanding"]]
    # The unit's written sections III–VI, each under its own name; the year's target of 2.1 in force.
    assert data["sections"] == [
        {
            "unit": "Cục Viễn thông",
            "accepted": True,
            "trend_assessment": SECTIONS.trend_assessment,
            "international_comparison": SECTIONS.international_comparison,
            "difficulties": SECTIONS.difficulties,
            "proposals": SECTIONS.proposals,
        }
    ]
    assert rows["2.5"]["quarters"]["4"]["comparison"] == "Thái Lan (2023): 80%"


def test_a_quarter_without_figures_lists_every_indicator_and_says_none_is_accepted(client_for, leader):
    response = client_for(leader).get(reverse("reports:table", args=["2026Q4"]))
    assert response.status_code == 200
    assert len(table_rows(response)) >= 20
    assert "Chưa có số liệu nào của năm được chấp nhận" in text_of(response)


def test_the_filters_keep_a_group_a_unit_a_flag_or_the_accepted_figures_only(
    client_for, reviewer, cvt_q4_accepted, neac_reporter, on_day
):
    send(neac_reporter, "2026Q4", {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}}, on=date(2026, 12, 7))
    on_day(date(2026, 12, 8))
    client = client_for(reviewer)
    url = reverse("reports:table", args=["2026Q4"])
    assert set(table_rows(client.get(url, {"unit": "cuc-vt"}))) == {"2.1", "2.5"}
    assert all(code.startswith("1.") for code in table_rows(client.get(url, {"group": "1"})))
    off_track = set(table_rows(client.get(url, {"flag": "off_track"})))
    assert "2.1" in off_track and "2.5" not in off_track
    accepted_only = table_rows(client.get(url, {"accepted_only": "on"}))
    assert "12,5%" not in accepted_only["2.3"] and "81,2%" in accepted_only["2.5"]
    lagging = table_rows(client.get(url, {"late_or_missing": "on"}))
    assert "2.3" in lagging and "2.5" not in lagging  # NEAC sent late (07/12); Cục VT on time
    # A bad value is ignored, never an error.
    assert client.get(url, {"group": "9", "flag": "nonsense"}).status_code == 200


def test_the_table_sorts_by_assessment_most_urgent_first(client_for, reviewer):
    response = client_for(reviewer).get(reverse("reports:table", args=["2026Q4"]), {"sort": "flag"})
    codes = list(table_rows(response))
    data = {r["code"]: r["flag_rank"] for r in report_data(Q4, date(2026, 11, 30))["rows"]}
    assert [data[c] for c in codes] == sorted(data[c] for c in codes)


def test_completeness_shows_each_unit_and_quarter_with_its_deadline(client_for, reviewer, cvt_q4_accepted, on_day):
    on_day(date(2026, 12, 8))
    data = report_data(Q4, date(2026, 12, 8))
    cvt = next(u for u in data["completeness"] if u["unit_slug"] == "cuc-vt")
    assert cvt["quarters"]["4"]["deadline_status"] == "on_time" and cvt["quarters"]["4"]["status"] == "accepted"
    assert cvt["quarters"]["4"]["unit_deadline"] == "2026-12-05"
    assert cvt["quarters"]["1"]["deadline_status"] == "not_tracked"
    attt = next(u for u in data["completeness"] if u["unit_slug"] == "cuc-attt")
    assert attt["quarters"]["4"]["deadline_status"] == "missing"
    text = text_of(client_for(reviewer).get(reverse("reports:table", args=["2026Q4"])))
    assert "Mức độ đầy đủ và đúng hạn, 2026" in text


@pytest.mark.parametrize("period", ["2022Q4", "2031Q1", "2026Q5", "2027Q2"])
def test_a_period_outside_the_calendar_or_not_begun_is_404(client_for, reviewer, period):
    assert client_for(reviewer).get(f"/reports/{period}/").status_code == 404


def test_the_menu_opens_the_quarter_to_consolidate(client_for, reviewer, on_day):
    on_day(date(2026, 12, 8))
    response = client_for(reviewer).get(reverse("reports:index"))
    assert response.status_code == 302 and response["Location"].endswith("/reports/2026Q4/")
    on_day(date(2026, 12, 11))
    assert client_for(reviewer).get(reverse("reports:index"))["Location"].endswith("/reports/2027Q1/")


def test_the_table_sorts_by_unit_or_assessment_and_the_headings_keep_the_filters(client_for, reviewer):
    client = client_for(reviewer)
    url = reverse("reports:table", args=["2026Q4"])
    by_code = list(table_rows(client.get(url)))
    by_unit = client.get(url, {"sort": "unit"})
    units = [row.split(" | ")[2].replace("—", "") for row in table_rows(by_unit).values()]  # no unit: first
    assert units == sorted(units) and set(table_rows(by_unit)) == set(by_code)
    html = by_unit.content.decode()
    # The sorted heading is marked ascending and turns the order round.
    heading = re.search(r'<th class="([^"]*)">\s*<a href="\?sort=-unit">', html)
    assert heading and set(heading.group(1).split()) == {"orderable", "asc"}
    by_flag = client.get(url, {"sort": "-flag", "group": "2"}).content.decode()
    assert "?sort=code&amp;group=2" in by_flag or "?group=2&amp;sort=code" in by_flag
    flags = re.findall(r'flag-chip flag-([a-z_]+)"', by_flag.split("report-table", 1)[1])
    from indicators.progress import FLAG_URGENCY

    ranks = [FLAG_URGENCY.index(flag) for flag in flags]
    assert ranks == sorted(ranks, reverse=True)
    assert list(table_rows(client.get(url, {"sort": "<script>"}))) == by_code  # unknown: the documents' order


def test_a_rows_cells_are_kept_under_what_it_holds_so_an_unchanged_row_is_rendered_once(on_day):
    """reports/report_table.html keeps each row's cells under `row_key`: the same for the same row made again (no
    object's address or other chance in it, or nothing would ever be found), different for any change of it."""
    first, again = report_data(Q4, date(2026, 12, 7))["rows"], report_data(Q4, date(2026, 12, 7))["rows"]
    assert [row_key(r) for r in first] == [row_key(r) for r in again]
    assert len({row_key(r) for r in first}) == len(first)
    quarter = next(iter(first[0]["quarters"]))
    changed = {
        **first[0],
        "quarters": {**first[0]["quarters"], quarter: {**first[0]["quarters"][quarter], "display": "1,5"}},
    }
    assert row_key(changed) != row_key(first[0])
    caches["template_fragments"].clear()
    sets = []
    original = caches["template_fragments"].set
    caches["template_fragments"].set = lambda key, *a, **k: (sets.append(key), original(key, *a, **k))
    try:
        for _ in range(2):
            table = ReportTable(first, year=2026)
            Template("{% load django_tables2 %}{% render_table table %}").render(
                Context({"table": table, "request": RequestFactory().get("/")})
            )
    finally:
        del caches["template_fragments"].set
    assert len(sets) == len(first)  # each row rendered once, found the second time
