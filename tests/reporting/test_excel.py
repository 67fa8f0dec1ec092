"""The Excel round trip as Cục Viễn thông's reporter uses it: download the pre-filled Phụ lục 01 form, fill it in
Excel, upload it, read every change, confirm. Every bad file is refused by sheet and cell, in Vietnamese, and
leaves the database as it was."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Indicator, Unit
from reporting import excel, services
from reporting.calendar import ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reporting.services import FigureInput, SectionsInput, submission_save
from tests.reporting.conftest import HANOI, post_entry, submission_url, version_of
from tests.reporting.excel_files import as_upload, download, filled, snapshot, zip_bomb

pytestmark = pytest.mark.django_db

UPLOAD = reverse("reporting:excel_upload", args=["cuc-vt", "2026Q4"])
CONFIRM = reverse("reporting:excel_confirm", args=["cuc-vt", "2026Q4"])
DOWNLOAD = reverse("reporting:excel_download", args=["cuc-vt", "2026Q4"])


def upload(client, content: bytes):
    return client.post(UPLOAD, {"file": as_upload(content)})


def problems_of(response) -> list[str]:
    html = response.content.decode()
    block = re.search(r'<ul class="import-problems">(.*?)</ul>', html, re.S)
    return [re.sub(r"&[^;]+;", "", m) for m in re.findall(r"<li>(.*?)</li>", block.group(1))] if block else []


def changes_of(response) -> list[tuple[str, ...]]:
    """(indicator, what, cell, before, after) for each line of the preview."""
    html = response.content.decode()
    block = re.search(r'id="import-changes">.*?<tbody>(.*?)</tbody>', html, re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", block.group(1), re.S) if block else []
    return [tuple(re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)) for r in rows]


@pytest.fixture
def cvt_draft(cvt_reporter):
    """Cục Viễn thông's Q4/2026 draft as its reporter left it on the page: 2.1 = 85,5 (provisional, with a source)."""
    smartphones = Indicator.objects.get(code="2.1")
    return submission_save(
        unit=Unit.objects.get(slug="cuc-vt"), period=ReportingPeriod(2026, 4), user=cvt_reporter, version=0,
        figures=[FigureInput(indicator=smartphones, value=Decimal("85.5"), provisional=True, source="Cục Viễn thông")],
        sections=SectionsInput(difficulties="Thiếu số liệu tháng 11."), submit=False,
        now=datetime(2026, 11, 19, 9, tzinfo=HANOI),
    )  # fmt: skip


# ---------------------------------------------------------------- the downloaded form


def test_the_form_holds_only_the_units_indicators_prefilled_with_targets(client_for, cvt_reporter, cvt_draft):
    response = client_for(cvt_reporter).get(DOWNLOAD)
    assert response["Content-Type"] == excel.CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="phu-luc-01_cuc-vt_2026Q4.xlsx"'
    wb = load_workbook(BytesIO(response.content))
    figures, sections, meta = wb.worksheets
    assert [figures.title, sections.title] == ["Số liệu", "Phần III–VI"]
    assert figures["A3"].value.startswith("Đơn vị tổng hợp báo cáo: Cục Viễn thông · Kỳ báo cáo: Quý 4/2026")
    assert [figures[f"A{r}"].value for r in (7, 8, 9)] == ["2.1", "2.5", None]
    assert figures["D6"].value == "Số liệu Quý 4/2026"
    # what is entered, as numbers and words
    assert (figures["D7"].value, figures["E7"].value, figures["F7"].value) == (85.5, "Có", "Cục Viễn thông")
    assert (figures["D8"].value, figures["E8"].value) == (None, "Không")
    assert sections["B6"].value == "Thiếu số liệu tháng 11."
    # beside them: this year's target (none for 2026, the 2030 goal next), the goal to steer to (the first goal year
    # not before 2026, from the documents: 2030), the latest figure
    assert figures["L7"].value.startswith("Chưa có chỉ tiêu cho năm 2026. Chỉ tiêu kế tiếp (2030): ≥ 95%")
    assert figures["M6"].value == "Mục tiêu 2030"
    assert figures["M7"].value.startswith("≥ 95%")
    # 2.5 has no goal after 2025: the goal it was steered to, said to be past, not an empty cell
    assert figures["M8"].value == ("Mục tiêu 2025 (đã qua): ≥ 80% (466/QĐ-BTTTT). Chưa có mục tiêu nào sau năm 2025.")
    assert figures["N7"].value == "2022: 85% (số liệu tạm ước tính)"
    # the editable cells are unlocked, the rest protected; the structure locked; the identity very hidden
    assert figures.protection.sheet and sections.protection.sheet and wb.security.lockStructure
    assert all(not figures[f"{c}7"].protection.locked for c in "DEFGHIJK")
    assert all(figures[f"{c}7"].protection.locked for c in "ABCLMNO")
    assert not sections["B4"].protection.locked and sections["A4"].protection.locked
    assert meta.sheet_state == "veryHidden"
    assert dict(meta.iter_rows(values_only=True)) | {"downloaded_at": ""} == {
        "form": "phu-luc-01", "template_version": "1", "unit": "cuc-vt", "unit_name": "Cục Viễn thông",
        "period": "2026Q4", "period_label": "Quý 4/2026", "version": str(version_of("cuc-vt", "2026Q4")),
        "indicators": "2.1,2.5",
        "figures_sheet": "Số liệu", "sections_sheet": "Phần III–VI", "downloaded_at": "",
    }  # fmt: skip
    # a percentage is a decimal from 0 to 100; provisional is Có/Không; a comparison year a whole year
    rules = {(str(dv.sqref), dv.type, dv.formula1, dv.formula2) for dv in figures.data_validations.dataValidation}
    assert ("D7 D8 I7 I8", "decimal", "0", "100") in rules
    assert ("E7 E8", "list", '"Có,Không"', None) in rules
    assert ("J7 J8", "whole", "1990", "2026") in rules


