"""The reviewer's side: the overview of who has sent what, returning with a reason, accepting, reopening; the
unit's page and the home page notice with what is due, late or missing; the record of changes on the page."""

import re
import runpy
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from indicators.models import Document, Indicator, IndicatorGroup, Unit
from reporting.calendar import DeadlineStatus, ReportingPeriod
from reporting.models import Submission
from reporting.selectors import due_notice_for, first_tracked_period
from tests.reporting.conftest import post_entry, submission_url, version_of
from tests.reporting.test_entry_page import errors_beside, text_of

pytestmark = pytest.mark.django_db

Q4 = ReportingPeriod(2026, 4)
SETTINGS_FILE = str(Path(django_settings.BASE_DIR, "strategy_tracker", "settings.py"))
CVT_FIGURES = {"2.1": {"value": "86"}, "2.5": {"value": "81,2", "provisional": True}}
NEAC_FIGURES = {"1.4": {"value": "55"}, "2.3": {"value": "12"}}


def overview_rows(response) -> dict[str, str]:
    """{unit: the text of its row} from the overview table."""
    html = response.content.decode()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("overview-table", 1)[1], re.S)[1:]
    result = {}
    for row in rows:
        cells = [text_of_html(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        result[cells[0]] = " | ".join(cells[1:])
    return result


def text_of_html(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def submit(client, unit, figures, on_day, day):
    on_day(day)
    response = post_entry(client, unit, "2026Q4", action="submit", figures=figures)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_reviewer_sees_who_sent_on_time_late_missing_or_still_due(
    client_for, cvt_reporter, neac_reporter, reviewer, on_day
):
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    submit(client_for(neac_reporter), "neac", NEAC_FIGURES, on_day, date(2026, 12, 7))
    on_day(date(2026, 12, 8))
    # the overview opens on the quarter under review: after the units' deadline, the late and the missing show
    response = client_for(reviewer).get(reverse("reporting:overview"))
    rows = overview_rows(response)
    assert rows["Cục Viễn thông"].startswith("Đã gửi | Đã gửi đúng hạn | 12:00 02/12/2026")
    assert rows["Trung tâm NEAC"].startswith("Đã gửi | Gửi muộn | 12:00 07/12/2026")
    assert rows["Cục ATTT"].startswith("Chưa bắt đầu | Chưa gửi, đã quá hạn")
    assert sorted(rows) == ["Cục ATTT", "Cục CĐSQG", "Cục Viễn thông", "Trung tâm NEAC", "Vụ KTS và XHS"]
    text = text_of(response)
    assert "2/5 đơn vị đã gửi báo cáo" in text


def test_before_the_deadline_a_unit_not_yet_sent_is_still_due(client_for, reviewer):
    rows = overview_rows(client_for(reviewer).get(reverse("reporting:overview")))
    assert rows["Cục Viễn thông"].startswith("Chưa bắt đầu | Đang trong hạn")
    assert len(rows) == 5


def test_the_overview_shows_the_quarter_under_review_by_default_and_refuses_a_bad_one_politely(client_for, leader):
    client = client_for(leader)
    assert "Báo cáo quý: Quý 4/2026" in text_of(client.get(reverse("reporting:overview")))
    for period in ("2026Q9", "٢٠٢٦Q4"):  # Arabic-Indic digits do not read as 2026
        response = client.get(reverse("reporting:overview"), {"period": period})
        assert response.status_code == 200
        assert "Không có kỳ báo cáo này; đang hiển thị quý đang xem xét." in text_of(response)


def test_returning_needs_a_reason_and_changes_nothing_without_it(client_for, cvt_reporter, reviewer, on_day):
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    client = client_for(reviewer)
    response = client.post(
        submission_url("cuc-vt", "2026Q4", "return"), {"version": version_of("cuc-vt", "2026Q4"), "reason": "  "}
    )
    assert response.status_code == 400
    assert errors_beside(response, "reason") == ["Nêu lý do để đơn vị biết cần làm gì."]
    assert Submission.objects.get().status == "submitted"
    response = client.post(
        submission_url("cuc-vt", "2026Q4", "reopen"), {"version": version_of("cuc-vt", "2026Q4"), "reason": "x"}
    )
    assert response.status_code == 409  # not accepted: nothing to reopen
    assert "Báo cáo đang ở trạng thái “Đã gửi”: hiện không thể sửa." in text_of(response)


def test_a_review_from_an_outdated_page_is_refused(client_for, cvt_reporter, reviewer, on_day):
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    response = client_for(reviewer).post(submission_url("cuc-vt", "2026Q4", "accept"), {"version": 0})
    assert response.status_code == 409
    assert Submission.objects.get().status == "submitted"


def test_the_unit_page_lists_its_quarters_with_where_each_stands(client_for, cvt_reporter, on_day):
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    on_day(date(2027, 4, 7))  # Q4 sent on time, Q1/2027 missed, Q2/2027 open
    html = client_for(cvt_reporter).get(reverse("reporting:unit", args=["cuc-vt"])).content.decode()
    rows = [text_of_html(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("period-table", 1)[1], re.S)[1:]]
    assert [r.split(" ")[0:2] for r in rows] == [["Quý", "2/2027"], ["Quý", "1/2027"], ["Quý", "4/2026"]]
    assert "Chưa bắt đầu Đang trong hạn" in rows[0]
    assert "12/2026–3/2027 05/04/2027 Chưa bắt đầu Chưa gửi, đã quá hạn" in rows[1]
    assert "10/2026–11/2026 05/12/2026 Đã gửi Đã gửi đúng hạn" in rows[2]


def test_the_home_page_tells_a_reporter_what_is_due(client_for, cvt_reporter, on_day):
    text = text_of(client_for(cvt_reporter).get(reverse("home")))
    assert "Báo cáo Quý 4/2026 (số liệu tháng 10/2026–11/2026) cần gửi trước ngày 05/12/2026." in text
    on_day(date(2026, 12, 6))
    text = text_of(client_for(cvt_reporter).get(reverse("home")))
    # the overdue quarter first, with the big button; the next one after it
    overdue = "Báo cáo Quý 4/2026 đến hạn ngày 05/12/2026 nhưng chưa được gửi. Mở báo cáo"
    following = "Tiếp theo: báo cáo Quý 1/2027, hạn gửi ngày 05/04/2027."
    assert overdue in text and text.index(overdue) < text.index(following)


def test_the_home_page_tells_the_reviewer_how_many_units_have_sent(client_for, cvt_reporter, reviewer, on_day):
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    text = text_of(client_for(reviewer).get(reverse("home")))
    assert "Quý 4/2026: 1/5 đơn vị đã gửi báo cáo; hạn gửi là ngày 05/12/2026." in text
    # between the units' deadline and the consolidation's, the quarter under review stays, its deadline passed
    on_day(date(2026, 12, 8))
    text = text_of(client_for(reviewer).get(reverse("home")))
    passed = (
        "Quý 4/2026: 1/5 đơn vị đã gửi báo cáo; hạn gửi ngày 05/12/2026 đã qua; hạn tổng hợp quý là ngày 10/12/2026."
    )
    assert passed in text
    on_day(date(2026, 12, 11))
    text = text_of(client_for(reviewer).get(reverse("home")))
    assert "Quý 1/2027: 0/5 đơn vị đã gửi báo cáo; hạn gửi là ngày 05/04/2027." in text


def test_the_notice_says_what_is_due_to_each_person(
    cvt_reporter, reviewer, leader, on_day, client_for, django_assert_num_queries
):
    today = date(2026, 12, 6)
    with django_assert_num_queries(1):  # the unit's submissions (the reporter's unit came with the person)
        notice = due_notice_for(cvt_reporter, today)
    assert (notice.period, notice.unit.slug, notice.submission, notice.deadline) == (
        ReportingPeriod(2027, 1), "cuc-vt", None, DeadlineStatus.DUE,
    )  # fmt: skip
    assert [row.period for row in notice.missing] == [ReportingPeriod(2026, 4)]
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    # the reporting units, the period's submissions and reminders, the submissions waiting for review, the quarters
    # consolidated (none: nothing more)
    with django_assert_num_queries(5):
        notice = due_notice_for(reviewer, date(2026, 12, 2))
    assert (notice.period, notice.unit, notice.submitted, notice.total) == (ReportingPeriod(2026, 4), None, 1, 5)
    assert [(w.unit.slug, w.period) for w in notice.waiting] == [("cuc-vt", ReportingPeriod(2026, 4))]
    with django_assert_num_queries(1):  # how many units have sent the period
        notice = due_notice_for(leader, date(2026, 12, 2))
    assert (notice.period, notice.unit, notice.submitted, notice.total) == (ReportingPeriod(2026, 4), None, 1, 5)
    nobody = type(cvt_reporter).objects.create_user("nobody")  # signed in, but no role in the tracker
    assert due_notice_for(nobody, today) is None and due_notice_for(AnonymousUser(), today) is None
    assert due_notice_for(reviewer, date(2030, 12, 10)).period == ReportingPeriod(
        2030, 4
    )  # the last one to consolidate
    assert due_notice_for(reviewer, date(2030, 12, 11)) is None  # after the strategy's horizon nothing is due
    assert due_notice_for(cvt_reporter, date(2030, 12, 6)) is None


def test_every_change_is_on_the_page_with_who_when_before_and_after(client_for, cvt_reporter, reviewer, on_day):
    client = client_for(cvt_reporter)
    post_entry(client, "cuc-vt", "2026Q4", figures={"2.5": {"value": "81,2", "provisional": True}})
    figures = {"2.1": {"value": "86"}, "2.5": {"value": "80,9", "source": "TCTK"}}
    post_entry(client, "cuc-vt", "2026Q4", version=version_of("cuc-vt", "2026Q4"), action="submit", figures=figures,
               sections={"difficulties": "Chậm số liệu"})  # fmt: skip
    response = client_for(reviewer).post(
        submission_url("cuc-vt", "2026Q4", "return"),
        {"version": version_of("cuc-vt", "2026Q4"), "reason": "Thiếu nguồn 2.1"},
    )
    assert response.status_code == 302
    html = client_for(reviewer).get(submission_url("cuc-vt", "2026Q4")).content.decode()
    audit = [
        [text_of_html(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html.split("audit-table", 1)[1], re.S)[1:]
    ]
    changes = [row[1:] for row in audit]
    name = "Chuyên viên rà soát Vụ KTS và XHS"
    reporter = "Cán bộ Cục Viễn thông"
    assert [reporter, "trạng thái", "Bản nháp", "Đã gửi"] in changes
    assert [name, "trạng thái", "Đã gửi", "Trả lại để chỉnh sửa"] in changes
    assert [name, "lý do", "—", "Thiếu nguồn 2.1"] in changes
    assert [reporter, "2.5 giá trị", "81,2", "80,9"] in changes
    assert [reporter, "2.5 loại số liệu", "số liệu tạm ước tính", "chính thức"] in changes
    assert [reporter, "2.5 nguồn số liệu", "—", "TCTK"] in changes
    assert [reporter, "V. Khó khăn, vướng mắc", "—", "Chậm số liệu"] in changes
    assert [reporter, "2.5 giá trị", "—", "81,2"] in changes
    assert all(re.match(r"\d\d:\d\d \d\d/\d\d/\d{4}$", row[0]) for row in audit)


def test_a_unit_can_open_an_earlier_quarter_to_fill_in_past_figures(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    html = client.get(reverse("reporting:unit", args=["cuc-vt"])).content.decode()
    options = re.findall(r'<option value="([0-9Q]+)">', html)
    assert options[:2] == ["2026Q3", "2026Q2"] and options[-1] == "2023Q1" and "2026Q4" not in options
    response = client.get(reverse("reporting:unit", args=["cuc-vt"]) + "?period=2025Q2")
    assert response.status_code == 302 and response["Location"] == submission_url("cuc-vt", "2025Q2")
    # a quarter that has not begun is not offered, and asking for it stays on the page
    assert client.get(reverse("reporting:unit", args=["cuc-vt"]) + "?period=2027Q1").status_code == 200


def test_the_first_tracked_quarter_is_read_from_the_environment(monkeypatch):
    def settings_read() -> str:
        return runpy.run_path(SETTINGS_FILE)["REPORTING_FIRST_PERIOD"]

    monkeypatch.setenv("REPORTING_FIRST_PERIOD", "2025Q3")
    assert settings_read() == "2025Q3"
    monkeypatch.delenv("REPORTING_FIRST_PERIOD")
    assert settings_read() == "2026Q4"


def test_an_earlier_first_tracked_quarter_counts_the_quarters_since_as_missing(client_for, cvt_reporter, settings):
    settings.REPORTING_FIRST_PERIOD = "2026Q2"
    assert first_tracked_period() == ReportingPeriod(2026, 2)
    text = text_of(client_for(cvt_reporter).get(reverse("home")))
    assert "Báo cáo Quý 2/2026 đến hạn ngày 05/07/2026 nhưng chưa được gửi." in text
    assert "Báo cáo Quý 3/2026 đến hạn ngày 05/10/2026 nhưng chưa được gửi." in text


@pytest.mark.parametrize("wrong", ["2026-Q4", "2022Q4", "2026Q5", "٢٠٢٦Q4", ""])
def test_a_first_tracked_quarter_that_is_not_a_quarter_of_the_calendar_is_a_clear_error(settings, wrong):
    settings.REPORTING_FIRST_PERIOD = wrong
    with pytest.raises(ImproperlyConfigured, match=r"REPORTING_FIRST_PERIOD must be a quarter .* like 2026Q4"):
        first_tracked_period()


def test_the_overview_costs_the_same_queries_whatever_the_units(client_for, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    # session; the person with their membership, its unit and their unread notifications (access, page header); the
    # regions (the units' filter); the reporting units (with their provinces and regions); the period's submissions
    # (with their reviewer); the period's reminders (with who sent them)
    with django_assert_num_queries(6):
        assert len(overview_rows(client.get(reverse("reporting:overview")))) == 5
    group, document = IndicatorGroup.objects.get(code="2"), Document.objects.get(slug="qd-466-2023")
    for n in range(30, 36):
        unit = Unit.objects.create(slug=f"don-vi-{n}", name=f"Đơn vị thử {n}", short_name=f"ĐV {n}", kind="agency")
        Indicator.objects.create(code=f"2.{n}", group=group, name="Thử", measure_unit="%", reporting_unit=unit,
                                 introduced_by=document)  # fmt: skip
        Submission.objects.create(unit=unit, year=2026, quarter=4, status="draft")
    with django_assert_num_queries(6):
        assert len(overview_rows(client.get(reverse("reporting:overview")))) == 11


def test_the_administrator_can_look_submissions_up_in_the_admin(client_for, cvt_reporter, admin_user, on_day):
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    client = client_for(admin_user)
    assert client.get("/admin/reporting/submission/").status_code == 200
    submission = Submission.objects.get()
    assert client.get(f"/admin/reporting/submission/{submission.pk}/change/").status_code == 200
    assert client.get(f"/admin/reporting/submission/{submission.pk}/history/").status_code == 200
    assert client.get("/admin/reporting/submission/add/").status_code == 403


def test_after_the_official_figure_is_accepted_the_page_refuses_an_estimate_beside_the_box(
    client_for, cvt_reporter, reviewer, on_day
):
    official = {"2.1": {"value": "86"}, "2.5": {"value": "80,9"}}
    submit(client_for(cvt_reporter), "cuc-vt", official, on_day, date(2026, 12, 2))
    client_for(reviewer).post(submission_url("cuc-vt", "2026Q4", "accept"), {"version": version_of("cuc-vt", "2026Q4")})
    client_for(reviewer).post(
        submission_url("cuc-vt", "2026Q4", "reopen"), {"version": version_of("cuc-vt", "2026Q4"), "reason": "Sai số"}
    )
    reopened = version_of("cuc-vt", "2026Q4")
    estimate = {"2.1": {"value": "86"}, "2.5": {"value": "81", "provisional": True}}
    response = post_entry(
        client_for(cvt_reporter), "cuc-vt", "2026Q4", version=version_of("cuc-vt", "2026Q4"), figures=estimate
    )
    assert response.status_code == 400
    assert errors_beside(response, "v-2.5-provisional") == [
        "Số liệu chính thức đã được chấp nhận: không thể thay bằng số liệu tạm ước tính."
    ]
    assert Submission.objects.get().version == reopened


def test_the_overview_shows_each_state_and_escapes_the_names(
    client_for, cvt_reporter, neac_reporter, kts_reporter, reviewer, on_day
):
    """Sent on time and accepted by a named reviewer, sent late and returned, a draft, nothing at all, a unit whose
    name needs escaping, and one with no name (a dash)."""
    submit(client_for(cvt_reporter), "cuc-vt", CVT_FIGURES, on_day, date(2026, 12, 2))
    submit(client_for(neac_reporter), "neac", NEAC_FIGURES, on_day, date(2026, 12, 7))
    on_day(date(2026, 12, 8))
    reviewing = client_for(reviewer)
    for slug, action, data in (("cuc-vt", "accept", {}), ("neac", "return", {"reason": "Thiếu"})):
        version = Submission.objects.get(unit__slug=slug).version
        response = reviewing.post(submission_url(slug, "2026Q4", action), {"version": version, **data})
        assert response.status_code == 302
    post_entry(client_for(kts_reporter), "vu-kts", "2026Q4", figures={"1.1": {"value": "18"}})
    reviewer.first_name, reviewer.last_name = "Hà", "<Lê & Trần>"
    reviewer.save()
    Unit.objects.filter(slug="cuc-attt").update(short_name='Cục "ATTT" <b>')
    Unit.objects.filter(slug="cuc-cdsqg").update(name="")  # only the database allows it
    response = client_for(reviewer).get(reverse("reporting:overview"), {"period": "2026Q4"})
    html, rows = response.content.decode(), overview_rows(response)
    assert all(f"status-{state}" in html for state in ("accepted", "returned", "draft", "none"))
    assert rows["Cục Viễn thông"].startswith("Đã chấp nhận | Đã gửi đúng hạn | 12:00 02/12/2026")
    assert rows["Cục Viễn thông"].endswith("Hà &lt;Lê &amp; Trần&gt;, 12:00 08/12/2026 | —")  # not reminded
    assert rows["Trung tâm NEAC"].startswith("Trả lại để chỉnh sửa | Gửi muộn")
    assert rows["Vụ KTS và XHS"].startswith("Bản nháp | Chưa gửi, đã quá hạn")
    assert rows["Cục &quot;ATTT&quot; &lt;b&gt;"].startswith("Chưa bắt đầu | Chưa gửi, đã quá hạn")
    assert "—" in rows  # the unit without a name
