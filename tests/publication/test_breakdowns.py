"""The provinces' and sectors' figures of record in a release: frozen at proposal with the names as released,
checked unchanged at approval, in the open data's own columns, and never part of the nation's series. No document
gives such a figure yet: each test makes its own (Hà Nội's 1.1, the ICT sector's 1.2)."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from indicators.models import Indicator, Observation
from places.models import Province, Sector
from publication.models import ReleasedFigure
from publication.public_views import DATA_COLUMNS
from publication.selectors import public_index, public_indicator, release_verdicts
from publication.services import ReleaseError, release_approve, release_propose
from strategy_tracker import clock
from tests.publication.conftest import propose, publish

PLACES = ("province_code", "province_name", "sector", "sector_name")


def _hanoi(year: int, value: str, quarter: int = 0) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code="1.1"),
        year=year,
        quarter=quarter,
        value=Decimal(value),
        source="Cục Thống kê Hà Nội",
        province=Province.objects.current().get(code=1),
    )


def _ict(year: int, value: str) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2"),
        year=year,
        value=Decimal(value),
        source="Bộ TTTT",
        sector=Sector.objects.get(slug="ict"),
    )


def _csv(client, url: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))


def test_a_release_freezes_the_provinces_figures_with_the_name_as_released(reviewer, leader):
    hanoi = _hanoi(2024, "25.5")
    release = propose(reviewer, "1.1", [(2024, 0)])
    frozen = {(f.province_name, f.value) for f in release.figures.all()}
    assert frozen == {("", Decimal("18.3")), ("Thành phố Hà Nội", Decimal("25.5"))}
    release_approve(release=release, approved_by=leader)
    # The province renamed later: the release keeps the name it published.
    Province.objects.filter(pk=hanoi.province_id).update(name="Thủ đô Hà Nội")
    figure = ReleasedFigure.objects.public().get(province__code=1)
    assert (figure.province_name, figure.province.name, figure.place_name) == (
        "Thành phố Hà Nội",
        "Thủ đô Hà Nội",
        "Thành phố Hà Nội",
    )
    assert figure.history.get().province_id == hanoi.province_id  # on record


def test_a_whole_quarter_releases_the_provinces_and_sectors_figures_of_that_quarter(reviewer):
    _hanoi(2026, "21.5", quarter=3)
    release = release_propose(proposed_by=reviewer, note="Quý 3/2026", quarter=(2026, 3))
    assert [(f.indicator.code, f.province.code) for f in release.figures.all()] == [("1.1", 1)]


def test_approval_refuses_a_provincial_figure_changed_since_the_proposal(reviewer, leader):
    hanoi = _hanoi(2024, "25.5")
    release = propose(reviewer, "1.1", [(2024, 0)])
    Observation.breakdowns.filter(pk=hanoi.pk).update(value=Decimal("25.75"))
    with pytest.raises(ReleaseError, match=r"1\.1 2024 \(Thành phố Hà Nội\) đã thay đổi sau khi đề xuất"):
        release_approve(release=release, approved_by=leader)
    release.refresh_from_db()
    assert release.status == "proposed"
    # The figure put back, then moved to another province: refused too, the release would name the wrong one.
    Observation.breakdowns.filter(pk=hanoi.pk).update(
        value=Decimal("25.5"), province=Province.objects.current().get(code=79)
    )
    with pytest.raises(ReleaseError, match=r"1\.1 2024 \(Thành phố Hà Nội\) đã thay đổi"):
        release_approve(release=release, approved_by=leader)


def test_the_open_data_give_each_figure_its_province_or_sector(client, reviewer, leader):
    _hanoi(2024, "25.5")
    _ict(2024, "3.75")
    release = publish(reviewer, leader, "1.1", [(2024, 0)])
    sector_release = publish(reviewer, leader, "1.2", [(2024, 0)])
    rows = _csv(client, "/public/data.csv")
    assert [(r["code"], r["period"], r["value"], *(r[c] for c in PLACES)) for r in rows] == [
        ("1.1", "2024", "18.3", "", "", "", ""),
        ("1.1", "2024", "25.5", "01", "Thành phố Hà Nội", "", ""),
        ("1.2", "2024", "3.75", "", "", "ict", "Ngành TTTT"),
    ]
    hanoi = rows[1]
    assert (hanoi["release"], hanoi["source"], hanoi["series"]) == (
        str(release.pk),
        "Cục Thống kê Hà Nội",
        "Báo cáo quý",
    )
    assert rows[2]["release"] == str(sector_release.pk)
    # The period's and the indicator's files hold the province's row too.
    assert len(_csv(client, "/public/data/2024.csv")) == 3 and len(_csv(client, "/public/indicators/1.1/data.csv")) == 2

    data = client.get("/public/data.json").json()
    assert data["columns"] == list(DATA_COLUMNS) and list(DATA_COLUMNS)[-4:] == list(PLACES)
    assert [tuple(r[c] for c in PLACES) for r in data["data"]] == [
        (None, None, None, None),
        ("01", "Thành phố Hà Nội", None, None),
        (None, None, "ict", "Ngành TTTT"),
    ]

    sheet = load_workbook(io.BytesIO(client.get("/public/data.xlsx").content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == list(DATA_COLUMNS)
    code = sheet.cell(row=3, column=header.index("province_code") + 1)
    assert (code.value, code.data_type, code.number_format) == ("01", "s", "@")  # 01 stays 01
    assert sheet.cell(row=2, column=header.index("province_code") + 1).value is None


def test_a_provincial_name_is_written_through_the_one_escaping_place(client, reviewer, leader):
    hanoi = _hanoi(2024, "25.5")
    Province.objects.filter(pk=hanoi.province_id).update(name="=HYPERLINK(1)")
    publish(reviewer, leader, "1.1", [(2024, 0)])
    assert _csv(client, "/public/data.csv")[1]["province_name"] == "'=HYPERLINK(1)"
    sheet = load_workbook(io.BytesIO(client.get("/public/data.xlsx").content)).worksheets[0]
    cell = sheet.cell(row=3, column=DATA_COLUMNS.index("province_name") + 1)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


def _chart(html: str) -> dict:
    found = re.search(r'<script id="public-chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def test_a_released_provincial_figure_changes_nothing_of_the_national_series(client, reviewer, leader):
    publish(reviewer, leader, "1.1", [(2021, 0), (2022, 0), (2023, 0), (2024, 0)])
    before_page = client.get("/public/indicators/1.1/").content.decode()
    before = public_indicator(clock.today(), "1.1")
    before_index = client.get("/public/").content.decode()
    metadata = client.get("/public/indicators/1.1/metadata.json").json()

    _hanoi(2024, "25.5")
    _hanoi(2025, "30.25")  # later than the nation's latest figure: still never the nation's latest
    publish(reviewer, leader, "1.1", [(2024, 0), (2025, 0)])
    after_page = client.get("/public/indicators/1.1/").content.decode()
    after = public_indicator(clock.today(), "1.1")

    assert _chart(after_page) == _chart(before_page)
    assert [(f.period, f.value) for f in after.figures] == [(f.period, f.value) for f in before.figures]
    assert after.progress == before.progress and after.latest_figure.period == "2024"
    assert [(f.province_name, f.period) for f in after.province_figures] == [
        ("Thành phố Hà Nội", "2024"),
        ("Thành phố Hà Nội", "2025"),
    ]
    assert client.get("/public/indicators/1.1/metadata.json").json() == metadata
    index = client.get("/public/").content.decode()
    assert index == before_index and "30,25" not in index
    # The provinces' figures in a table of their own, under its own heading, after the national one.
    national, provinces = after_page.split('id="by-province"')
    assert "25,5" not in national and "30,25" not in national
    assert "Theo tỉnh, thành phố" in provinces and "25,5%" in provinces and "30,25%" in provinces
    assert 'id="by-sector"' not in after_page


def test_a_provincial_figure_in_a_release_never_enters_the_verdict_it_shows(reviewer, leader):
    publish(reviewer, leader, "1.1", [(2021, 0), (2022, 0), (2023, 0), (2024, 0)])
    _hanoi(2024, "95")
    _hanoi(2025, "96")
    release = propose(reviewer, "1.1", [(2024, 0)])
    assert release_verdicts(release, clock.today()) == []  # no national figure in it: no national verdict moves
    release_approve(release=release, approved_by=leader)
    publish(reviewer, leader, "1.1", [(2025, 0)])  # Hà Nội's 2025, public: still not the nation's 2025
    Observation.objects.filter(indicator__code="1.1", year=2024).update(value=Decimal("18.5"))
    release = propose(reviewer, "1.1", [(2024, 0)], note="Điều chỉnh")
    (verdict,) = release_verdicts(release, clock.today())
    assert [(f.period, f.value) for f in verdict.public.figures][-1] == ("2024", Decimal("18.5"))
    assert all(f.is_national for f in verdict.public.figures)


def test_a_provincial_figure_republished_is_public_once_and_the_nations_stays(client, reviewer, leader):
    hanoi = _hanoi(2024, "25.5")
    publish(reviewer, leader, "1.1", [(2024, 0)])
    Observation.breakdowns.filter(pk=hanoi.pk).update(value=Decimal("26.25"))
    again = publish(reviewer, leader, "1.1", [(2024, 0)], note="Hà Nội điều chỉnh")
    assert [f.province_name for f in again.figures.all()] == ["Thành phố Hà Nội"]  # the nation's, unchanged, not again
    rows = _csv(client, "/public/data.csv")
    assert [(r["value"], r["province_code"]) for r in rows] == [("18.3", ""), ("26.25", "01")]


def test_the_indicator_page_costs_the_same_queries_with_the_provinces_and_sectors(
    client, reviewer, leader, django_assert_num_queries
):
    _hanoi(2024, "25.5")
    _ict(2024, "3.75")
    publish(reviewer, leader, "1.1", [(2024, 0)])
    publish(reviewer, leader, "1.2", [(2024, 0)])
    # 1 the cache key, 2 the published figures (indicator, release, document, province and sector joined),
    # 3 the targets, 4 the withdrawn releases.
    for code in ("1.1", "1.2"):
        with django_assert_num_queries(4):
            page = client.get(f"/public/indicators/{code}/").content.decode()
    assert "Theo ngành, lĩnh vực" in page and "Ngành TTTT" in page and 'id="by-province"' not in page
    with django_assert_num_queries(2):  # the key, the published figures
        client.get("/public/data.csv")
    for name in ("Đà Nẵng", "Cần Thơ"):
        Observation.objects.create(
            indicator=Indicator.objects.get(code="1.1"),
            year=2023,
            value=Decimal("20.5"),
            source="Cục Thống kê",
            province=Province.objects.current().get(name__endswith=name),
        )
    publish(reviewer, leader, "1.1", [(2023, 0)])
    with django_assert_num_queries(4):
        client.get("/public/indicators/1.1/")
    with django_assert_num_queries(2):
        assert len(_csv(client, "/public/data.csv")) == 6


def test_the_release_page_names_the_province_of_each_figure(client_for, reviewer, leader, django_assert_num_queries):
    _hanoi(2024, "25.5")
    release = propose(reviewer, "1.1", [(2024, 0)])
    page = client_for(leader).get(f"/releases/{release.pk}/").content.decode()
    assert "<td>Cả nước</td>" in page and "<td>Thành phố Hà Nội</td>" in page
    assert page.index("<td>Cả nước</td>") < page.index("<td>Thành phố Hà Nội</td>")


def test_an_indicator_published_for_a_province_alone_has_its_row_on_the_index(client, reviewer, leader):
    """The index reads the nation's figures, and of the provinces' and sectors' only which indicators have some."""
    publish(reviewer, leader, "2.1", [(2022, 0)])
    _hanoi(2024, "25.5")
    publish(reviewer, leader, "1.1", [(2024, 0)])  # 1.1 has a national figure of 2024 too: both released
    national = ReleasedFigure.objects.filter(indicator__code="1.1", province__isnull=True)
    national.delete()  # 1.1 is now published for Hà Nội alone
    rows = public_index(clock.today())
    assert [p.indicator.code for p in rows] == ["1.1", "2.1"]
    assert rows[0].figures == [] and rows[0].breakdowns == []  # the index holds none of the provinces' figures
    assert ">1.1<" in client.get("/public/").content.decode()


