"""GET /api/v1/indicators/: other systems read the indicators, their targets and their figures."""

import pytest
from django.core.management import call_command
from knox.models import AuthToken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/indicators/", "/api/v1/indicators/1.1/", "/api/v1/schema/"])
def test_anonymous_caller_is_refused(client, url):
    response = client.get(url)
    assert response.status_code in (401, 403)


def test_a_wrong_token_is_refused(client):
    response = client.get("/api/v1/indicators/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


def test_list_in_code_order_with_the_documented_fields(client_for, leader):
    page = client_for(leader).get("/api/v1/indicators/?nested=1").json()
    assert (page["count"], page["next"], page["previous"]) == (21, None, None)
    data = page["results"]
    assert [item["code"] for item in data][:10] == ["1.1", "1.2", "1.2.1", "1.2.2", "1.3", "1.4", "1.5", "1.6", "1.7",
                                                    "2.1"]  # fmt: skip
    assert len(data) == 21
    first = data[0]
    assert {"code", "name", "measure_unit", "direction", "reporting_unit", "targets", "observations"} <= set(first)
    assert first["reporting_unit"]["short_name"] == "Vụ KTS và XHS"


def test_list_without_nesting_leaves_out_targets_and_figures_but_keeps_progress(client_for, leader):
    data = client_for(leader).get("/api/v1/indicators/").json()["results"]
    assert len(data) == 21
    assert not {"targets", "observations"} & set(data[0])
    assert data[0]["progress"]["flag"] and data[0]["reporting_unit"]["short_name"] == "Vụ KTS và XHS"


def test_list_pages_of_the_size_asked_with_links_to_the_next_and_previous(client_for, reviewer):
    client = client_for(reviewer)
    first = client.get("/api/v1/indicators/?page_size=8").json()
    assert first["count"] == 21 and len(first["results"]) == 8
    assert first["next"].endswith("/api/v1/indicators/?page=2&page_size=8") and first["previous"] is None
    last = client.get("/api/v1/indicators/?page_size=8&page=3").json()
    assert [item["code"] for item in last["results"]][-1] == "2.12" and last["next"] is None
    assert client.get("/api/v1/indicators/?page=9").status_code == 404


def test_detail_of_2_8_with_both_2025_goals_and_their_documents(client_for, reviewer):
    data = client_for(reviewer).get("/api/v1/indicators/2.8/").json()
    goals = [t for t in data["targets"] if t["year"] == 2025]
    assert sorted((t["comparator"], t["value"], t["text"], t["document"], t["in_force"]) for t in goals) == [
        (">", "30", "Trên 30%", "466/QĐ-BTTTT", True),
        (">", "50", "> 50%", "466/QĐ-BTTTT", False),
    ]
    text_only = next(t for t in data["targets"] if t["year"] == 2024)
    assert (text_only["value"], text_only["comparator"], text_only["text"]) == (None, "", "Theo Kế hoạch của Bộ Y tế")
    assert all(t["kind"] in ("plan", "goal") for t in data["targets"])


def test_observations_carry_period_value_provisional_and_source(client_for, cvt_reporter):
    data = client_for(cvt_reporter).get("/api/v1/indicators/1.1/").json()
    periods = sorted((o["period"], o["value"], o["provisional"]) for o in data["observations"])
    assert periods == [("2021", "11.91", True), ("2022", "14.26", True), ("2022", "14.26", True),
                       ("2023", "16.5", True), ("2024", "18.3", True)]  # fmt: skip
    assert all(o["source"] for o in data["observations"])


def test_token_authentication_for_other_systems(client, leader):
    token = AuthToken.objects.create(leader)[1]
    response = client.get("/api/v1/indicators/2.3/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response.json()["observations"][0] == {
        "period": "2021",
        "value": "0.34",
        "provisional": False,
        "source": "[5] Theo kết quả đánh giá và xếp hạng chuyển đổi số năm 2022 đánh giá cho năm 2021.",
        "document": "466/QĐ-BTTTT",
        "note": "Số liệu năm 2021, văn bản đặt ở cột “Ước tính năm 2022”: 0,34%.",
        "unit_written": True,
    }


@pytest.mark.parametrize("code", ["9.9", "2.99", "abc", "1..2"])
def test_unknown_code_is_a_json_404(client_for, leader, code):
    response = client_for(leader).get(f"/api/v1/indicators/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("Không có chỉ tiêu nào mang mã")


def test_annex_spelling_of_a_code_is_accepted(client_for, leader):
    assert client_for(leader).get("/api/v1/indicators/2,10/").json()["code"] == "2.10"


def test_openapi_schema_describes_the_indicator_routes(client_for, leader):
    response = client_for(leader).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/indicators/{code}/" in schema["paths"]
    assert "targets" in schema["components"]["schemas"]["Indicator"]["properties"]


def test_the_schema_is_valid():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "Chưa cung cấp thông tin xác thực."),
        ({"HTTP_AUTHORIZATION": "Token not-a-real-token"}, "Mã xác thực (token) không hợp lệ."),
        (
            {"HTTP_AUTHORIZATION": "Token two parts"},
            "Tiêu đề xác thực không hợp lệ: mã xác thực không được chứa dấu cách.",
        ),
    ],
)
def test_a_refused_caller_is_told_why_in_vietnamese(client, headers, detail):
    response = client.get("/api/v1/indicators/", **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": detail}