def test_the_download_costs_a_fixed_number_of_queries(client_for, cvt_reporter, cvt_draft, django_assert_num_queries):
    client = client_for(cvt_reporter)
    # session; the person with their membership and its unit; the unit (among the reporting units); the submission
    # (people joined); the unit's indicators (group, unit, parent joined), their targets and their observations
    # (each with its document joined); the submission's values (figures of record joined)
    with django_assert_num_queries(8):
        assert client.get(DOWNLOAD).status_code == 200


def test_a_q2_form_says_sections_iii_and_vi_are_required(client_for, cvt_reporter):
    wb = load_workbook(BytesIO(download(client_for(cvt_reporter), period="2026Q2")))
    sections = wb.worksheets[1]
    assert sections["A3"].value == "Báo cáo quý II phải có phần III và phần VI trước khi gửi."
    assert sections["A4"].value == "III. Đánh giá xu hướng 6 tháng đầu năm"


# ---------------------------------------------------------------- the round trip


def test_round_trip_reproduces_the_values_exactly(client_for, cvt_reporter, cvt_draft):
    client = client_for(cvt_reporter)
    form = download(client)
    response = upload(client, form)  # the form as downloaded changes nothing
    assert response.status_code == 200
    assert "Tệp không thay đổi gì" in response.content.decode()

    figures = {
        "D7": 86.14,  # a number cell: the float 86.14 is Decimal("86.14")
        "E7": "Không",
        "F7": "Tổng cục Thống kê",
        "H7": "Thái Lan",
        "I7": "77,5",  # a number typed as text, the Vietnamese way
        "J7": 2023,
        "K7": "ITU",
        "D8": "81,2 %",
        "E8": "Có",
        "G8": "Chờ số liệu chính thức",
    }
    sections = {"B4": "Tăng đều qua các quý.", "B6": None}
    response = upload(client, filled(form, figures, sections))
    assert response.status_code == 200
    assert changes_of(response) == [
        ("2.1", "Giá trị", "D7", "85,5", "86,14"),
        ("2.1", "Số liệu tạm ước tính", "E7", "số liệu tạm ước tính", "chính thức"),
        ("2.1", "Nguồn", "F7", "Cục Viễn thông", "Tổng cục Thống kê"),
        ("2.1", "Quốc gia hoặc tổ chức", "H7", "—", "Thái Lan"),
        ("2.1", "So sánh quốc tế: Giá trị so sánh", "I7", "—", "77,5"),
        ("2.1", "So sánh quốc tế: Năm", "J7", "—", "2023"),
        ("2.1", "So sánh quốc tế: Nguồn số liệu so sánh", "K7", "—", "ITU"),
        ("2.5", "Giá trị", "D8", "—", "81,2"),
        ("2.5", "Số liệu tạm ước tính", "E8", "chính thức", "số liệu tạm ước tính"),
        ("2.5", "Ghi chú", "G8", "—", "Chờ số liệu chính thức"),
        ("—", "III. Đánh giá xu hướng", "B4", "—", "Tăng đều qua các quý."),
        ("—", "V. Khó khăn, vướng mắc", "B6", "Thiếu số liệu tháng 11.", "—"),
    ]
    previewed = version_of("cuc-vt", "2026Q4")
    assert previewed == cvt_draft.version  # nothing saved by the preview

    response = client.post(CONFIRM)
    assert response.status_code == 302 and response["Location"] == submission_url("cuc-vt", "2026Q4")
    submission = Submission.objects.get()
    assert submission.status == "draft" and submission.version > previewed
    assert (submission.trend_assessment, submission.difficulties) == ("Tăng đều qua các quý.", "")
    values = {v.indicator.code: v for v in SubmissionValue.objects.select_related("indicator")}
    first, second = values["2.1"], values["2.5"]
    assert (first.value, first.provisional, first.source) == (Decimal("86.14"), False, "Tổng cục Thống kê")
    assert (first.comparison_with, first.comparison_value, first.comparison_year) == ("Thái Lan", Decimal("77.5"), 2023)
    assert (second.value, second.provisional, second.note) == (Decimal("81.2"), True, "Chờ số liệu chính thức")
    # the history says who changed what: the reporter, through the entry page's save
    assert first.history.latest().history_user == cvt_reporter
    assert submission.history.latest().history_user == cvt_reporter

    # downloaded again, the form holds exactly what was saved, and uploading it changes nothing
    again = download(client)
    ws = load_workbook(BytesIO(again)).worksheets[0]
    assert (ws["D7"].value, ws["I7"].value, ws["D8"].value) == (86.14, 77.5, 81.2)
    assert "Tệp không thay đổi gì" in upload(client, again).content.decode()


