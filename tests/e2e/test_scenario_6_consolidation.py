"""Scenario 6 in a real browser: Vụ KTS và XHS consolidates the quarter. On 8 December the reviewer opens the
consolidated table, one unit still missing and named (its reporters were e-mailed the day after the deadline); its
late submission is accepted on the 9th; he reads the report, downloads the Excel table and the Word report, and
marks the quarter consolidated on the 10th. In January a unit corrects a figure: the version sent stays as sent and
the page shows what changed."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from docx import Document
from openpyxl import load_workbook

from indicators.models import Indicator
from reporting import services as reporting_services
from reporting.models import Submission
from reports.services import reminders_send
from tests.e2e.conftest import log_in
from tests.reports.conftest import at, send

pytestmark = pytest.mark.e2e


def every_indicator(username: str, value: str = "10") -> dict:
    unit = get_user_model().objects.get(username=username).membership.unit
    return {i.code: {"value": value, "source": "Số liệu thử"} for i in Indicator.objects.filter(reporting_unit=unit)}


def person(username: str):
    return get_user_model().objects.select_related("membership__unit").get(username=username)


def test_scenario_6_the_reviewer_consolidates_the_quarter(page, on_day, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reviewer = person("reviewer")
    get_user_model().objects.filter(username="attt").update(email="attt@mic.gov.vn")
    cvt_figures = every_indicator("cvt") | {
        "2.5": {
            "value": "81.2",
            "provisional": True,
            "source": "VNNIC",
            "comparison_with": "Thái Lan",
            "comparison_value": "77.5",
            "comparison_year": 2023,
        }
    }
    send(person("cvt"), "2026Q4", cvt_figures, on=date(2026, 12, 2), accept_by=reviewer)
    for username in ("neac", "cdsqg", "kts"):
        send(person(username), "2026Q4", every_indicator(username), on=date(2026, 12, 4), accept_by=reviewer)
    # 6 December: the tracker e-mails Cục ATTT's reporter, the day after the deadline.
    on_day(date(2026, 12, 6))
    reminders_send()
    assert [m.to for m in mail.outbox if "attt@mic.gov.vn" in m.to] == [["attt@mic.gov.vn"]]

    # 8 December: the reviewer opens the consolidated table.
    on_day(date(2026, 12, 8))
    log_in(page, "reviewer")
    page.click("text=Báo cáo tổng hợp")
    assert page.locator("h1").inner_text() == "Bảng tổng hợp: Quý 4/2026"
    codes = page.locator("table.report-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert codes[:4] == ["1.1", "1.2", "1.2.1", "1.2.2"] and codes.index("2.9") < codes.index("2.10")
    fibre = page.locator("table.report-table tr[data-code='2.5']").inner_text()
    assert "81,2%" in fibre and "tạm ước tính" in fibre and "Thái Lan (2023): 77,5%" in fibre
    outstanding = page.locator(".outstanding").inner_text()
    assert "Cục ATTT" in outstanding and "Chưa gửi, đã quá hạn" in outstanding
    # ...with who its reporters are and when they were last reminded; he reminds the unit himself
    assert "cán bộ báo cáo: Cán bộ Cục ATTT" in outstanding
    assert "đã nhắc lúc 12:00 06/12/2026 (tự động)" in outstanding
    mail.outbox.clear()
    page.click(".outstanding >> text=Nhắc đơn vị")
    assert "Đã gửi lời nhắc tới Cán bộ Cục ATTT." in page.locator(".messages").inner_text()
    assert (
        "đã nhắc lúc 12:00 08/12/2026 (Chuyên viên rà soát Vụ KTS và XHS)" in page.locator(".outstanding").inner_text()
    )
    assert [m.to for m in mail.outbox] == [["attt@mic.gov.vn"]]
    page.goto(f"{page.base_url}/submissions/cuc-attt/")
    assert "attt@mic.gov.vn" in page.locator(".contacts").inner_text()
    assert "đã nhắc lúc 12:00 08/12/2026" in page.locator("table.period-table").inner_text()

    # 9 December: Cục ATTT sends late; the reviewer accepts it from its submission page.
    on_day(date(2026, 12, 9))
    send(person("attt"), "2026Q4", every_indicator("attt"), on=date(2026, 12, 9))
    page.goto(f"{page.base_url}/submissions/cuc-attt/2026Q4/")
    page.click("form[action$='/accept/'] button")
    assert "Đã chấp nhận" in page.locator(".submission-facts").inner_text()

    # He reads the report and downloads the files.
    page.goto(f"{page.base_url}/reports/2026Q4/")
    assert page.locator(".outstanding").count() == 0
    page.click("text=Xem báo cáo")
    report = page.locator("article.report").inner_text()
    assert "III. Đánh giá xu hướng" in report and "VI. Đề xuất" in report and "Cục ATTT" in report
    assert "Các chỉ tiêu cần hành động" in report
    page.go_back()
    with page.expect_download() as excel:
        page.click("text=Tải bảng (Excel, để đọc và in)")
    assert excel.value.suggested_filename == "bao-cao-tong-hop_2026-quy-4.xlsx"
    sheet = load_workbook(io.BytesIO(open(excel.value.path(), "rb").read())).worksheets[0]
    assert sheet["I1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and sheet["E8"].value == "Năm 2026"
    with page.expect_download() as word:
        page.click("text=Tải báo cáo (Word)")
    assert word.value.suggested_filename == "bao-cao-tong-hop_2026-quy-4.docx"
    report = Document(word.value.path())
    assert [p.text for p in report.tables[0].rows[0].cells[1].paragraphs][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert report.paragraphs[0].text == "BÁO CÁO" and report.paragraphs[1].text.endswith("Quý 4/2026")

    # 10 December: consolidated and sent.
    on_day(date(2026, 12, 10))
    page.click("text=Đã tổng hợp, gửi Viện Chiến lược TTTT")
    assert "Đã tổng hợp Quý 4/2026, gửi Viện Chiến lược TTTT (lần 1)." in page.locator(".messages").inner_text()
    assert "Không có thay đổi" in page.locator("main").inner_text()

    # January: Cục Viễn thông's official figure replaces the provisional one.
    on_day(date(2027, 1, 15))
    submission = Submission.objects.get(unit__slug="cuc-vt", year=2026, quarter=4)
    reporting_services.submission_reopen(
        submission=submission,
        user=reviewer,
        version=submission.version,
        reason="Có số liệu chính thức",
        now=at(date(2027, 1, 15)),
    )
    send(
        person("cvt"),
        "2026Q4",
        cvt_figures | {"2.5": {"value": "80.9", "source": "Tổng cục Thống kê"}},
        on=date(2027, 1, 15),
        accept_by=reviewer,
    )
    page.goto(f"{page.base_url}/reports/2026Q4/")
    changes = page.locator("table.changes-table").inner_text()
    assert "81,2% (tạm ước tính)" in changes and "80,9%" in changes
    page.click("table.versions-table >> text=báo cáo")
    sent = page.locator("article.report").inner_text()
    assert "Lần gửi 1" in sent and "81,2%" in sent and "80,9%" not in sent
    page.wait_for_load_state("networkidle")
