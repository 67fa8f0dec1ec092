"""A province's unit (its Sở Khoa học và Công nghệ) reports its indicators for its province through the same
quarterly workflow: its accepted figures are the province's, never the nation's. Named people: the reporter of Sở
KHCN Hà Nội (skhcn_hanoi), a reporter of Cục Viễn thông, the reviewer of Vụ KTS và XHS."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from indicators.models import Indicator, Observation
from places.services import demo_provincial_reporter_create
from reporting.models import Submission
from tests.reporting.conftest import entry_data, submission_url, version_of

pytestmark = pytest.mark.django_db
PERIOD = "2026Q4"
TEXTS = {"trend_assessment": "Tăng đều.", "difficulties": "Chưa có số liệu quý."}


@pytest.fixture
def hanoi_reporter(db):
    demo_provincial_reporter_create()
    return get_user_model().objects.get(username="skhcn_hanoi")


def _submit(client, value: str = "21,5"):
    data = entry_data(
        "skhcn-ha-noi",
        version=version_of("skhcn-ha-noi", PERIOD),
        action="submit",
        figures={"1.1": {"value": value, "provisional": True, "source": "Cục Thống kê Hà Nội"}},
        sections=TEXTS,
    )
    return client.post(submission_url("skhcn-ha-noi", PERIOD), data)


def test_the_city_reports_only_what_it_reports_for_itself(client_for, hanoi_reporter):
    html = client_for(hanoi_reporter).get(submission_url("skhcn-ha-noi", PERIOD)).content.decode()
    assert 'name="v-1.1-value"' in html and 'name="v-1.2-value"' not in html and 'name="v-2.1-value"' not in html


def test_submitted_and_accepted_the_figure_is_hanois_and_the_nations_stays_its_own(
    client_for, hanoi_reporter, reviewer, on_day
):
    national = list(Observation.objects.filter(indicator__code="1.1").values_list("pk", "value"))
    assert _submit(client_for(hanoi_reporter)).status_code == 302
    assert Submission.objects.get(unit__slug="skhcn-ha-noi").status == "submitted"
    response = client_for(reviewer).post(
        submission_url("skhcn-ha-noi", PERIOD, "accept"), {"version": version_of("skhcn-ha-noi", PERIOD)}
    )
    assert response.status_code == 302
    figure = Observation.breakdowns.for_province(1).get()
    assert (figure.indicator.code, figure.year, figure.quarter, figure.value, figure.provisional) == (
        "1.1",
        2026,
        4,
        Decimal("21.5"),
        True,
    )
    assert list(Observation.objects.filter(indicator__code="1.1").values_list("pk", "value")) == national
    # The city's next quarter shows the city's figure as its previous one, not the nation's (18,3% in 2024).
    on_day(date(2027, 3, 20))
    page = client_for(hanoi_reporter).get(submission_url("skhcn-ha-noi", "2027Q1"))
    context = page.content.decode().split('id="indicator-1.1"', 1)[1].split("</section>", 1)[0]
    assert "21,5%" in context and "18,3%" not in context


def test_the_citys_excel_form_holds_what_it_reports(client_for, hanoi_reporter):
    response = client_for(hanoi_reporter).get(submission_url("skhcn-ha-noi", PERIOD) + "form.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = {str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    assert "1.1" in cells and "2.1" not in cells and "1.2" not in cells


def test_an_administrator_gives_a_provinces_unit_its_indicators_in_the_admin(client_for, admin_user, hanoi_reporter):
    unit = hanoi_reporter.membership.unit
    page = client_for(admin_user).get(f"/admin/indicators/unit/{unit.pk}/change/").content.decode()
    assert 'name="provincial_indicators"' in page and 'name="province"' not in page


def test_the_reviewer_sees_the_city_among_the_units(client_for, hanoi_reporter, reviewer):
    _submit(client_for(hanoi_reporter))
    client = client_for(reviewer)
    html = client.get(f"/submissions/?period={PERIOD}").content.decode()
    assert "Sở KHCN Hà Nội" in html
    units = client.get(f"/api/v1/submissions/?period={PERIOD}").json()
    rows = units["results"] if isinstance(units, dict) else units
    assert next(r for r in rows if r["unit"]["slug"] == "skhcn-ha-noi")["status"] == "submitted"


def test_another_units_reporter_cannot_open_the_citys_quarter_nor_the_city_anothers(
    client_for, hanoi_reporter, cvt_reporter
):
    assert client_for(cvt_reporter).get(submission_url("skhcn-ha-noi", PERIOD)).status_code == 403
    assert client_for(hanoi_reporter).get(submission_url("cuc-vt", PERIOD)).status_code == 403


def test_the_city_cannot_write_an_indicator_it_does_not_report(client_for, hanoi_reporter):
    client = client_for(hanoi_reporter)
    response = client.post(
        "/api/v1/observations/",
        {"unit": "skhcn-ha-noi", "period": PERIOD, "indicator": "2.1", "value": "90"},
        content_type="application/json",
    )
    assert response.status_code in (400, 403)
    assert not Submission.objects.filter(unit__slug="skhcn-ha-noi").exists()
    response = client.post(
        "/api/v1/observations/",
        {"unit": "skhcn-ha-noi", "period": PERIOD, "indicator": "1.1", "value": "21.5"},
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content
    assert Indicator.objects.reported_by(hanoi_reporter.membership.unit).get().code == "1.1"


def test_the_citys_figure_is_asked_about_against_the_citys_own_series_not_the_nations(
    client_for, hanoi_reporter, quality_rules, on_day
):
    """A share moving more than 20 points in a quarter is asked about: Hà Nội's 21,5% after its own 45% of the third
    quarter is, although the nation's last figure (18,3%) is near it; after its own 20% it is not."""
    from places.models import Province
    from reporting.models import SubmissionValue

    on_day(date(2026, 11, 20))
    figure = Observation.objects.create(
        indicator=Indicator.objects.get(code="1.1"),
        year=2026,
        quarter=3,
        value=Decimal("45"),
        source="Cục Thống kê Hà Nội",
        province=Province.objects.current().get(code=1),
    )
    client = client_for(hanoi_reporter)
    data = entry_data(
        "skhcn-ha-noi",
        version=version_of("skhcn-ha-noi", PERIOD),
        figures={"1.1": {"value": "21,5", "source": "Cục Thống kê Hà Nội"}},
    )
    assert client.post(submission_url("skhcn-ha-noi", PERIOD), data).status_code == 302
    assert [flag["rule"] for flag in SubmissionValue.objects.get().flags] == ["share_jump"]
    Observation.breakdowns.filter(pk=figure.pk).update(value=Decimal("20"))
    data = entry_data(
        "skhcn-ha-noi",
        version=version_of("skhcn-ha-noi", PERIOD),
        figures={"1.1": {"value": "21,6", "source": "Cục Thống kê Hà Nội"}},
    )
    assert client.post(submission_url("skhcn-ha-noi", PERIOD), data).status_code == 302
    assert "share_jump" not in [flag["rule"] for flag in SubmissionValue.objects.get().flags]


def test_the_consolidated_table_shows_the_nations_figures_never_the_citys(
    client_for, hanoi_reporter, cvt_reporter, reviewer
):
    """Hà Nội's 21,5% for 1.1 is the city's: the table of Phụ lục 01 (the page, the API and the files, one read model)
    leaves 1.1's quarter empty, while Cục Viễn thông's 2.1 sent the same quarter is there."""
    from tests.reports.conftest import send

    send(hanoi_reporter, PERIOD, {"1.1": {"value": "21.5", "source": "Cục Thống kê Hà Nội"}}, on=date(2026, 11, 20))
    send(cvt_reporter, PERIOD, {"2.1": {"value": "86"}, "2.5": {"value": "81.2"}}, on=date(2026, 11, 20))
    rows = {r["code"]: r for r in client_for(reviewer).get(f"/api/v1/reports/{PERIOD}/").json()["rows"]}
    assert rows["2.1"]["quarters"]["4"]["value"] == "86"
    assert rows["1.1"]["quarters"]["4"]["value"] is None
    html = client_for(reviewer).get(f"/reports/{PERIOD}/").content.decode()
    assert "21,5" not in html.split('data-code="1.1"', 1)[1].split("</tr>", 1)[0]
