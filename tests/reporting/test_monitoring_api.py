"""GET /api/v1/submissions/?period=2026Q4: each reporting unit's submission for the quarter, its status and
where it stands against the deadline (Quyết định 466, Mục II.2: units submit by the 5th of the month after the
quarter, Q4 by 05/12), for monitoring. Reviewers, leadership and administrators see every unit; a reporter sees
their own unit only; nobody else sees anything."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from knox.models import AuthToken

from indicators.models import Indicator, Unit
from reporting.api import PeriodSubmissionSerializer
from reporting.calendar import DeadlineStatus, ReportingPeriod
from reporting.services import FigureInput, SectionsInput, submission_save
from tests.reporting.conftest import HANOI

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions/"
Q4 = ReportingPeriod(2026, 4)
REPORTING_UNITS = {"vu-kts", "cuc-vt", "neac", "cuc-cdsqg", "cuc-attt"}


def _save(slug: str, person, *, values: dict[str, str], submit: bool, day: date) -> None:
    unit = Unit.objects.get(slug=slug)
    figures = [FigureInput(indicator=Indicator.objects.get(code=c), value=Decimal(v)) for c, v in values.items()]
    submission_save(
        unit=unit,
        period=Q4,
        user=person,
        version=0,
        figures=figures,
        sections=SectionsInput(),
        submit=submit,
        now=datetime(day.year, day.month, day.day, 10, tzinfo=HANOI),
    )


@pytest.fixture
def q4_after_the_deadline(on_day, cvt_reporter, neac_reporter):
    """Cục Viễn thông submitted Q4 2026 on 04/12 (on time); Trung tâm NEAC saved a draft and never sent it; the
    other units have nothing. Today is 08/12/2026, three days after the units' deadline (05/12)."""
    _save("cuc-vt", cvt_reporter, values={"2.1": "85", "2.5": "81.2"}, submit=True, day=date(2026, 12, 4))
    _save("neac", neac_reporter, values={"2.3": "40"}, submit=False, day=date(2026, 12, 3))
    on_day(date(2026, 12, 8))


def _rows(response) -> dict[str, tuple]:
    assert response.status_code == 200, response.content
    return {row["unit"]["slug"]: (row["status"], row["deadline_status"]) for row in response.json()}


@pytest.mark.parametrize("person", ["reviewer", "leader", "admin_user"])
def test_reviewers_leadership_and_administrators_see_every_unit_against_the_deadline(
    client_for, request, person, q4_after_the_deadline
):
    response = client_for(request.getfixturevalue(person)).get(URL, {"period": "2026Q4"})
    assert _rows(response) == {
        "cuc-vt": ("submitted", "on_time"),
        "neac": ("draft", "missing"),
        "vu-kts": (None, "missing"),
        "cuc-cdsqg": (None, "missing"),
        "cuc-attt": (None, "missing"),
    }
    cuc_vt = next(row for row in response.json() if row["unit"]["slug"] == "cuc-vt")
    assert cuc_vt["unit"] == {"slug": "cuc-vt", "name": "Cục Viễn thông", "region": None}
    assert cuc_vt["period"] == "2026Q4" and cuc_vt["first_submitted_at"].startswith("2026-12-04")


def test_a_reporter_of_cuc_vt_sees_only_cuc_vt(cvt_reporter, q4_after_the_deadline):
    client = Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(cvt_reporter)[1]}")
    assert _rows(client.get(URL, {"period": "2026Q4"})) == {"cuc-vt": ("submitted", "on_time")}


def test_a_reporter_of_neac_sees_only_neac(client_for, neac_reporter, q4_after_the_deadline):
    assert _rows(client_for(neac_reporter).get(URL, {"period": "2026Q4"})) == {"neac": ("draft", "missing")}


def test_before_the_deadline_a_unit_that_has_not_sent_is_still_due(client_for, reviewer):
    """20/11/2026 (the reporting tests' day): Q4 2026 is due by 05/12."""
    statuses = _rows(client_for(reviewer).get(URL, {"period": "2026Q4"}))
    assert set(statuses) == REPORTING_UNITS and set(statuses.values()) == {(None, "due")}


def test_anonymous_is_refused_401(client):
    response = client.get(URL, {"period": "2026Q4"})
    assert response.status_code == 401
    assert "thông tin xác thực" in response.json()["detail"]


def test_a_person_without_a_role_is_refused_403(client_for):
    nobody = get_user_model().objects.create_user("nobody", password="x")
    response = client_for(nobody).get(URL, {"period": "2026Q4"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn chưa được phân vai trò trong hệ thống: đề nghị quản trị viên phân quyền."


def test_without_a_period_the_answer_is_400_in_vietnamese(client_for, reviewer):
    for query in ({}, {"period": ""}, {"period": "  "}):
        response = client_for(reviewer).get(URL, query)
        assert response.status_code == 400
        assert response.json() == {"detail": "Ghi kỳ báo cáo, ví dụ “2024Q3”."}


@pytest.mark.parametrize("period", ["2025Q5", "2025Q0", "2022Q4", "2031Q1", "abc", "2025-Q2", "\x00", "２０２５Q2"])
def test_a_period_not_in_the_calendar_is_400_in_vietnamese(client_for, reviewer, period):
    response = client_for(reviewer).get(URL, {"period": period})
    assert response.status_code == 400
    assert response.json() == {"detail": "Không có kỳ báo cáo này: ghi năm và quý, ví dụ 2024Q3 (từ 2023 đến 2030)."}


def test_the_list_costs_the_same_queries_whatever_the_number_of_units(
    client_for, reviewer, django_assert_num_queries, q4_after_the_deadline
):
    client = client_for(reviewer)
    # 1 the session, 2 the person with their membership, 3 the reporting units, 4 the period's submissions
    # with their unit and people (select_related)
    with django_assert_num_queries(4):
        response = client.get(URL, {"period": "2026Q4"})
    assert len(response.json()) == 5


def test_a_reporters_list_costs_a_fixed_number_of_queries(
    cvt_reporter, django_assert_num_queries, q4_after_the_deadline
):
    client = Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(cvt_reporter)[1]}")
    # 1 the token with its user, 2 the person's membership, 3 the reporter's unit among the reporting units,
    # 4 the period's submissions
    with django_assert_num_queries(4):
        response = client.get(URL, {"period": "2026Q4"})
    assert len(response.json()) == 1


def test_the_list_is_in_the_openapi_schema_with_the_deadline_statuses_of_the_calendar(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/submissions/"]["get"]
    assert {(p["name"], p["in"], p.get("required", False)) for p in operation["parameters"]} == {
        ("period", "query", True),
        ("kind", "query", False),
        ("region", "query", False),
    }
    assert {"200", "400", "401", "403"} <= set(operation["responses"])
    enums = schema["components"]["schemas"]
    assert enums["DeadlineStatusEnum"]["enum"] == [status.value for status in DeadlineStatus]
    assert set(enums["SubmissionStatusEnum"]["enum"]) == {"draft", "submitted", "returned", "accepted", "reopened"}


def test_the_deadline_statuses_are_the_calendars_own():
    """A status the calendar adds (such as one for quarters before the first tracked quarter) needs no change here."""
    field = PeriodSubmissionSerializer().fields["deadline_status"]
    assert list(field.choices) == [status.value for status in DeadlineStatus]