@pytest.mark.parametrize(
    ("cell", "number_format", "expected"),
    [
        (
            14.26,
            "General",
            Decimal("14.26"),
        ),  # the float's shortest form, not 14.2599999999999997868371792719699442386627197265625
        (0.1 + 0.2, "General", Decimal("0.3")),  # float noise beyond Excel's 15 digits reads as Excel shows it
        (0.1426, "0.00%", Decimal("14.26")),  # typed 14,26% in Excel: kept as 0.1426 and shown as a percentage
        (85, "General", Decimal("85")),
        ("14,26", "General", Decimal("14.26")),  # a number stored as text, the Vietnamese way
        ("14,26%", "@", Decimal("14.26")),
        ("1.234,5", "@", None),  # read by the shared parser: 1234.5, above 100 → refused below
    ],
)
def test_numbers_are_read_exactly(client_for, cvt_reporter, cell, number_format, expected):
    client = client_for(cvt_reporter)

    def edit(wb):
        wb.worksheets[0]["D8"] = cell
        wb.worksheets[0]["D8"].number_format = number_format

    response = upload(client, filled(download(client), edit=edit))
    if expected is None:
        assert response.status_code == 400
        assert problems_of(response) == ["Trang “Số liệu”, ô D8 (“1.234,5”): Nhập giá trị trong khoảng từ 0 đến 100."]
        return
    assert response.status_code == 200
    client.post(CONFIRM)
    assert SubmissionValue.objects.get(indicator__code="2.5").value == expected


