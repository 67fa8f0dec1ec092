"""Regions (vùng) and the reviewer's filters by kind of unit and by region: on the overview of the quarter, the
consolidated table and the monitoring API. None is shipped; the regions here are made for the tests ("Vùng thử
A/B"), no document's. Named people: the reviewer of Vụ KTS và XHS, the reporter of Cục Viễn thông, the reporter of
Sở KHCN Hà Nội, the administrator.

Three provinces' units report 1.1 for their province: Hà Nội and Hải Phòng in "Vùng thử A", Hồ Chí Minh in "Vùng
thử B"; Cần Thơ's reports it too and is in no region. The five ministry units report the nation's indicators."""

import re

import pytest
from django.urls import reverse

from indicators.models import Indicator, Unit
from places.models import Province, Region
from places.regions import NATIONAL, UnitKind, kept
from places.services import demo_provincial_reporter_create, region_provinces_set

pytestmark = pytest.mark.django_db

PERIOD = "2026Q4"
MINISTRY_UNITS = {"Vụ KTS và XHS", "Cục Viễn thông", "Trung tâm NEAC", "Cục CĐSQG", "Cục ATTT"}
REGION_A = {"Sở KHCN Hà Nội", "Sở KHCN Hải Phòng"}
REGION_B = {"Sở KHCN Hồ Chí Minh"}
NO_REGION = {"Sở KHCN Cần Thơ"}
PROVINCES = REGION_A | REGION_B | NO_REGION
TEST_SOURCE = "Dữ liệu thử nghiệm, không phải vùng của văn bản nào."


def _region(name: str, slug: str, order: int, codes: tuple[int, ...]) -> Region:
    region = Region.objects.create(name=name, slug=slug, order=order, source=TEST_SOURCE)
    region_provinces_set(region=region, provinces=Province.objects.current().filter(code__in=codes))
    return region


@pytest.fixture
def provinces_report(db):
    """Four provinces' units report 1.1 for their province (Hà Nội's has its demo reporter)."""
    demo_provincial_reporter_create()
    one = Indicator.objects.get(code="1.1")
    for unit in Unit.objects.filter(province__code__in=(31, 79, 92), province__valid_to__isnull=True):
        unit.provincial_indicators.add(one)


@pytest.fixture
def regions(provinces_report):
    return _region("Vùng thử A", "vung-thu-a", 1, (1, 31)), _region("Vùng thử B", "vung-thu-b", 2, (79,))


@pytest.fixture
def hanoi_reporter(provinces_report):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.select_related("membership__unit").get(username="skhcn_hanoi")


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("provincial", "region", "kind", "chosen", "expected"),
    [
        (False, "", "", "", True),
        (True, "", "", "", True),
        (False, "", UnitKind.MINISTRY, "", True),
        (True, "a", UnitKind.MINISTRY, "", False),
        (False, "", UnitKind.PROVINCE, "", False),
        (True, "", UnitKind.PROVINCE, "", True),
        (False, "", "", NATIONAL, True),
        (True, "a", "", NATIONAL, False),
        (True, "a", "", "a", True),
        (True, "b", "", "a", False),
        (True, "", "", "a", False),  # a province in no region is in no chosen region
        (False, "", "", "a", False),  # a region never keeps a ministry's unit
        (True, "a", UnitKind.MINISTRY, "a", False),
    ],
)
def test_the_rule(provincial, region, kind, chosen, expected):
    assert kept(provincial=provincial, region=region, kind=kind, chosen_region=chosen) is expected


# ---------------------------------------------------------------- the model and the admin


def test_a_province_belongs_to_one_region_at_most_and_each_move_is_on_record(regions):
    a, b = regions
    hanoi = Province.objects.current().get(code=1)
    assert hanoi.region == a and set(a.provinces.values_list("code", flat=True)) == {1, 31}
    assert region_provinces_set(region=b, provinces=[hanoi, *b.provinces.all()]) == 1
    hanoi.refresh_from_db()
    assert hanoi.region == b and set(a.provinces.values_list("code", flat=True)) == {31}
    assert [h.region_id for h in hanoi.history.order_by("history_date", "history_id")][-2:] == [a.pk, b.pk]
    assert region_provinces_set(region=b, provinces=[]) == 2  # Hà Nội and Hồ Chí Minh leave it
    assert not b.provinces.exists()


