"""POST /api/v1/observations/: an automated feed writes into its unit's draft, with a token."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from reporting.models import Submission, SubmissionValue
from tests.reporting.conftest import post_entry, submission_url

pytestmark = pytest.mark.django_db

URL = "/api/v1/observations/"


@pytest.fixture
def feed(cvt_reporter):
    """Cục Viễn thông's feed, authenticated by the reporter's token."""
    token = Token.objects.create(user=cvt_reporter)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    def post(**body):
        return client.post(URL, body, content_type="application/json")

    return post


def test_the_route_is_the_one_the_issue_names():
    assert reverse("api_observation_write") == URL


def test_a_new_value_is_created_then_replaced(feed, cvt_reporter):
    response = feed(indicator="2.5", period="2026Q4", value="81,2", provisional=True, source="VNNIC", note="ước tính")
    assert response.status_code == 201
    assert response.json() == {
        "indicator": "2.5",
        "period": "2026Q4",
        "value": "81.2",
        "provisional": True,
        "source": "VNNIC",
        "note": "ước tính",
        "submission": {"unit": "cuc-vt", "period": "2026Q4", "status": "draft", "version": 1},
    }
    response = feed(indicator="2,5", period="2026q4", value=81.3)  # a JSON number, the annex's comma code
    assert response.status_code == 200
    assert response.json()["value"] == "81.3" and response.json()["provisional"] is False
    row = SubmissionValue.objects.get()
    assert (row.value, row.submission.version) == (Decimal("81.3"), 2)
    assert row.history.latest().history_user == cvt_reporter


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"value": "abc"}, "value", "Nhập một số, ví dụ 14,26 hoặc 1.234,5."),
        ({"value": "150"}, "value", "Nhập giá trị trong khoảng từ 0 đến 100."),
        ({"value": "-3"}, "value", "Nhập giá trị trong khoảng từ 0 đến 100."),
        ({"value": ""}, "value", "Trường này không được bỏ trống."),
        ({"indicator": "9.9"}, "indicator", "Không có chỉ tiêu nào mang mã “9.9”."),
        ({"period": "2024Q5"}, "period", "Không có kỳ báo cáo này: ghi năm và quý, ví dụ 2024Q3 (từ 2023 đến 2030)."),
        ({"period": "2020Q1"}, "period", "Không có kỳ báo cáo này: ghi năm và quý, ví dụ 2024Q3 (từ 2023 đến 2030)."),
        ({"period": "2027Q1"}, "period", "Quý 1/2027 chưa bắt đầu: số liệu của kỳ này được nhập từ ngày 01/12/2026."),
        ({"source": "x" * 501}, "source", "Nội dung tối đa 500 ký tự."),
    ],
)
def test_bad_input_is_a_400_with_the_field_and_a_vietnamese_message(feed, body, field, message):
    response = feed(**{"indicator": "2.5", "period": "2026Q4", "value": "81,2", **body})
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not Submission.objects.exists()


def test_missing_fields_and_a_body_that_is_not_an_object_are_400(feed, cvt_reporter):
    response = feed()
    assert response.status_code == 400 and set(response.json()) == {"indicator", "period", "value"}
    token = Token.objects.get(user=cvt_reporter)
    response = Client().post(URL, [1, 2], content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 400


def test_an_indicator_of_another_unit_is_403_and_nothing_is_written(feed):
    response = feed(indicator="1.4", period="2026Q4", value="abc")  # NEAC's: refused before the value is read
    assert response.status_code == 403
    assert response.json() == {"detail": "Cục Viễn thông không phụ trách báo cáo chỉ tiêu 1.4."}
    assert not Submission.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_a_submitted_or_accepted_submission_is_409(feed, client_for, cvt_reporter, reviewer, status, on_day):
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", action="submit",
               figures={"2.1": {"value": "86"}, "2.5": {"value": "81"}})  # fmt: skip
    if status == "accepted":
        client_for(reviewer).post(submission_url("cuc-vt", "2026Q4", "accept"), {"version": 1})
    before = Submission.objects.get()
    assert before.status == status
    response = feed(indicator="2.5", period="2026Q4", value="82")
    assert response.status_code == 409
    assert response.json()["status"] == status
    after = Submission.objects.get()
    assert (after.version, SubmissionValue.objects.get(indicator__code="2.5").value) == (before.version, Decimal(81))


def test_a_returned_submission_takes_api_values_again(feed, client_for, cvt_reporter, reviewer):
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", action="submit",
               figures={"2.1": {"value": "86"}, "2.5": {"value": "81"}})  # fmt: skip
    client_for(reviewer).post(submission_url("cuc-vt", "2026Q4", "return"), {"version": 1, "reason": "Thiếu nguồn"})
    assert feed(indicator="2.5", period="2026Q4", value="82", source="VNNIC").status_code == 200
    assert Submission.objects.get().status == "returned"


def test_a_backfilled_past_quarter_can_be_written(feed, on_day):
    on_day(date(2026, 11, 20))
    assert feed(indicator="2.1", period="2025Q2", value="84,5").status_code == 201
    assert Submission.objects.get().period.code == "2025Q2"


def test_the_write_is_in_the_openapi_schema(client_for, leader):
    response = client_for(leader).get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/observations/"]["post"]
    assert {"201", "200", "400", "403", "409"} <= set(operation["responses"])
    schema = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = response.json()["components"]["schemas"][schema]["properties"]
    assert set(properties) == {"indicator", "period", "value", "provisional", "source", "note"}


json_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(indicator=json_values, period=json_values, value=json_values, provisional=json_values, source=json_values)
def test_no_body_produces_a_server_error(feed, indicator, period, value, provisional, source):
    response = feed(indicator=indicator, period=period, value=value, provisional=provisional, source=source)
    assert response.status_code in (200, 201, 400, 403)
