"""The files: the xlsx in Phụ lục 01's layout (merged quarter headings, numbers as numbers with a display format,
provisional cells styled, codes as text, a notes sheet), the CSV with a BOM, the Word report (headings, table,
sections III–VI), each named by year and quarter, and each still made when units are missing."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from frictionless import Resource, Schema, validate
from openpyxl import load_workbook

from indicators.models import Indicator
from indicators.progress import ACTION_FLAGS, Flag
from indicators.services import target_proposal_create, target_proposal_reject
from reporting.calendar import ReportingPeriod
from reports import exports
from reports.selectors import report_data
from strategy_tracker import clock
from tests.reports.conftest import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def q4(cvt_reporter, neac_reporter, reviewer, on_day):
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
    send(neac_reporter, "2026Q4", {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}}, on=date(2026, 12, 7))
    on_day(date(2026, 12, 8))


def test_the_excel_table_has_the_official_layout(client_for, leader, q4):
    response = client_for(leader).get(reverse("reports:xlsx", args=["2026Q4"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tong-hop_2026-quy-4.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Bảng"]
    # Under the report's heading block (tests/reports/test_administrative_format.py).
    assert ws["A5"].value == "BẢNG TỔNG HỢP CHỈ TIÊU CHIẾN LƯỢC, QUÝ 4/2026"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"E8:M8", "A8:A9", "B8:B9", "N8:N9"} <= merged
    assert ws["E8"].value == "Năm 2026"
    assert [ws.cell(row=9, column=c).value for c in range(5, 14)] == [
        "Quý I",
        "So sánh quốc tế (có thể gần tương đương)",
        "Quý II",
        "So sánh quốc tế (có thể gần tương đương)",
        "Quý III",
        "So sánh quốc tế (có thể gần tương đương)",
        "Quý IV",
        "So sánh quốc tế (có thể gần tương đương)",
        "Chỉ tiêu 2026",
    ]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=10) if r[0].value}
    assert list(rows)[:6] == ["1", "1.1", "1.2", "1.2.1", "1.2.2", "1.3"]
    assert rows["2.10"][0].data_type == "s" and rows["2.10"][0].number_format == "@"
    fibre = rows["2.5"]
    assert fibre[10].value == 81.2 and fibre[10].data_type == "n" and fibre[10].number_format == "#,##0.0"
    assert fibre[10].fill.fgColor.rgb.endswith("FFF4CC") and fibre[10].comment.text == "số liệu tạm ước tính"
    assert fibre[11].value == "Thái Lan (2023): 80%"
    assert rows["2.1"][10].value == 86 and rows["2.1"][10].comment is None
    assert rows["2.3"][10].value == 12.5 and rows["2.3"][10].comment.text == "chưa được chấp nhận"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Còn thiếu cho Quý 4/2026:" in texts
    assert any(t.startswith("Cục ATTT: Chưa gửi, đã quá hạn") for t in texts)
    notes = wb["Ghi chú"]
    note_texts = [c.value for row in notes.iter_rows() for c in row if c.value]
    assert "VNNIC" in note_texts
    assert any(str(t).startswith("3. Động, kịp thời") for t in note_texts)


def test_the_csv_is_for_machines_data_rows_only_with_vietnamese_letters(client_for, reviewer, q4):
    response = client_for(reviewer).get(reverse("reports:csv", args=["2026Q4"]))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tong-hop_2026-quy-4.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Đơn vị tổng hợp báo cáo", "Quý I"]
    fibre = next(r for r in rows if r[0] == "2.5")
    assert fibre[16:20] == ["81.2", "true", "true", "Thái Lan (2023): 80%"]  # a number with a dot, true/false
    # data rows only: what is still outstanding is in the xlsx and on the page
    assert [r[0] for r in rows[1:]] == [
        row["code"] for row in report_data(ReportingPeriod(2026, 4), clock.today())["rows"]
    ]
    assert all(r[0] != "Còn thiếu" for r in rows)


@pytest.mark.parametrize(
    "files", [("reports:csv", "reports:schema", "2026Q4"), ("reports:year_csv", "reports:year_schema", 2026)]
)
def test_frictionless_validates_the_csv_against_its_table_schema(client_for, reviewer, q4, tmp_path, files):
    csv_name, schema_name, period = files
    client = client_for(reviewer)
    (tmp_path / "table.csv").write_bytes(client.get(reverse(csv_name, args=[period])).content)
    schema = client.get(reverse(schema_name, args=[period])).json()
    report = validate(Resource(path="table.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(schema)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    table = Resource(path="table.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(schema))
    rows = {row["Mã"]: row for row in table.read_rows()}
    assert "2.10" in rows and "2.1" in rows  # the code as text: 2.10 is not 2.1
    if period == "2026Q4":
        fibre = rows["2.5"]
        assert (fibre["Quý IV"], fibre["Quý IV: số liệu tạm ước tính"]) == (Decimal("81.2"), True)


def test_the_word_report_has_the_table_and_the_sections(client_for, reviewer, q4):
    response = client_for(reviewer).get(reverse("reports:docx", args=["2026Q4"]))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tong-hop_2026-quy-4.docx"'
    doc = Document(io.BytesIO(response.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "I–II. Số liệu chỉ tiêu"  # under the administrative heading block
    for title in ("III. Đánh giá xu hướng", "IV. So sánh quốc tế", "V. Khó khăn, vướng mắc", "VI. Đề xuất"):
        assert title in headings
    assert headings.count("Cục Viễn thông") == 4  # each section headed by the unit that wrote it
    table = doc.tables[1]  # after the heading block's
    cells = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows}
    assert cells["2.5"][5] == "81,2% *\n(Thái Lan (2023): 80%)"
    assert cells["2.3"][5] == "12,5% †"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Đề nghị nâng chỉ tiêu năm 2027." in body
    assert "Các chỉ tiêu cần hành động (nguyên tắc 3: động, kịp thời)" in headings
    assert doc.sections[0].page_width > doc.sections[0].page_height  # A4 landscape


def test_files_of_a_quarter_without_figures_still_list_every_indicator(client_for, leader):
    client = client_for(leader)
    wb = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx", args=["2026Q4"])).content))
    texts = [c.value for row in wb.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    assert "2.11" in texts and "Chưa có số liệu nào của năm được gửi hoặc được chấp nhận." in texts
    doc = Document(io.BytesIO(client.get(reverse("reports:docx", args=["2026Q4"])).content))
    assert len(doc.tables[1].rows) > 20


def test_file_names_say_the_year_and_quarter():
    assert exports.file_stem({"year": 2027, "quarter": 2}) == "bao-cao-tong-hop_2027-quy-2"
    assert exports.file_stem({"year": 2027, "quarter": 2}, 3) == "bao-cao-tong-hop_2027-quy-2_lan-3"


def test_the_report_page_for_the_second_quarter_carries_the_half_year_assessment(client_for, reviewer, on_day):
    on_day(date(2027, 7, 8))
    response = client_for(reviewer).get(reverse("reports:report", args=["2027Q2"]))
    assert "III. Đánh giá xu hướng (gồm đánh giá xu hướng 6 tháng đầu năm)" in response.content.decode()


def test_the_report_lists_the_pending_target_proposals_of_the_indicators_that_call_for_action(
    client_for, reviewer, leader, q4
):
    """The reviewer proposed changing 2.1's 2030 goal (off track) and changing 1.1's (on track, not calling for action):
    the report lists the first beside the units' written proposals, and neither once decided."""
    data = report_data(ReportingPeriod(2026, 4), clock.today())
    flags = {r["code"]: r["flag"] for r in data["rows"]}
    assert Flag(flags["2.1"]) in ACTION_FLAGS and Flag(flags["1.1"]) not in ACTION_FLAGS, flags
    raise_21 = target_proposal_create(
        indicator=Indicator.objects.get(code="2.1"), year=2030, kind="goal", comparator=">=",
        value=Decimal("97"), reason="Năm 2026 đã đạt 86%, vượt xa mục tiêu 80%.", proposed_by=reviewer,
    )  # fmt: skip
    target_proposal_create(
        indicator=Indicator.objects.get(code="1.1"), year=2030, kind="goal", comparator=">=",
        value=Decimal("35"), reason="Đề xuất riêng cho 1.1.", proposed_by=reviewer,
    )  # fmt: skip
    client = client_for(leader)
    page = client.get(reverse("reports:report", args=["2026Q4"])).content.decode()
    action_21 = page.split("<strong>2.1 ", 1)[1].split('<div class="action', 1)[0]
    assert "Đề xuất điều chỉnh chỉ tiêu đang chờ lãnh đạo quyết định:" in action_21
    assert "2030: ≥ 97%" in action_21 and "Năm 2026 đã đạt 86%, vượt xa mục tiêu 80%." in action_21
    assert "Đề nghị nâng chỉ tiêu năm 2027." in action_21  # the unit's written proposals stay
    assert "Đề xuất riêng cho 1.1." not in page
    doc = Document(io.BytesIO(client.get(reverse("reports:docx", args=["2026Q4"])).content))
    lines = [p.text for p in doc.paragraphs if p.style.name == "List Bullet 2"]
    assert len(lines) == 1 and lines[0].startswith("2030: ≥ 97% thay cho") and "Chuyên viên rà soát" in lines[0]

    target_proposal_reject(proposal=raise_21, decided_by=leader, note="Giữ mục tiêu.")
    assert "Năm 2026 đã đạt 86%" not in client.get(reverse("reports:report", args=["2026Q4"])).content.decode()