def test_a_communes_figure_is_never_released_as_the_nations(client, reviewer, leader):
    """A released figure names a province or a sector, not a commune: a commune's figure of the same indicator and
    period stays out of the release, its files and its pages (released, it would read as the nation's)."""
    from places.models import Commune

    commune = Commune.objects.filter(province__code=1).order_by("code").first()
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.1"), year=2024, value=Decimal("77.5"), source="UBND xã", commune=commune
    )
    release = publish(reviewer, leader, "1.1", [(2024, 0)])
    assert list(release.figures.values_list("value", "province", "sector")) == [(Decimal("18.3"), None, None)]
    assert "77,5" not in client.get("/public/indicators/1.1/").content.decode()
    assert all(row["value"] != "77.5" for row in _csv(client, "/public/data.csv"))


def test_the_index_reads_the_same_targets_in_force_as_each_indicators_page(reviewer, leader):
    """The index reads the targets as plain values (`StatedTarget`), each indicator's page as models: the one rule
    of `indicators.figures` must choose the same target in force from both, where several documents state one."""
    from django.db.models import Count

    from indicators.models import Observation, Target

    stated_twice = (
        Target.objects.values("indicator__code", "year", "kind")
        .annotate(documents=Count("document", distinct=True))
        .filter(documents__gt=1)
        .values_list("indicator__code", flat=True)
    )
    codes = sorted(set(stated_twice) & set(Observation.objects.values_list("indicator__code", flat=True)))[:4]
    assert len(codes) >= 2, "the reference data states some year's target in two documents"
    for code in codes:
        latest = Observation.objects.filter(indicator__code=code).latest("year", "quarter")
        publish(reviewer, leader, code, [(latest.year, latest.quarter)])

    def chosen(public):
        return {key: (t.comparator, t.value, t.wording, t.section, t.document.pk) for key, t in public.in_force.items()}

    index = {row.indicator.code: row for row in public_index(clock.today())}
    assert sorted(index) == codes
    for code in codes:
        page = public_indicator(clock.today(), code)
        assert chosen(index[code]) == chosen(page) and chosen(page)
        assert index[code].progress == page.progress
