"""The public pages and open data: no login, published figures only, the same rules, cached and cheap."""

import csv
import io
from decimal import Decimal

import plotly
import pytest

from indicators.models import Indicator, Observation
from publication.services import release_withdraw
from tests.publication.conftest import propose, publish

COLUMNS = [
    *("code", "name", "period", "value", "unit", "provisional", "source", "release", "published_at"),
    *("period_type", "year", "quarter", "series"),  # added later, at the end: the first nine never move
    *("province_code", "province_name", "sector", "sector_name"),  # then these, empty for the nation
]


def _rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: a spreadsheet reads the letters
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_nothing_published_yet(client, db):
    assert "Chưa có số liệu nào được công bố." in client.get("/public/").content.decode()
    assert client.get("/public/data.csv").content.decode("utf-8-sig") == ",".join(f'"{c}"' for c in COLUMNS) + "\r\n"
    assert client.get("/public/data.json").json() == {"columns": COLUMNS, "data": []}
    assert client.get("/public/indicators/1.1/").status_code == 404


def test_the_open_data_columns_and_values(client, reviewer, leader):
    release = publish(reviewer, leader, "1.1", [(2023, 0), (2024, 0)], note="Số liệu của PTIT")
    expected = [
        {
            "code": "1.1",
            "name": "Tỷ trọng kinh tế số trên GDP",
            "period": str(year),
            "value": value,
            "unit": "%",
            "provisional": "true",
            "source": "Ước tính của Học viện Công nghệ Bưu chính, Viễn thông",
            "release": str(release.pk),
            "published_at": "2026-11-30T12:00:00+07:00",
            "period_type": "year",
            "year": str(year),
            "quarter": "",
            "series": "5473/BTTTT-KTS&XHS",
            **dict.fromkeys(("province_code", "province_name", "sector", "sector_name"), ""),
        }
        for year, value in ((2023, "16.5"), (2024, "18.3"))
    ]
    response = client.get("/public/data.csv")
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == COLUMNS
    assert _rows(response) == expected
    assert _rows(client.get("/public/indicators/1.1/data.csv")) == expected
    assert _rows(client.get("/public/data/2024.csv")) == expected[1:]
    data = client.get("/public/data.json").json()
    assert data["columns"] == COLUMNS
    assert data["data"] == [
        row
        | {"provisional": True, "release": release.pk, "year": int(row["year"]), "quarter": None}
        | dict.fromkeys(("province_code", "province_name", "sector", "sector_name"))
        for row in expected
    ]


def test_the_metadata_of_an_indicator(client, reviewer, leader):
    publish(reviewer, leader, "1.1", [(2024, 0)])
    metadata = client.get("/public/indicators/1.1/metadata.json").json()
    assert metadata["code"] == "1.1" and metadata["unit"] == "%" and metadata["direction"] == "higher"
    assert metadata["source_agency"] == Indicator.objects.get(code="1.1").data_source
    assert [(g["year"], g["comparator"], g["value"]) for g in metadata["goals"]] == [
        (2025, ">=", "20"),
        (2030, ">=", "30"),
    ]
    assert metadata["data"].endswith("/public/indicators/1.1/data.csv")


@pytest.mark.parametrize(
    "url",
    [
        "/public/indicators/9.9/",
        "/public/indicators/2.1/",  # exists, nothing published
        "/public/indicators/1..2/",
        "/public/indicators/9.9/data.csv",
        "/public/indicators/2.1/metadata.json",
        "/public/data/2019.csv",
        "/public/data/2024Q7.csv",
        "/public/data/năm.csv",
        "/public/plotly-0.0.0.min.js",
        "/public/language/fr/",
    ],
)
def test_unknown_indicators_and_periods_are_404(client, reviewer, leader, url):
    publish(reviewer, leader, "1.1", [(2024, 0)])
    assert client.get(url).status_code == 404


def test_the_public_flag_is_computed_from_published_figures_only(client, reviewer, leader, client_for):
    # The signed-in page judges 1.1 on 2021–2024 (on track); the public, with 2024 alone, has too little data.
    publish(reviewer, leader, "1.1", [(2024, 0)])
    page = client.get("/public/indicators/1.1/").content.decode()
    assert "flag-insufficient_data" in page and "Chưa đủ số liệu" in page
    publish(reviewer, leader, "1.1", [(2021, 0), (2022, 0), (2023, 0)])
    page = client.get("/public/indicators/1.1/").content.decode()
    assert "flag-on_track" in page and "theo xu hướng này năm 2030 đạt khoảng 30,66%" in page