def test_sections_and_a_value_with_too_many_decimals_are_checked_as_on_the_page(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    response = upload(client, filled(download(client), {"D7": 85.12345, "I8": 70}, {"B7": "x" * 5001}))
    assert response.status_code == 400
    assert problems_of(response) == [
        "Trang “Số liệu”, ô D7 (“85.12345”): Chỉ dùng tối đa 4 chữ số thập phân.",
        "Trang “Số liệu”, ô H8: Ghi rõ quốc gia hoặc tổ chức được so sánh.",
        "Trang “Phần III–VI”, ô B7: Nội dung tối đa 5000 ký tự (hiện có 5001 ký tự).",
    ]
    assert Submission.objects.count() == 0


# ---------------------------------------------------------------- bad input: refused, nothing saved


def _another_units_form(client_for, reviewer, **_):
    return download(client_for(reviewer), unit="neac")


def _another_periods_form(client_for, cvt_reporter, **_):
    return download(client_for(cvt_reporter), period="2026Q3")


def _form(client_for, cvt_reporter, figures=None, sections=None, edit=None, **_):
    return filled(download(client_for(cvt_reporter)), figures, sections, edit)


def _old_template(wb):
    wb.worksheets[2]["B2"] = "0"


def _delete_first_row(wb):
    wb.worksheets[0].delete_rows(7)


def _swap_rows(wb):
    ws = wb.worksheets[0]
    for column in "ABCD":
        ws[f"{column}7"].value, ws[f"{column}8"].value = ws[f"{column}8"].value, ws[f"{column}7"].value


def _add_row(wb):
    wb.worksheets[0]["D9"] = 12


NOT_XLSX = (
    "Tệp này không phải tệp Excel (.xlsx). Hãy tải lên biểu mẫu đã tải về từ hệ thống; nếu đã lưu sang định dạng "
    "khác (.xls, .csv, .pdf) hoặc đặt mật khẩu, hãy lưu lại thành tệp Excel (.xlsx) không có mật khẩu."
)
BAD_FILES = {
    "a renamed CSV": (lambda **k: "Mã,Giá trị\n2.1,86\n".encode(), 400, NOT_XLSX),
    "a PDF": (lambda **k: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", 400, NOT_XLSX),
    "an empty file": (lambda **k: b"", 400, "Tệp rỗng."),
    "a zip bomb": (
        lambda **k: zip_bomb(),
        400,
        "Tệp giải nén ra dung lượng lớn hơn nhiều so với một biểu mẫu: hệ thống không mở tệp. Hãy tải lại biểu mẫu.",
    ),
    "a 50 MB file": (
        lambda **k: b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024),
        413,
        "Tệp lớn hơn 5 MB: đây không phải biểu mẫu của hệ thống. Hãy tải lại biểu mẫu.",
    ),
    "another unit's form": (
        _another_units_form,
        400,
        "Đây là biểu mẫu của Trung tâm NEAC, không phải của Cục Viễn thông: hãy tải lên biểu mẫu của Cục Viễn thông.",
    ),
    "another period's form": (
        _another_periods_form,
        400,
        "Đây là biểu mẫu Quý 3/2026, không phải Quý 4/2026: hãy tải biểu mẫu Quý 4/2026.",
    ),
    "an old template version": (
        lambda **k: _form(**k, edit=_old_template),
        400,
        "Biểu mẫu này được tạo theo phiên bản mẫu cũ: hãy tải lại biểu mẫu và chép số liệu sang.",
    ),
    "a deleted row": (
        lambda **k: _form(**k, edit=_delete_first_row),
        400,
        "Trang “Số liệu”, ô A7: Dòng này phải là chỉ tiêu 2.1 nhưng lại là 2.5: các dòng đã bị xóa, thêm hoặc đổi "
        "chỗ. Hãy tải lại biểu mẫu và giữ nguyên các dòng.",
    ),
    "reordered rows": (
        lambda **k: _form(**k, edit=_swap_rows),
        400,
        "Trang “Số liệu”, ô A7: Dòng này phải là chỉ tiêu 2.1 nhưng lại là 2.5: các dòng đã bị xóa, thêm hoặc đổi "
        "chỗ. Hãy tải lại biểu mẫu và giữ nguyên các dòng.",
    ),
    "an added row": (
        lambda **k: _form(**k, edit=_add_row),
        400,
        "Trang “Số liệu”, ô D9: Dòng này nằm dưới chỉ tiêu cuối cùng của biểu mẫu: không được thêm dòng. Hãy "
        "chuyển nội dung vào đúng dòng của chỉ tiêu.",
    ),
    "a formula": (
        lambda **k: _form(**k, figures={"D7": "=40+46"}),
        400,
        "Trang “Số liệu”, ô D7 (“=40+46”): Ô này chứa công thức: hãy nhập chính giá trị (sao chép ô, rồi Dán đặc "
        "biệt → Giá trị).",
    ),
    "an error cell": (
        lambda **k: _form(**k, figures={"D7": "#DIV/0!"}),
        400,
        "Trang “Số liệu”, ô D7 (“#DIV/0!”): Ô này chứa giá trị lỗi: hãy nhập một số hoặc để trống.",
    ),
    "a percentage of 150": (
        lambda **k: _form(**k, figures={"D7": 150}),
        400,
        "Trang “Số liệu”, ô D7 (“150”): Nhập giá trị trong khoảng từ 0 đến 100.",
    ),
    "a negative value": (
        lambda **k: _form(**k, figures={"D8": -3.5}),
        400,
        "Trang “Số liệu”, ô D8 (“-3.5”): Nhập giá trị trong khoảng từ 0 đến 100.",
    ),
    "text in a number cell": (
        lambda **k: _form(**k, figures={"D7": "1O,5"}),
        400,
        "Trang “Số liệu”, ô D7 (“1O,5”): Nhập một số, ví dụ 14,26 hoặc 85.",
    ),
    "a word in the provisional cell": (
        lambda **k: _form(**k, figures={"E8": "Chưa rõ"}),
        400,
        "Trang “Số liệu”, ô E8 (“Chưa rõ”): Ghi “Có” hoặc “Không”.",
    ),
    "a date in a number cell": (
        lambda **k: _form(**k, figures={"D7": datetime(2026, 11, 3)}),
        400,
        "Trang “Số liệu”, ô D7 (“2026-11-03 00:00:00”): Nhập một số, ví dụ 14,26 hoặc 85.",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_with_its_cell_and_nothing_is_saved(case, client_for, cvt_reporter, reviewer, cvt_draft):
    make, status, message = BAD_FILES[case]
    content = make(client_for=client_for, cvt_reporter=cvt_reporter, reviewer=reviewer)
    client = client_for(cvt_reporter)
    before = snapshot()
    response = upload(client, content)
    assert response.status_code == status
    assert problems_of(response) == [message]
    assert "Tệp có 1 lỗi: chưa có gì được lưu." in response.content.decode()
    assert snapshot() == before
    # and nothing waits in the session for a confirmation
    assert client.post(CONFIRM).status_code == 302
    assert snapshot() == before


def test_every_problem_of_a_file_is_listed_at_once(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    response = upload(client, filled(download(client), {"D7": "abc", "D8": 101, "J7": 1800, "H7": "Thái Lan"}))
    assert response.status_code == 400
    assert problems_of(response) == [
        "Trang “Số liệu”, ô D7 (“abc”): Nhập một số, ví dụ 14,26 hoặc 85.",
        "Trang “Số liệu”, ô I7: Nhập giá trị được so sánh.",
        "Trang “Số liệu”, ô J7 (“1800”): Nhập năm từ 1990 trở đi.",
        "Trang “Số liệu”, ô D8 (“101”): Nhập giá trị trong khoảng từ 0 đến 100.",
    ]


def test_an_accepted_submission_is_not_changed_by_an_upload(client_for, cvt_reporter, reviewer, cvt_draft):
    client = client_for(cvt_reporter)
    form = filled(download(client), {"D8": 80})
    post_entry(
        client,
        "cuc-vt",
        "2026Q4",
        version=version_of("cuc-vt", "2026Q4"),
        action="submit",
        figures={"2.1": {"value": "85,5"}, "2.5": {"value": "81"}},
    )
    client_for(reviewer).post(submission_url("cuc-vt", "2026Q4", "accept"), {"version": version_of("cuc-vt", "2026Q4")})
    client = client_for(cvt_reporter)
    assert Submission.objects.get().status == "accepted"
    before = snapshot()
    response = upload(client, form)
    assert response.status_code == 409
    assert problems_of(response) == ["Báo cáo đang ở trạng thái “Đã chấp nhận”: hiện không thể sửa."]
    assert snapshot() == before
    # the upload page says so, and offers no upload
    page = client.get(UPLOAD).content.decode()
    assert "hiện không thể sửa" in page and 'type="file"' not in page


def test_a_save_between_the_preview_and_the_confirmation_is_not_overwritten(client_for, cvt_reporter, cvt_draft):
    client = client_for(cvt_reporter)
    assert upload(client, filled(download(client), {"D8": 80})).status_code == 200
    post_entry(
        client, "cuc-vt", "2026Q4", version=cvt_draft.version, figures={"2.1": {"value": "85,9"}}
    )  # a colleague, on the page
    before = snapshot()
    response = client.post(CONFIRM)
    assert response.status_code == 409
    assert "Báo cáo đã thay đổi sau khi bạn kiểm tra tệp nên chưa có gì được lưu" in response.content.decode()
    assert snapshot() == before
    assert SubmissionValue.objects.get(indicator__code="2.1").value == Decimal("85.9")


def test_a_form_downloaded_before_someone_elses_save_is_flagged_in_the_preview(client_for, cvt_reporter, cvt_draft):
    client = client_for(cvt_reporter)
    form = filled(download(client), {"D8": 80})
    post_entry(client, "cuc-vt", "2026Q4", version=cvt_draft.version, figures={"2.1": {"value": "85,9"}})
    response = upload(client, form)
    assert response.status_code == 200
    assert "Báo cáo đã được lưu sau khi biểu mẫu này được tải về" in response.content.decode()
    assert ("2.1", "Giá trị", "D7", "85,9", "85,5") in changes_of(response)  # undoing it is shown, not hidden


def test_an_import_that_fails_half_way_saves_nothing(client_for, cvt_reporter, cvt_draft, monkeypatch):
    client = client_for(cvt_reporter)
    assert upload(client, filled(download(client), {"D7": 86, "D8": 80})).status_code == 200
    real_write, calls = services._write_figure, []

    def write_then_fail(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real_write(*args)

    monkeypatch.setattr(services, "_write_figure", write_then_fail)
    before = snapshot()
    with pytest.raises(RuntimeError):
        client.post(CONFIRM)
    assert len(calls) == 2 and snapshot() == before


def test_a_file_without_changes_saves_nothing_even_when_confirmed(client_for, cvt_reporter, cvt_draft):
    client = client_for(cvt_reporter)
    upload(client, download(client))
    before = snapshot()
    assert client.post(CONFIRM).status_code == 302
    assert snapshot() == before


def test_the_upload_page_and_the_missing_file(client_for, cvt_reporter, django_assert_num_queries):
    client = client_for(cvt_reporter)
    # session; the person with their membership and its unit (access, page header); the unit (among the reporting
    # units); the submission (people joined)
    with django_assert_num_queries(4):
        page = client.get(UPLOAD)
    assert page.status_code == 200 and 'type="file"' in page.content.decode()
    response = client.post(UPLOAD, {})
    assert response.status_code == 400
    assert "Hãy chọn tệp Excel của biểu mẫu" in response.content.decode()
    entry = client.get(submission_url("cuc-vt", "2026Q4")).content.decode()
    assert DOWNLOAD in entry and UPLOAD in entry


# ---------------------------------------------------------------- who may do what

PEOPLE = ("anonymous", "cvt", "neac", "reviewer", "leader", "admin")
# download: everyone who reads the submission; upload and confirm: the unit's own reporters only
ROUTES = {
    "download": ["login", 200, 403, 200, 200, 200],
    "upload page": ["login", 200, 403, 403, 403, 403],
    "upload": ["login", 200, 403, 403, 403, 403],
    "confirm": ["login", 302, 403, 403, 403, 403],
}
CELLS = [(route, person, expected[i]) for route, expected in ROUTES.items() for i, person in enumerate(PEOPLE)]


@pytest.mark.parametrize(("route", "person", "expected"), CELLS, ids=[f"{r}-{p}" for r, p, _e in CELLS])
def test_who_may_download_and_upload(route, person, expected, client, cvt_reporter):
    client.force_login(cvt_reporter)
    form = filled(download(client), {"D8": 80})
    client.logout()
    if person != "anonymous":
        client.force_login(get_user_model().objects.get(username=person))
    if route == "confirm" and person == "cvt":
        upload(client, form)  # the file checked, waiting for the confirmation
    before = snapshot()
    response = {
        "download": lambda: client.get(DOWNLOAD),
        "upload page": lambda: client.get(UPLOAD),
        "upload": lambda: upload(client, form),
        "confirm": lambda: client.post(CONFIRM),
    }[route]()
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    if route == "confirm" and expected == 302:
        assert SubmissionValue.objects.get(indicator__code="2.5").value == Decimal("80")
    else:
        assert snapshot() == before


def test_a_period_not_open_yet_has_no_form(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    assert client.get(reverse("reporting:excel_download", args=["cuc-vt", "2027Q1"])).status_code == 404
    assert client.get(reverse("reporting:excel_upload", args=["cuc-vt", "2027Q1"])).status_code == 404
