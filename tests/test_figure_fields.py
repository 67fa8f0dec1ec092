"""Every form and the write API read a figure the same way: in Vietnamese the dot groups thousands, so "1.000" is
a thousand for a count (indicator 1.7, "doanh nghiệp/1.000 dân", and the international comparison in its unit),
and "1.234" for a percentage is refused as ambiguous, in Vietnamese, with nothing saved."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from indicators.models import Indicator, TargetProposal, Unit
from reporting.models import SubmissionValue
from tests.reporting.conftest import post_entry

pytestmark = pytest.mark.django_db

AMBIGUOUS_1_234 = "Không rõ “1.234” là số thập phân hay hàng nghìn: hãy viết rõ, ví dụ 1,234 hoặc 1234."
AMBIGUOUS_12_345 = "Không rõ “12.345” là số thập phân hay hàng nghìn: hãy viết rõ, ví dụ 12,345 hoặc 12345."


@pytest.fixture
def count_reported_by_cuc_vt(db):
    """Indicator 1.7 (a count per 1.000 people; no unit reports it in the documents) given to Cục Viễn thông."""
    Indicator.objects.filter(code="1.7").update(reporting_unit=Unit.objects.get(slug="cuc-vt"))


def _saved(code: str) -> SubmissionValue:
    return SubmissionValue.objects.get(submission__unit__slug="cuc-vt", indicator__code=code)


# ---------------------------------------------------------------- the entry page (Phụ lục 01)


def test_on_the_entry_page_1_000_reads_as_a_thousand_for_a_count_and_its_comparison(
    client_for, cvt_reporter, count_reported_by_cuc_vt
):
    figures = {"1.7": {"value": "1.000", "comparison_with": "Hàn Quốc", "comparison_value": "45.000"}}
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures)
    assert response.status_code == 302
    row = _saved("1.7")
    assert (row.value, row.comparison_value) == (Decimal("1000"), Decimal("45000"))


def test_on_the_entry_page_a_percentage_written_1_234_is_refused_as_ambiguous(client_for, cvt_reporter):
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"2.5": {"value": "1.234"}})
    assert response.status_code == 400
    assert AMBIGUOUS_1_234 in response.content.decode()
    assert not SubmissionValue.objects.exists()


def test_on_the_entry_page_a_percentage_with_two_decimals_after_a_dot_stays_a_decimal(client_for, cvt_reporter):
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"2.5": {"value": "14.26"}})
    assert response.status_code == 302
    assert _saved("2.5").value == Decimal("14.26")


# ---------------------------------------------------------------- the write API


@pytest.fixture
def cvt_feed(cvt_reporter):
    client = Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(cvt_reporter)[1]}")

    def post(**body):
        return client.post("/api/v1/observations/", {"period": "2026Q4", **body}, content_type="application/json")

    return post


@pytest.mark.parametrize(("sent", "stored"), [("45.000", "45000"), ("1.234,5", "1234.5"), (1.234, "1.234")])
def test_through_the_api_45_000_reads_as_thousands_for_a_count_but_a_json_number_keeps_its_point(
    cvt_feed, count_reported_by_cuc_vt, sent, stored
):
    response = cvt_feed(indicator="1.7", value=sent)
    assert response.status_code == 201, response.json()
    assert response.json()["value"] == stored


def test_through_the_api_a_percentage_written_1_234_is_refused_as_ambiguous(cvt_feed):
    response = cvt_feed(indicator="2.5", value="1.234")
    assert response.status_code == 400
    assert response.json() == {"value": [AMBIGUOUS_1_234]}
    assert not SubmissionValue.objects.exists()


def test_through_the_api_a_percentage_as_a_json_number_1_234_is_a_decimal(cvt_feed):
    response = cvt_feed(indicator="2.5", value=1.234)
    assert response.status_code == 201
    assert response.json()["value"] == "1.234"


# ---------------------------------------------------------------- the target proposal form


def test_a_proposed_target_of_1_000_for_a_count_is_a_thousand(client_for, reviewer):
    data = {"year": "2030", "kind": "goal", "comparator": ">=", "value": "1.000", "reason": "Theo số liệu."}
    response = client_for(reviewer).post(reverse("target_proposal_new", args=["1.7"]), data)
    assert response.status_code == 302
    assert TargetProposal.objects.get().value == Decimal("1000")


def test_a_proposed_percentage_written_12_345_is_refused_as_ambiguous(client_for, reviewer):
    data = {"year": "2030", "kind": "goal", "comparator": ">=", "value": "12.345", "reason": "Theo số liệu."}
    response = client_for(reviewer).post(reverse("target_proposal_new", args=["1.1"]), data)
    assert response.status_code == 200
    assert AMBIGUOUS_12_345 in response.content.decode()
    assert not TargetProposal.objects.exists()
