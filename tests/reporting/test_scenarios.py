"""Scenarios 2, 3 and 5 of SCENARIOS.md, walked through the pages as the people do them."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from indicators.models import Observation
from reporting.models import Submission, SubmissionValue
from tests.reporting.conftest import entry_data, latest_figure_seen, post_entry, submission_url, version_of
from tests.reporting.test_entry_page import errors_beside, text_of

pytestmark = pytest.mark.django_db

URL = submission_url("cuc-vt", "2026Q4")


def logged_in(username: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": "demo"}).status_code == 302
    return client


THAILAND = {"comparison_with": "Thái Lan", "comparison_value": "77,5", "comparison_year": "2023",
            "comparison_source": "ITU"}  # fmt: skip
SECTIONS = {"trend_assessment": "Tăng đều theo quý.", "difficulties": "Số liệu chính thức công bố chậm."}


def scenario_2(on_day) -> Client:
    """Cục Viễn thông reports the fourth quarter: draft on 20/11, back on 21/11, submitted on 02/12."""
    on_day(date(2026, 11, 20))
    cvt = logged_in("cvt")
    home = text_of(cvt.get(reverse("home")))
    assert "Báo cáo Quý 4/2026 (số liệu tháng 10/2026–11/2026) cần gửi trước ngày 05/12/2026." in home
    page = cvt.get(URL)
    assert "2.1" in text_of(page) and "Số liệu các kỳ trước 2022 75% tạm tính" in text_of(page)
    figures = {"2.5": {"value": "81,2", "provisional": True, "source": "Tổng cục Thống kê (ước tính)", **THAILAND}}
    response = post_entry(cvt, "cuc-vt", "2026Q4", figures=figures, sections=SECTIONS)
    assert response.status_code == 302
    assert "Đã lưu nháp." in text_of(cvt.get(URL))

    on_day(date(2026, 11, 21))
    page = cvt.get(URL).content.decode()
    assert 'value="81,2"' in page and 'value="Thái Lan"' in page and "Tăng đều theo quý." in page

    on_day(date(2026, 12, 2))
    figures = {"2.1": {"value": "86"}, **figures}
    response = post_entry(
        cvt,
        "cuc-vt",
        "2026Q4",
        version=version_of("cuc-vt", "2026Q4"),
        action="submit",
        figures=figures,
        sections=SECTIONS,
    )
    assert response.status_code == 302
    assert "Đã gửi đúng hạn" in text_of(cvt.get(URL))
    return cvt


def test_scenario_2_cuc_vien_thong_reports_the_fourth_quarter_on_time(on_day):
    scenario_2(on_day)
    submission = Submission.objects.get()
    assert (submission.status, submission.first_submitted_at.date()) == ("submitted", date(2026, 12, 2))
    row = SubmissionValue.objects.get(indicator__code="2.5")
    assert (row.value, row.provisional, row.comparison_with, row.comparison_year) == (
        Decimal("81.2"), True, "Thái Lan", 2023,
    )  # fmt: skip


def test_scenario_3_the_reviewer_returns_accepts_and_reopens_and_both_values_stay(on_day):
    cvt = scenario_2(on_day)

    on_day(date(2026, 12, 3))
    reviewer = logged_in("reviewer")
    overview = text_of(reviewer.get(reverse("reporting:overview")))
    assert "1/5 đơn vị đã gửi báo cáo" in overview
    page = text_of(reviewer.get(URL))
    assert "Chấp nhận" in page and "Trả lại để chỉnh sửa" in page
    reason = "Chỉ tiêu 2.1 chưa ghi nguồn số liệu."
    returned = reviewer.post(
        submission_url("cuc-vt", "2026Q4", "return"), {"version": version_of("cuc-vt", "2026Q4"), "reason": reason}
    )
    assert returned.status_code == 302

    page = text_of(cvt.get(URL))
    assert "Trả lại để chỉnh sửa" in page and reason in page
    figures = {
        "2.1": {"value": "86", "source": "Tổng cục Thống kê"},
        "2.5": {"value": "81,2", "provisional": True, "source": "Tổng cục Thống kê (ước tính)", **THAILAND},
    }
    response = post_entry(
        cvt,
        "cuc-vt",
        "2026Q4",
        version=version_of("cuc-vt", "2026Q4"),
        action="submit",
        figures=figures,
        sections=SECTIONS,
    )
    assert response.status_code == 302

    on_day(date(2026, 12, 4))
    assert (
        reviewer.post(
            submission_url("cuc-vt", "2026Q4", "accept"), {"version": version_of("cuc-vt", "2026Q4")}
        ).status_code
        == 302
    )
    assert Submission.objects.get().status == "accepted"
    locked = post_entry(
        cvt, "cuc-vt", "2026Q4", version=version_of("cuc-vt", "2026Q4"), figures={"2.5": {"value": "99"}}
    )
    assert locked.status_code == 409 and 'name="v-2.5-value"' not in cvt.get(URL).content.decode()
    estimate = Observation.objects.get(indicator__code="2.5", year=2026, quarter=4)
    assert (estimate.value, estimate.provisional) == (Decimal("81.2"), True)
    indicator_page = text_of(reviewer.get(reverse("indicator_detail", args=["2.5"])))
    assert "Số liệu mới nhất 81,2% (Quý 4/2026) · số liệu tạm ước tính" in indicator_page

    on_day(date(2027, 1, 15))  # the official figure arrives
    reopen = {"version": version_of("cuc-vt", "2026Q4"), "reason": "Tổng cục Thống kê đã công bố số liệu chính thức."}
    assert reviewer.post(submission_url("cuc-vt", "2026Q4", "reopen"), reopen).status_code == 302
    figures["2.5"] = {**figures["2.5"], "value": "80,9", "provisional": False, "source": "Tổng cục Thống kê"}
    response = post_entry(
        cvt,
        "cuc-vt",
        "2026Q4",
        version=version_of("cuc-vt", "2026Q4"),
        action="submit",
        figures=figures,
        sections=SECTIONS,
    )
    assert response.status_code == 302
    assert (
        reviewer.post(
            submission_url("cuc-vt", "2026Q4", "accept"), {"version": version_of("cuc-vt", "2026Q4")}
        ).status_code
        == 302
    )

    figures_of_record = Observation.objects.filter(indicator__code="2.5", year=2026, quarter=4).order_by("id")
    assert [(o.value, o.provisional) for o in figures_of_record] == [(Decimal("81.2"), True), (Decimal("80.9"), False)]
    # what people see: the indicator page and the API measure progress from the official figure, not the estimate
    indicator_page = text_of(reviewer.get(reverse("indicator_detail", args=["2.5"])))
    assert "Số liệu mới nhất 80,9% (Quý 4/2026)" in indicator_page
    assert "80,9% (Quý 4/2026) · số liệu tạm ước tính" not in indicator_page
    assert latest_figure_seen(reviewer, "2.5") == {"period": "2026Q4", "value": "80.9", "provisional": False}
    page = text_of(reviewer.get(URL))
    assert "Cán bộ Cục Viễn thông 2.5 giá trị 81,2 80,9" in page
    assert "Cán bộ Cục Viễn thông 2.5 loại số liệu số liệu tạm ước tính chính thức" in page
    assert "Số liệu được ghi nhận từ báo cáo này 81,2% tạm tính 80,9% chính thức" in page
    assert "Đã gửi đúng hạn" in page  # first sent on 02/12: still on time


def test_scenario_5_someone_tries_what_they_should_not(on_day):
    scenario_2(on_day)
    before = list(SubmissionValue.objects.values_list("indicator__code", "value", "provisional"))
    neac = logged_in("neac")
    assert neac.get(URL).status_code == 403
    forged = entry_data("cuc-vt", version=version_of("cuc-vt", "2026Q4"), figures={"2.5": {"value": "10"}})
    assert neac.post(URL, forged).status_code == 403
    own = entry_data("neac", figures={"1.4": {"value": "55"}})
    own["v-2.5-value"] = "10"
    assert neac.post(submission_url("neac", "2026Q4"), own).status_code == 400
    assert not Submission.objects.filter(unit__slug="neac").exists()

    for typed, message in (
        ("abc", "Nhập một số, ví dụ 14,26 hoặc 85."),
        ("150", "Nhập giá trị trong khoảng từ 0 đến 100."),
        ("-3", "Nhập giá trị trong khoảng từ 0 đến 100."),
    ):
        response = post_entry(neac, "neac", "2026Q4", figures={"1.4": {"value": typed}})
        assert errors_beside(response, "v-1.4-value") == [message]
    assert not Submission.objects.filter(unit__slug="neac").exists()

    # two reporters of NEAC save the same draft at the same moment
    first = post_entry(neac, "neac", "2026Q4", version=0, figures={"1.4": {"value": "55"}})
    second = post_entry(logged_in("neac"), "neac", "2026Q4", version=0, figures={"1.4": {"value": "60"}})
    assert (first.status_code, second.status_code) == (302, 409)
    assert "Hãy tải lại trang để xem" in text_of(second)
    assert SubmissionValue.objects.get(submission__unit__slug="neac").value == Decimal("55")
    assert list(SubmissionValue.objects.filter(submission__unit__slug="cuc-vt").values_list(
        "indicator__code", "value", "provisional")) == before  # fmt: skip
