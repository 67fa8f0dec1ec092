"""A year's consolidated table (`/reports/2026/`): the four quarters of the year side by side from the same read
model as a quarter's, the year's completeness, what is outstanding in any of its quarters, links to each quarter,
its files, and 404 for a year outside the calendar or not begun."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import exports
from reports.selectors import year_data
from tests.reports.conftest import send
from tests.reports.test_table import plain, table_rows, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def q3_and_q4(cvt_reporter, neac_reporter, reviewer, on_day):
    """Cục Viễn thông sent Q3 2026 (2.1 at 85,5; 2.5 at 80) and Q4 2026 (2.1 at 86, 2.5 provisional at 81,2),
    both accepted; Trung tâm NEAC sent Q4 only (1.4 at 55, 2.3 at 12,5), not yet accepted. Seen on 08/12/2026."""
    send(
        cvt_reporter,
        "2026Q3",
        {"2.1": {"value": "85.5"}, "2.5": {"value": "80"}},
        on=date(2026, 10, 4),
        accept_by=reviewer,
    )
    send(
        cvt_reporter,
        "2026Q4",
        {"2.1": {"value": "86"}, "2.5": {"value": "81.2", "provisional": True}},
        on=date(2026, 12, 2),
        accept_by=reviewer,
    )
    send(neac_reporter, "2026Q4", {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}}, on=date(2026, 12, 4))
    on_day(date(2026, 12, 8))


def test_the_year_shows_its_quarters_side_by_side_and_links_to_each(client_for, leader, q3_and_q4):
    response = client_for(leader).get(reverse("reports:year", args=[2026]))
    assert response.status_code == 200
    rows = table_rows(response)
    assert list(rows)[:4] == ["1.1", "1.2", "1.2.1", "1.2.2"]
    cells = rows["2.1"].split(" | ")
    assert cells[3:7] == ["—", "—", "85,5%", "86%"]  # Quý I … Quý IV
    assert "81,2% tạm ước tính" in rows["2.5"] and "55% chưa được chấp nhận" in rows["1.4"]
    html = response.content.decode()
    for code in ("2026Q1", "2026Q2", "2026Q3", "2026Q4"):
        assert f'href="/reports/{code}/"' in html and f'href="/reports/{code}/report/"' in html
    assert 'href="/reports/2026/table.xlsx"' in html and 'href="/reports/2026/table.csv"' in html
    text = text_of(response)
    assert "Bảng tổng hợp: Năm 2026" in text and "Mức độ đầy đủ và đúng hạn, 2026" in text
    # What is outstanding in any quarter of the year, each line named by its quarter.
    section = html.split('class="notice notice-warn outstanding"', 1)[1].split("</section>", 1)[0]
    outstanding = plain(section)
    assert outstanding.startswith("> Còn thiếu trong các quý của năm 2026")
    assert "Quý 4/2026 · Trung tâm NEAC" in outstanding and "Quý 4/2026 · Cục ATTT" in outstanding
    assert "Cục Viễn thông" not in outstanding and "Quý 3/2026" not in outstanding  # Q3: before tracking began


def test_the_quarter_page_shows_its_quarter_and_links_to_its_year(client_for, reviewer, q3_and_q4):
    response = client_for(reviewer).get(reverse("reports:table", args=["2026Q3"]))
    assert table_rows(response)["2.1"].split(" | ")[3:7] == ["—", "—", "85,5%", "—"]
    assert 'href="/reports/2026/"' in response.content.decode()


def test_the_year_and_the_quarter_share_one_read_model(q3_and_q4):
    data = year_data(2026, date(2026, 12, 8))
    assert data["quarter"] is None and data["period_label"] == "Năm 2026"
    rows = {r["code"]: r for r in data["rows"]}
    assert rows["2.1"]["quarters"]["3"]["value"] == "85.5" and rows["2.1"]["quarters"]["4"]["value"] == "86"
    assert rows["2.1"]["flag"] == "off_track" and rows["1.1"]["goal"] == "≥ 30%"
    assert {o["period"] for o in data["outstanding"]} == {"2026Q4"}
    assert "cuc-attt" in data["late_or_missing"]
    assert "cuc-vt" not in data["late_or_missing"] and "trung-tam-neac" not in data["late_or_missing"]  # on time
    assert data["sections"] == []  # a year has no report of its own: each quarter's report has its sections


def test_the_filters_work_on_the_year_too(client_for, reviewer, q3_and_q4):
    response = client_for(reviewer).get(reverse("reports:year", args=[2026]), {"unit": "cuc-vt"})
    rows = table_rows(response)
    assert "2.1" in rows and "2.5" in rows and "1.1" not in rows and "1.4" not in rows
    assert 'href="/reports/2026/"' in response.content.decode()  # "clear" goes back to the year


def test_the_year_files_carry_the_four_quarters_and_the_year_in_their_name(client_for, reviewer, q3_and_q4):
    client = client_for(reviewer)
    response = client.get(reverse("reports:year_xlsx", args=[2026]))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tong-hop_2026.xlsx"'
    ws = load_workbook(io.BytesIO(response.content))["Bảng"]
    assert ws["A5"].value == "BẢNG TỔNG HỢP CHỈ TIÊU CHIẾN LƯỢC, NĂM 2026"  # under the heading block
    assert ws["A6"].value == "Số liệu tính đến 08/12/2026."
    rows = {r[0].value: r for r in ws.iter_rows(min_row=10) if r[0].value}
    assert rows["2.1"][8].value == 85.5 and rows["2.1"][10].value == 86  # Quý III, Quý IV
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Còn thiếu cho Năm 2026:" in texts
    assert any(t.startswith("Quý 4/2026, Trung tâm NEAC: ") for t in texts)

    response = client.get(reverse("reports:year_csv", args=[2026]))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tong-hop_2026.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(line for line in lines if line[0] == "2.1")
    assert row[12] == "85.5" and row[16] == "86"
    assert exports.file_stem({"year": 2026, "quarter": None}) == "bao-cao-tong-hop_2026"


@pytest.mark.parametrize("year", [2022, 2031, 2027])
def test_a_year_outside_the_calendar_or_not_begun_is_404(client_for, reviewer, year):
    client = client_for(reviewer)
    for name in ("reports:year", "reports:year_xlsx", "reports:year_csv"):
        assert client.get(reverse(name, args=[year])).status_code == 404


def test_the_next_year_opens_when_its_first_quarter_begins(client_for, reviewer, on_day):
    assert client_for(reviewer).get("/reports/2027/").status_code == 404  # 30/11/2026
    on_day(date(2026, 12, 1))  # Q1 2027 covers December 2026 to March 2027
    response = client_for(reviewer).get("/reports/2027/")
    assert response.status_code == 200
    assert 'href="/reports/2026/"' in response.content.decode()  # the previous year
