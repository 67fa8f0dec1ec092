"""GET /api/v1/reports/<period>/: the consolidated table as JSON, in the schema."""

from datetime import date

import pytest

from tests.reports.conftest import send

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_table_with_values_by_quarter(
    client_for, cvt_reporter, neac_reporter, reviewer, leader, on_day
):
    send(
        cvt_reporter,
        "2026Q4",
        {"2.1": {"value": "86"}, "2.5": {"value": "81.2", "provisional": True}},
        on=date(2026, 12, 2),
        accept_by=reviewer,
    )
    send(neac_reporter, "2026Q4", {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}}, on=date(2026, 12, 7))
    on_day(date(2026, 12, 8))
    body = client_for(leader).get("/api/v1/reports/2026Q4/").json()
    assert body["period"] == "2026Q4" and body["as_of"] == "2026-12-08"
    rows = {r["code"]: r for r in body["rows"]}
    assert list(rows)[:3] == ["1.1", "1.2", "1.2.1"]
    assert rows["2.5"]["quarters"]["4"] == {"value": "81.2", "provisional": True, "accepted": True, "comparison": ""}
    assert rows["2.3"]["quarters"]["4"]["accepted"] is False
    assert rows["2.5"]["quarters"]["1"]["value"] is None
    assert rows["1.1"]["goal_value"] == "30" and rows["1.1"]["goal_year"] == 2030
    assert rows["2.1"]["flag"] == "off_track"
    assert {"unit": "cuc-attt", "deadline_status": "missing", "status": None} in body["outstanding"]


@pytest.mark.parametrize("period", ["2026Q9", "2022Q4", "abc", "2028Q1"])
def test_a_period_outside_the_calendar_or_not_begun_is_404(client_for, reviewer, period):
    assert client_for(reviewer).get(f"/api/v1/reports/{period}/").status_code == 404


def test_the_route_is_in_the_schema(client_for, reviewer):
    schema = client_for(reviewer).get("/api/v1/schema/").content.decode()
    assert "/api/v1/reports/{period_code}/" in schema and "ReportRow" in schema