def test_a_withdrawn_release_disappears_at_once_and_the_page_says_it_was_corrected(client, reviewer, leader):
    first = publish(reviewer, leader, "1.1", [(2023, 0), (2024, 0)])
    assert "18,3%" in client.get("/public/indicators/1.1/").content.decode()  # cached now
    release_withdraw(release=first, withdrawn_by=reviewer, reason="Số liệu 2024 sai")
    assert client.get("/public/indicators/1.1/").status_code == 404
    assert _rows(client.get("/public/data.csv")) == []
    Observation.objects.filter(indicator__code="1.1", year=2024).update(value=Decimal("18.4"))
    second = propose(reviewer, "1.1", [(2023, 0), (2024, 0)])
    second.corrects = first
    second.save()
    from publication.services import release_approve

    release_approve(release=second, approved_by=leader)
    page = client.get("/public/indicators/1.1/").content.decode()
    assert "18,4%" in page and "18,3" not in page
    assert f"Bản công bố số {first.pk} ngày 30/11/2026 đã được rút lại ngày 30/11/2026" in page
    assert f"Đã đính chính bằng bản công bố số {second.pk}" in page
    assert "Số liệu 2024 sai" not in page  # the reason stays inside the tracker
    assert [r["value"] for r in _rows(client.get("/public/data.csv"))] == ["16.5", "18.4"]
    calendar = client.get("/public/releases/").content.decode()
    assert "đã rút lại ngày 30/11/2026" in calendar and f"đã đính chính bằng bản số {second.pk}" in calendar


def test_english_is_selectable_by_a_link(client, reviewer, leader):
    publish(reviewer, leader, "1.1", [(2024, 0)])
    assert "Số liệu đã công bố" in client.get("/public/indicators/1.1/").content.decode()
    response = client.get("/public/language/en/", {"next": "/public/indicators/1.1/"})
    assert response.status_code == 302 and response["Location"] == "/public/indicators/1.1/"
    page = client.get("/public/indicators/1.1/").content.decode()
    assert "Published figures" in page and "18.3%" in page
    assert client.get("/public/language/vi/", {"next": "https://example.org/"})["Location"] == "/public/"


def test_plotly_is_served_by_the_app(client, db):
    response = client.get(f"/public/plotly-{plotly.__version__}.min.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert b"plotly" in response.content[:2000].lower()
    assert "immutable" in response["Cache-Control"]


def _publish_many(reviewer, leader):
    for code in ("2.1", "1.4", "2.3"):
        periods = {(o.year, o.quarter) for o in Observation.objects.filter(indicator__code=code)}
        if periods:
            publish(reviewer, leader, code, periods)


def test_public_pages_cost_a_fixed_number_of_queries_and_one_once_cached(
    client, reviewer, leader, django_assert_num_queries
):
    publish(reviewer, leader, "1.1", [(2023, 0), (2024, 0)])
    # Queries of a page not yet cached: 1 the cache key (latest change of any release and of any target), 2 the
    # nation's published figures (indicator, release and document joined), 3 the indicators published for provinces
    # or sectors alone (not their figures), 4 the targets of those indicators (documents joined).
    with django_assert_num_queries(4):
        client.get("/public/")
    # Cached: the key's query only.
    with django_assert_num_queries(1):
        client.get("/public/")
    # The indicator page adds 4 its withdrawn releases.
    with django_assert_num_queries(4):
        client.get("/public/indicators/1.1/")
    with django_assert_num_queries(1):
        client.get("/public/indicators/1.1/")
    # The files: 1 the key, 2 the published figures.
    for url in (
        *("/public/data.csv", "/public/data.json", "/public/indicators/1.1/data.csv"),
        *("/public/data.xlsx", "/public/data/2024.xlsx", "/public/indicators/1.1/data.xlsx"),
    ):
        with django_assert_num_queries(2):
            client.get(url)
    # The Data Package describes the files without reading them: 1 the key.
    with django_assert_num_queries(1):
        client.get("/public/datapackage.json")
    # The calendar: 1 the key, 2 releases, 3 their figures, 4 the figures' indicators, 5 corrections.
    with django_assert_num_queries(5):
        client.get("/public/releases/")
    _publish_many(reviewer, leader)  # more indicators, figures and releases: the same queries (new cache key)
    with django_assert_num_queries(4):
        html = client.get("/public/").content.decode()
    assert html.count('class="code"') >= 2
    with django_assert_num_queries(5):
        client.get("/public/releases/")
    with django_assert_num_queries(2):
        client.get("/public/data.csv")


def test_a_figure_corrected_and_released_again_is_public_once_with_its_new_value(client, reviewer, leader):
    """The open data and the public flag read the latest release of a figure of record, never both versions."""
    publish(reviewer, leader, "1.1", [(2024, 0)])
    Observation.objects.filter(indicator__code="1.1", year=2024, quarter=0).update(value=Decimal("19"))
    publish(reviewer, leader, "1.1", [(2024, 0)], note="Số liệu chính thức điều chỉnh.")
    data = client.get("/public/indicators/1.1/data.csv").content.decode()
    rows = [line for line in data.splitlines() if ",2024," in line]
    assert len(rows) == 1 and ",19," in rows[0]
    assert "19%" in client.get("/public/").content.decode()
