"""/public/datapackage.json: the open data as a Frictionless Data Package, validated by frictionless as a reader
of the published files would run it."""

import csv
import io
import json
from decimal import Decimal

import pytest
from frictionless import Package, validate
from openpyxl import load_workbook

from indicators.models import Indicator, Observation
from places.models import Province, Sector
from publication.public_views import DATA_COLUMNS
from publication.services import release_approve, release_propose
from tests.publication.conftest import publish


def _write_served(client, folder) -> None:
    """The package and the files it names, as the test client serves them, side by side in one folder."""
    for name in ("datapackage.json", "data.csv", "data.xlsx"):
        response = client.get(f"/public/{name}")
        assert response.status_code == 200, name
        (folder / name).write_bytes(response.content)


@pytest.fixture
def published(reviewer, leader):
    # 1.1's 2022 figure is stated by two documents (466 and 5473): the series tells the two rows apart.
    publish(reviewer, leader, "1.1", [(2021, 0), (2022, 0), (2023, 0), (2024, 0)])
    # 2.10 (which a spreadsheet would read as 2.1) with a quarter's official figure and a provisional estimate.
    indicator = Indicator.objects.get(code="2.10")
    for value, provisional in ((Decimal("41.5"), False), (Decimal("42"), True)):
        Observation.objects.create(
            indicator=indicator, year=2026, quarter=3, value=value, provisional=provisional, source="Cục CĐSQG"
        )
    release_approve(
        release=release_propose(proposed_by=reviewer, note="Quý III", indicator=indicator, periods=[(2026, 3)]),
        approved_by=leader,
    )


def test_frictionless_validates_the_served_package(client, published, tmp_path):
    _write_served(client, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("du-lieu-cong-bo").read_rows()
    assert {row["code"] for row in rows} >= {"1.1", "2.10"}  # typed as a string: 2.10 stays 2.10, never 2.1
    assert all(isinstance(row["code"], str) for row in rows)
    keys = [(row["code"], row["period"], row["series"]) for row in rows]
    assert len(keys) == len(set(keys))
    assert len([k for k in keys if k[:2] == ("1.1", "2022")]) == 2


def test_the_package_describes_the_columns_the_periods_and_the_licence(client, published):
    package = client.get("/public/datapackage.json").json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "Quý IV gồm tháng 10 và tháng 11" in package["description"]
    csv_resource, xlsx_resource = package["resources"]
    assert (csv_resource["path"], xlsx_resource["path"]) == ("data.csv", "data.xlsx")
    schema = csv_resource["schema"]
    assert [f["name"] for f in schema["fields"]] == list(DATA_COLUMNS)
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert (types["code"], types["period"], types["value"]) == ("string", "string", "number")
    assert (types["provisional"], types["published_at"]) == ("boolean", "datetime")
    assert schema["primaryKey"] == ["code", "period", "province_code", "sector", "series"]


def test_the_public_page_states_the_licence_and_the_periods_and_says_which_file_is_for_whom(client, published):
    page = client.get("/public/").content.decode()
    assert "Creative Commons Ghi công 4.0 (CC BY 4.0)" in page and 'rel="license"' in page
    assert "Quý IV gồm tháng 10 và tháng 11" in page
    assert "Excel, để đọc và in" in page and "CSV cho máy đọc" in page and "/public/datapackage.json" in page
    client.cookies["django_language"] = "en"
    package = client.get("/public/datapackage.json").json()
    assert "Q4 October–November" in package["description"] and package["licenses"][0]["name"] == "CC-BY-4.0"


def test_the_csv_is_utf8_with_a_bom_and_data_rows_only(client, published):
    content = client.get("/public/data.csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 7 and all(row["code"] in ("1.1", "2.10") for row in rows)
    assert rows[0]["period_type"] == "year" and rows[0]["quarter"] == ""
    quarter = [row for row in rows if row["code"] == "2.10"]
    assert [(r["period"], r["period_type"], r["year"], r["quarter"]) for r in quarter] == [
        ("2026Q3", "quarter", "2026", "3")
    ] * 2
    assert {r["series"] for r in quarter} == {"Báo cáo quý", "Báo cáo quý (tạm ước tính)"}


def test_the_xlsx_keeps_codes_as_text_and_values_as_numbers(client, published):
    wb = load_workbook(io.BytesIO(client.get("/public/data.xlsx").content))
    data = wb.worksheets[0]
    assert [c.value for c in data[1]] == list(DATA_COLUMNS)
    codes = [row[0] for row in data.iter_rows(min_row=2)]
    assert "2.10" in [c.value for c in codes] and all(c.data_type == "s" for c in codes)
    assert all(isinstance(row[3].value, int | float) for row in data.iter_rows(min_row=2))
    notes = " ".join(str(c.value) for row in wb.worksheets[1].iter_rows() for c in row)
    assert "CC BY 4.0" in notes


def test_the_package_is_public_and_cached_by_the_releases_version(client, reviewer, leader, django_assert_num_queries):
    publish(reviewer, leader, "1.1", [(2024, 0)])
    first = client.get("/public/datapackage.json")
    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    with django_assert_num_queries(1):  # the data versions of the cache key
        assert client.get("/public/datapackage.json").content == first.content
    assert json.loads(first.content)["resources"][0]["path"] == "data.csv"


def test_a_provinces_and_a_sectors_figures_are_rows_of_their_own_under_the_same_key(client, reviewer, leader, tmp_path):
    """A national and a provincial figure of one indicator, period and series differ by the province alone: the
    primary key names the province and the sector, and frictionless reads the rows typed."""
    indicator = Indicator.objects.get(code="2.10")
    for province in (None, Province.objects.current().get(code=1)):
        Observation.objects.create(
            indicator=indicator, year=2026, quarter=3, value=Decimal("41.5"), source="Cục CĐSQG", province=province
        )
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2"),
        year=2024,
        value=Decimal("3.75"),
        source="Bộ TTTT",
        sector=Sector.objects.get(slug="ict"),
    )
    for code, period in (("2.10", (2026, 3)), ("1.2", (2024, 0))):
        release_approve(
            release=release_propose(
                proposed_by=reviewer, note="Công bố", indicator=Indicator.objects.get(code=code), periods=[period]
            ),
            approved_by=leader,
        )
    _write_served(client, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    for resource in ("du-lieu-cong-bo", "du-lieu-cong-bo-excel"):
        rows = [
            (r["code"], r["period"], r["series"], r["province_code"], r["province_name"], r["sector"], r["sector_name"])
            for r in package.get_resource(resource).read_rows()
        ]
        assert sorted(rows, key=str) == sorted(
            [
                ("1.2", "2024", "Báo cáo quý", None, None, "ict", "Ngành TTTT"),
                ("2.10", "2026Q3", "Báo cáo quý", None, None, None, None),
                ("2.10", "2026Q3", "Báo cáo quý", "01", "Thành phố Hà Nội", None, None),
            ],
            key=str,
        ), resource
    schema = client.get("/public/datapackage.json").json()["resources"][0]["schema"]
    titles = {f["name"]: f["title"] for f in schema["fields"]}
    assert (titles["province_code"], titles["sector_name"]) == ("Mã tỉnh, thành phố", "Ngành, lĩnh vực")