def test_the_administrator_enters_a_region_with_its_provinces_and_sees_them_in_the_admin(client_for, admin_user):
    client = client_for(admin_user)
    hanoi, haiphong = (Province.objects.current().get(code=c) for c in (1, 31))
    response = client.post(
        "/admin/places/region/add/",
        {
            "name": "Vùng thử A",
            "slug": "vung-thu-a",
            "order": "1",
            "source": TEST_SOURCE,
            "provinces": [hanoi.pk, haiphong.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    region = Region.objects.get(slug="vung-thu-a")
    assert set(region.provinces.values_list("code", flat=True)) == {1, 31}
    assert region.history.count() == 1 and hanoi.history.latest().region_id == region.pk
    assert hanoi.history.latest().history_user == admin_user
    form = client.get(f"/admin/places/region/{region.pk}/change/").content.decode()
    chosen = re.search(r'<select name="provinces"[^>]*>(.*?)</select>', form, re.S)
    assert chosen is not None
    assert re.search(rf'value="{hanoi.pk}"[^>]*selected', chosen.group(1))
    listing = client.get("/admin/places/region/").content.decode()
    assert "Vùng thử A" in listing and ">2<" in listing  # its provinces counted
    province_form = client.get(f"/admin/places/province/{hanoi.pk}/change/").content.decode()
    assert 'name="region"' in province_form
    filtered = client.get("/admin/places/province/", {"region__id__exact": region.pk}).content.decode()
    assert "Hải Phòng" in filtered and "Hồ Chí Minh" not in filtered


@pytest.mark.parametrize("slug", ["national", "1", "Vung-A", ""])
def test_a_region_key_is_never_the_filters_choice_nor_a_number(client_for, admin_user, slug):
    response = client_for(admin_user).post(
        "/admin/places/region/add/", {"name": "Vùng thử", "slug": slug, "order": "0", "source": TEST_SOURCE}
    )
    assert response.status_code == 200 and not Region.objects.exists()


# ---------------------------------------------------------------- the overview of the quarter


def _overview_units(response) -> set[str]:
    from tests.reporting.test_review_pages import overview_rows

    assert response.status_code == 200
    return set(overview_rows(response))


def _select(html: str, name: str) -> list[str]:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return [] if found is None else re.findall(r"<option[^>]*>(.*?)</option>", found.group(1))


def test_without_a_region_the_reviewer_has_no_region_control_and_the_kind_still_filters(
    client_for, reviewer, provinces_report
):
    client = client_for(reviewer)
    html = client.get(reverse("reporting:overview")).content.decode()
    assert _select(html, "region") == [] and "Vùng" not in html
    assert _select(html, "kind") == ["Tất cả", "Các bộ, ngành (trung ương)", "Tỉnh, thành phố"]
    every = _overview_units(client.get(reverse("reporting:overview")))
    assert every == MINISTRY_UNITS | PROVINCES
    ministries = _overview_units(client.get(reverse("reporting:overview"), {"kind": "ministry"}))
    assert ministries == MINISTRY_UNITS
    assert _overview_units(client.get(reverse("reporting:overview"), {"kind": "province"})) == PROVINCES


@pytest.mark.parametrize(
    ("query", "units"),
    [
        ({}, MINISTRY_UNITS | PROVINCES),
        ({"region": ""}, MINISTRY_UNITS | PROVINCES),
        ({"region": "vung-thu-a"}, REGION_A),
        ({"region": "vung-thu-b"}, REGION_B),
        ({"region": NATIONAL}, MINISTRY_UNITS),
        ({"kind": "province"}, PROVINCES),
        ({"kind": "ministry"}, MINISTRY_UNITS),
        ({"kind": "province", "region": "vung-thu-b"}, REGION_B),
        ({"kind": "ministry", "region": "vung-thu-b"}, set()),
    ],
)
def test_each_choice_keeps_its_units_on_the_overview(client_for, reviewer, regions, query, units):
    response = client_for(reviewer).get(reverse("reporting:overview"), {"period": PERIOD, **query})
    assert _overview_units(response) == units
    html = response.content.decode()
    total = len(units)
    assert f"0/{total} đơn vị đã gửi báo cáo" in html


def test_the_reviewer_sees_the_region_control_its_help_and_each_units_region(client_for, reviewer, regions):
    html = client_for(reviewer).get(reverse("reporting:overview"), {"region": "vung-thu-a"}).content.decode()
    assert _select(html, "region") == ["Tất cả", "Các bộ, ngành (trung ương)", "Vùng thử A", "Vùng thử B"]
    assert re.search(r'<option value="vung-thu-a" selected>', html)
    assert "chỉ giữ các đơn vị của các tỉnh, thành phố thuộc vùng" in html
    from tests.reporting.test_review_pages import overview_rows

    row = overview_rows(client_for(reviewer).get(reverse("reporting:overview"), {"region": "vung-thu-a"}))
    assert row["Sở KHCN Hà Nội"].startswith("Vùng thử A")
    # The links to the other quarters keep the choice.
    assert "?period=2026Q3&amp;region=vung-thu-a" in html


def test_a_choice_that_is_not_one_keeps_every_unit_and_says_so(client_for, reviewer, regions):
    response = client_for(reviewer).get(reverse("reporting:overview"), {"region": "vung-khong-co"})
    assert _overview_units(response) == MINISTRY_UNITS | PROVINCES
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_reporters_still_reach_only_their_own_unit(client_for, cvt_reporter, hanoi_reporter, regions):
    response = client_for(cvt_reporter).get(reverse("reporting:overview"), {"region": "vung-thu-a"})
    assert response.status_code == 302 and response.url == reverse("reporting:unit", args=["cuc-vt"])
    response = client_for(hanoi_reporter).get(reverse("reporting:overview"), {"region": "vung-thu-a"})
    assert response.status_code == 302 and response.url == reverse("reporting:unit", args=["skhcn-ha-noi"])
    assert client_for(hanoi_reporter).get(f"/reports/{PERIOD}/", {"region": "vung-thu-a"}).status_code == 403


def test_the_overview_costs_the_same_queries_whatever_the_regions_and_provinces(
    client_for, reviewer, provinces_report, django_assert_num_queries
):
    client = client_for(reviewer)
    # session; the person with their membership, its unit and their unread notifications (access, page header); the
    # regions; the reporting units with their provinces and regions; the period's submissions (with their reviewer);
    # the period's reminders (with who sent them)
    with django_assert_num_queries(6):
        assert len(_overview_units(client.get(reverse("reporting:overview"), {"kind": "province"}))) == 4
    _region("Vùng thử A", "vung-thu-a", 1, (1, 31))
    _region("Vùng thử B", "vung-thu-b", 2, (79,))
    one = Indicator.objects.get(code="1.1")
    for unit in Unit.objects.filter(province__code__in=(4, 8, 11, 12, 14), province__valid_to__isnull=True):
        unit.provincial_indicators.add(one)
    with django_assert_num_queries(6):
        assert len(_overview_units(client.get(reverse("reporting:overview"), {"kind": "province"}))) == 9
    with django_assert_num_queries(6):
        assert _overview_units(client.get(reverse("reporting:overview"), {"region": "vung-thu-a"})) == REGION_A


# ---------------------------------------------------------------- the consolidated table


def _completeness_units(html: str) -> set[str]:
    body = html.split("completeness-table", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)[1:]
    return {re.sub(r"<[^>]+>", "", re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)[0]).strip() for row in rows}


def _outstanding_units(html: str) -> set[str]:
    if "outstanding" not in html:
        return set()
    section = html.split('class="notice notice-warn outstanding"', 1)[1].split("</section>", 1)[0]
    return set(re.findall(r"<strong>(.*?)</strong>", section))


@pytest.mark.parametrize(
    ("query", "units"),
    [
        ({}, MINISTRY_UNITS | PROVINCES),
        ({"region": "vung-thu-a"}, REGION_A),
        ({"region": "vung-thu-b"}, REGION_B),
        ({"region": NATIONAL}, MINISTRY_UNITS),
        ({"kind": "province"}, PROVINCES),
        ({"kind": "ministry"}, MINISTRY_UNITS),
    ],
)
def test_each_choice_keeps_its_units_on_the_consolidated_table_and_the_year(
    client_for, reviewer, regions, on_day, query, units
):
    from datetime import date

    on_day(date(2026, 12, 8))  # every unit is missing Q4 (deadline 05/12): all outstanding
    client = client_for(reviewer)
    for url in (f"/reports/{PERIOD}/", "/reports/2026/"):
        html = client.get(url, query).content.decode()
        assert _completeness_units(html) == units, url
        assert _outstanding_units(html) == units, url
        # The table's rows are the nation's, whatever units are chosen.
        assert 'data-code="2.1"' in html and 'data-code="1.1"' in html


def test_the_table_shows_the_region_control_only_when_a_region_exists(client_for, reviewer, provinces_report):
    client = client_for(reviewer)
    html = client.get(f"/reports/{PERIOD}/").content.decode()
    assert _select(html, "region") == [] and _select(html, "kind")
    _region("Vùng thử A", "vung-thu-a", 1, (1, 31))
    html = client.get(f"/reports/{PERIOD}/").content.decode()
    assert _select(html, "region") == ["Tất cả", "Các bộ, ngành (trung ương)", "Vùng thử A"]
    assert "các dòng của bảng là số liệu của cả nước" in html


def test_the_tables_files_are_the_whole_report_whatever_the_page_shows(client_for, reviewer, regions, on_day):
    """The files are the report sent to Viện Chiến lược TTTT: every unit, never a region's share of it (the filters
    are the page's)."""
    import io
    from datetime import date

    import openpyxl

    on_day(date(2026, 12, 8))  # every unit is missing Q4: all outstanding, listed under the xlsx's table
    client = client_for(reviewer)
    csv = client.get(f"/reports/{PERIOD}/table.csv").content
    assert client.get(f"/reports/{PERIOD}/table.csv", {"region": "vung-thu-a"}).content == csv
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/reports/{PERIOD}/table.xlsx", {"region": "vung-thu-a"}).content)
    )
    cells = " ".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert all(name in cells for name in MINISTRY_UNITS | REGION_B | NO_REGION)


def test_the_table_costs_the_same_queries_whatever_the_regions(
    client_for, reviewer, provinces_report, django_assert_num_queries
):
    from tests.reports.test_query_counts import TABLE_QUERIES

    client = client_for(reviewer)
    client.get(f"/reports/{PERIOD}/")  # made and kept
    # The table page's queries (the regions among them); no version sent yet: no frozen copy, nor the values changed
    # and the submissions reviewed since it.
    queries = TABLE_QUERIES - 3
    with django_assert_num_queries(queries):
        client.get(f"/reports/{PERIOD}/")
    _region("Vùng thử A", "vung-thu-a", 1, (1, 31))
    _region("Vùng thử B", "vung-thu-b", 2, (79, 92))
    client.get(f"/reports/{PERIOD}/", {"region": "vung-thu-b"})  # made again for the reference data's version
    with django_assert_num_queries(queries):
        html = client.get(f"/reports/{PERIOD}/", {"region": "vung-thu-b"}).content.decode()
    assert _completeness_units(html) == REGION_B | NO_REGION


# ---------------------------------------------------------------- the monitoring API


def _api_units(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["unit"]["name"] for row in response.json()}


@pytest.mark.parametrize(
    ("query", "units"),
    [
        ({}, MINISTRY_UNITS | PROVINCES),
        ({"region": "vung-thu-a"}, REGION_A),
        ({"region": NATIONAL}, MINISTRY_UNITS),
        ({"kind": "province"}, PROVINCES),
        ({"kind": "ministry"}, MINISTRY_UNITS),
        ({"kind": "province", "region": "vung-thu-b"}, REGION_B),
    ],
)
def test_the_monitoring_api_keeps_the_same_units(client_for, reviewer, regions, query, units):
    names = {u.slug: u.short_name for u in Unit.objects.all()}
    response = client_for(reviewer).get("/api/v1/submissions/", {"period": PERIOD, **query})
    assert {names[row["unit"]["slug"]] for row in response.json()} == units


def test_the_monitoring_api_takes_a_region_by_id_and_says_each_units_region(client_for, reviewer, regions):
    a, _b = regions
    rows = client_for(reviewer).get("/api/v1/submissions/", {"period": PERIOD, "region": str(a.pk)}).json()
    assert {(row["unit"]["slug"], row["unit"]["region"]) for row in rows} == {
        ("skhcn-ha-noi", "vung-thu-a"),
        ("skhcn-hai-phong", "vung-thu-a"),
    }
    every = client_for(reviewer).get("/api/v1/submissions/", {"period": PERIOD}).json()
    regions_of = {row["unit"]["slug"]: row["unit"]["region"] for row in every}
    assert regions_of["cuc-vt"] is None and regions_of["skhcn-can-tho"] is None


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ({"region": "vung-khong-co"}, {"region": ["Không có vùng nào có id hoặc khoá “vung-khong-co”."]}),
        ({"region": "999"}, {"region": ["Không có vùng nào có id hoặc khoá “999”."]}),
        ({"region": ""}, {"region": ["Ghi giá trị cho region, hoặc bỏ tham số này."]}),
        ({"kind": "tinh"}, {"kind": ["Ghi kind là ministry hoặc province."]}),
    ],
)
def test_the_monitoring_api_refuses_a_region_or_kind_that_is_not_one(client_for, reviewer, regions, query, answer):
    response = client_for(reviewer).get("/api/v1/submissions/", {"period": PERIOD, **query})
    assert (response.status_code, response.json()) == (400, answer)


def test_a_reporter_through_the_api_still_sees_only_their_unit(client_for, hanoi_reporter, regions):
    client = client_for(hanoi_reporter)
    assert _api_units(client.get("/api/v1/submissions/", {"period": PERIOD, "region": "vung-thu-a"})) == {
        "Sở Khoa học và Công nghệ Thành phố Hà Nội"
    }
    assert _api_units(client.get("/api/v1/submissions/", {"period": PERIOD, "region": "vung-thu-b"})) == set()
