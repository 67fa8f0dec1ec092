"""GET /api/v1/indicators/<code>/figures/: the nation's figures, or one province's (`?province=01`), or one
sector's (`?sector=<key>`); a bad parameter answers 400 with a message, never another place's figures."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, Observation
from places.models import Province, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    indicator = Indicator.objects.get(code="1.2")
    for code, value in ((1, "11.5"), (79, "13"), (4, "6")):
        Observation.objects.create(
            indicator=indicator,
            year=2025,
            value=Decimal(value),
            source="Sở KHCN",
            province=Province.objects.current().get(code=code),
        )
    Observation.objects.create(
        indicator=indicator,
        year=2024,
        value=Decimal("12"),
        source="Bộ Công Thương",
        sector=Sector.objects.get(slug="thuong-mai-dien-tu"),
    )


def test_without_a_filter_the_nations_figures(client_for, leader, figures):
    data = client_for(leader).get("/api/v1/indicators/1.2/figures/").json()
    assert data["count"] == 1
    assert data["results"][0] | {"source": ""} == {
        "period": "2022",
        "value": "4.36",
        "provisional": True,
        "source": "",
        "document": "466/QĐ-BTTTT",
        "note": data["results"][0]["note"],
        "unit_written": False,  # Quyết định 466 writes it “4,36”, without the %
        "province": None,
        "former_province": None,
        "sector": None,
    }


def test_one_provinces_figures(client_for, cvt_reporter, figures, django_assert_num_queries):
    client = client_for(cvt_reporter)
    client.get("/api/v1/indicators/1.2/figures/?province=01")
    # the session; the person with their role; the indicator; the province exists; the count; the page
    with django_assert_num_queries(6):
        data = client.get("/api/v1/indicators/1.2/figures/?province=01").json()
    assert [(r["period"], r["value"], r["province"], r["sector"]) for r in data["results"]] == [
        ("2025", "11.5", "01", None)
    ]
    assert client.get("/api/v1/indicators/1.2/figures/?province=79").json()["results"][0]["value"] == "13"


def test_one_sectors_figures(client_for, leader, figures):
    data = client_for(leader).get("/api/v1/indicators/1.2/figures/?sector=thuong-mai-dien-tu").json()
    assert [(r["value"], r["sector"], r["province"]) for r in data["results"]] == [("12", "thuong-mai-dien-tu", None)]
    assert client_for(leader).get("/api/v1/indicators/1.2/figures/?sector=du-lich-thong-minh").json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("province=99", "province", "Không có tỉnh, thành phố nào đang hiệu lực có mã “99”"),
        ("province=abc", "province", "Không có tỉnh, thành phố nào đang hiệu lực có mã “abc”"),
        ("province=001", "province", "Không có tỉnh, thành phố nào đang hiệu lực có mã “001”"),
        ("sector=khong-co", "sector", "Không có ngành, lĩnh vực nào có khóa “khong-co”"),
        ("province=01&sector=ict", "sector", "Chỉ chọn một tỉnh hoặc một ngành, lĩnh vực"),
        ("province=01&province=79", "province", None),
    ],
)
def test_a_bad_parameter_answers_400_with_a_message(client_for, leader, figures, query, field, message):
    response = client_for(leader).get(f"/api/v1/indicators/1.2/figures/?{query}")
    assert response.status_code == 400
    assert field in response.json()
    if message:
        assert message in response.json()[field][0]


def test_an_unknown_indicator_answers_404(client_for, leader):
    assert client_for(leader).get("/api/v1/indicators/9.9/figures/").status_code == 404


def test_nobody_without_a_sign_in_or_a_role_reads_them(client, django_user_model):
    assert client.get("/api/v1/indicators/1.2/figures/").status_code == 401
    client.force_login(django_user_model.objects.create_user("no_role"))
    assert client.get("/api/v1/indicators/1.2/figures/").status_code == 403


def test_the_schema_describes_the_route_and_its_filters(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/indicators/{code}/figures/"]["get"]["parameters"]}
    assert {"province", "sector"} <= parameters
