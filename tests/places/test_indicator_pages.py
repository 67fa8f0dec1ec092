"""An indicator's page: the provinces ranked with the national figure and the goal beside, and 1.2's sectors each
against its floor, flagged by the method; in a fixed number of queries, to every role, and to nobody else."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Document, Indicator, Observation
from places.models import Province, Sector

pytestmark = pytest.mark.django_db


def _document() -> Document:
    return Document.objects.get_or_create(
        slug="khao-sat-dia-phuong", defaults={"kind": "report", "title": "Khảo sát", "issuer": "Bộ KH&CN"}
    )[0]


def _province_figure(code: str, province: int, year: int, value: str, *, provisional: bool = False) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        value=Decimal(value),
        provisional=provisional,
        source="Sở KHCN",
        document=_document(),
        province=Province.objects.current().get(code=province),
    )


def _sector_figure(slug: str, year: int, value: str) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2"),
        year=year,
        value=Decimal(value),
        source="Bộ Công Thương",
        document=_document(),
        sector=Sector.objects.get(slug=slug),
    )


def _rows(html: str, table_id: str) -> list[str]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [row.split("</tr>")[0] for row in body.split("<tr")[2:]]


def test_an_indicator_without_province_figures_shows_no_ranking(client_for, leader):
    html = client_for(leader).get(reverse("indicator_detail", args=["2.1"])).content.decode()
    assert 'id="province-table"' not in html and 'id="sector-table"' not in html


def test_the_provinces_are_ranked_best_first_with_the_nation_and_the_goal(client_for, leader):
    _province_figure("2.1", 1, 2024, "88.5")
    _province_figure("2.1", 1, 2025, "90.1", provisional=True)  # Hà Nội's latest
    _province_figure("2.1", 79, 2025, "92.3")
    _province_figure("2.1", 4, 2024, "61")
    html = client_for(leader).get(reverse("indicator_detail", args=["2.1"])).content.decode()
    rows = _rows(html, "province-table")
    assert "Cả nước" in rows[0] and "85%" in rows[0]  # the 2022 estimate of 466, the nation's latest
    assert "Mục tiêu 2030" in rows[1] and "95%" in rows[1]
    ranked = rows[2:]
    assert [("Hồ Chí Minh" in r, "Hà Nội" in r, "Cao Bằng" in r) for r in ranked] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    assert "92,3%" in ranked[0] and ">1<" in ranked[0]
    assert "90,1%" in ranked[1] and "ước tính" in ranked[1]
    assert "61%" in ranked[2] and "2024" in ranked[2]
    assert 'data-figure="province-figure"' in html and 'id="province-figure"' in html


def test_a_count_shows_the_provinces_sum_as_computed_beside_the_national_figure(client_for, leader):
    indicator = Indicator.objects.get(code="2.1")
    indicator.additive = True  # as a count would be; the page reads the flag, not the unit
    indicator.save()
    _province_figure("2.1", 1, 2022, "10")
    _province_figure("2.1", 79, 2022, "20")
    _province_figure("2.1", 4, 2021, "5")  # another period: not in the 2022 sum
    html = client_for(leader).get(reverse("indicator_detail", args=["2.1"])).content.decode()
    computed = next(r for r in _rows(html, "province-table") if "tính toán" in r)
    assert "30%" in computed and "2 tỉnh" in computed
    assert "Cả nước" in _rows(html, "province-table")[0] and "85%" in _rows(html, "province-table")[0]


def test_1_2_shows_each_sector_against_its_floors_flagged_by_the_method(client_for, leader):
    _sector_figure("thuong-mai-dien-tu", 2023, "9")
    _sector_figure("thuong-mai-dien-tu", 2024, "12")
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2.1"), year=2024, value=Decimal("7.5"), source="Bộ TTTT"
    )
    html = client_for(leader).get(reverse("indicator_detail", args=["1.2"])).content.decode()
    head = html.split('id="sector-table"', 1)[1].split("</thead>", 1)[0]
    assert "Mức sàn 2025" in head and "Mức sàn 2030" in head
    rows = {r.split('data-sector="', 1)[1].split('"', 1)[0]: r for r in _rows(html, "sector-table")}
    assert list(rows) == [s.slug for s in Sector.objects.all()]
    assert "10%" in rows["du-lich-thong-minh"] and "20%" in rows["du-lich-thong-minh"]
    assert "flag-insufficient_data" in rows["du-lich-thong-minh"]
    assert "12%" in rows["thuong-mai-dien-tu"] and "flag-far_ahead" in rows["thuong-mai-dien-tu"]
    assert "7,5%" in rows["ict"] and "(1.2.1)" in rows["ict"]  # the ICT sector's figures are 1.2.1's
    # The nation's own figure stays the nation's: 4,36 (2022, written without a unit by Quyết định 466), not a
    # sector's.
    before = html.split('id="sector-table"', 1)[0]
    assert "4,36" in before and "4,36%" not in before


def test_the_page_with_provinces_and_sectors_costs_a_fixed_number_of_queries(
    client_for, leader, django_assert_num_queries
):
    for code in (1, 4, 79):
        _province_figure("1.2", code, 2025, str(10 + code))
    _sector_figure("thuong-mai-dien-tu", 2024, "12")
    client = client_for(leader)
    page = reverse("indicator_detail", args=["1.2"])
    # 1 session, 2 the person with their membership, 3 the data version, 4 the indicator (with whether it has
    # proposals, action-plan tasks, figures by province and sectors: no proposal, no task). Made: 5 targets, 6 their
    # documents, 7 figures, 8 their documents; 9 the sectors, 10 the sectors' figures, 11 the sub-rows' figures;
    # 12 the provinces' figures, 13 those provinces, 14 their former provinces.
    with django_assert_num_queries(14):
        client.get(page)
    for code in (8, 11, 12, 14, 15):
        _province_figure("1.2", code, 2025, str(10 + code))
        _sector_figure("du-lich-thong-minh", 2000 + code, "3")
    with django_assert_num_queries(14):
        html = client.get(page).content.decode()
    assert len(_rows(html, "province-table")) == 2 + 8


@pytest.mark.parametrize("who", ["cvt_reporter", "reviewer", "leader", "admin_user"])
def test_every_role_reads_the_provinces_and_sectors(who, request, client_for):
    _province_figure("1.2", 1, 2025, "11")
    response = client_for(request.getfixturevalue(who)).get(reverse("indicator_detail", args=["1.2"]))
    assert response.status_code == 200 and 'id="province-table"' in response.content.decode()


def test_nobody_signed_out_or_without_a_role_reads_them(client, django_user_model):
    _province_figure("1.2", 1, 2025, "11")
    assert client.get(reverse("indicator_detail", args=["1.2"])).status_code == 302
    client.force_login(django_user_model.objects.create_user("no_role"))
    assert client.get(reverse("indicator_detail", args=["1.2"])).status_code == 403


def test_the_ranking_chart_written_as_plain_json_is_the_figure_plotly_builds_from_it():
    """Written without plotly's objects: plotly's own validation accepts every property and gives back the same
    figure (a misspelt property or a value plotly would change fails here)."""
    import json

    import plotly.graph_objects as go

    from indicators.assessment import assess_indicator
    from places.breakdowns import province_ranking
    from places.charts import province_figure

    _province_figure("2.1", 1, 2024, "88.5")
    _province_figure("2.1", 79, 2025, "92.3", provisional=True)
    _province_figure("2.1", 4, 2024, "61")
    figure = province_figure(province_ranking(assess_indicator(Indicator.objects.get(code="2.1"), date(2026, 12, 7))))
    built = json.loads(go.Figure(data=figure["data"], layout=figure["layout"]).to_json())
    assert built == {"data": figure["data"], "layout": figure["layout"]}
    bars, *lines = figure["data"]
    assert bars["y"] == ["3. Cao Bằng", "2. Thành phố Hà Nội", "1. Thành phố Hồ Chí Minh"]  # best on top
    assert bars["text"] == ["61%", "88,5%", "92,3%"]
    assert [line["line"]["dash"] for line in lines] == ["dash", "dot"]  # the nation's figure, the goal
