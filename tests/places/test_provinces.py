"""The provinces and communes from the package vietnam-provinces: loaded by code, again without change, a rename kept
on record; GET /api/v1/provinces/ answers the 34 with the package's codes."""

import pytest
import vietnam_provinces
from django.core.management import call_command

from indicators.models import Unit
from places.models import Commune, Province
from places.services import places_load
from strategy_tracker import versions

pytestmark = pytest.mark.django_db

CITY = "thành phố trung ương"


def test_the_34_provinces_and_the_3321_communes_are_the_packages():
    current = Province.objects.current()
    assert current.count() == 34
    assert Commune.objects.count() == 3321
    assert {(p.code, p.name, p.division_type) for p in current} == {
        (int(p.code), p.name, p.division_type.value) for p in vietnam_provinces.Province.iter_all()
    }
    hanoi = Province.objects.current().get(code=1)
    assert (hanoi.name, hanoi.division_type, hanoi.code_text) == ("Thành phố Hà Nội", "thành phố trung ương", "01")
    assert hanoi.source.startswith("vietnam-provinces 2025.10.1")
    assert Commune.objects.get(code=70).province == hanoi  # Phường Hoàn Kiếm
    assert Commune.objects.filter(division_type="đặc khu").count() == 13


def test_each_province_has_its_reporting_unit_its_department_of_science_and_technology():
    units = Unit.objects.filter(kind=Unit.Kind.PROVINCE, province__isnull=False)
    assert units.count() == 34
    hanoi = units.get(province__code=1)
    assert (hanoi.slug, hanoi.short_name, hanoi.name) == (
        "skhcn-ha-noi",
        "Sở KHCN Hà Nội",
        "Sở Khoa học và Công nghệ Thành phố Hà Nội",
    )
    assert units.get(province__code=4).short_name == "Sở KHCN Cao Bằng"


def test_loading_again_changes_nothing():
    before = versions.versions()["reference"]
    report = places_load()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 34 + 34 + 3321)
    assert versions.versions()["reference"] == before


def test_a_renamed_province_is_named_again_as_the_package_says_and_its_old_name_stays_on_record():
    hue = Province.objects.current().get(code=46)
    hue.name = "Thừa Thiên Huế"
    hue.save()
    Commune.objects.filter(code=70).update(name="Phường Hoàn Kiếm cũ")
    before = versions.versions()["reference"]
    report = places_load()
    assert (report.created, report.updated) == (0, 2)
    hue.refresh_from_db()
    assert hue.name == "Thành phố Huế"
    assert [h.name for h in hue.history.order_by("history_id")][-2:] == ["Thừa Thiên Huế", "Thành phố Huế"]
    assert Commune.objects.get(code=70).name == "Phường Hoàn Kiếm"
    assert versions.versions()["reference"] > before


def test_a_province_the_package_no_longer_lists_is_reported_and_left_in_force():
    Province.objects.create(code=99, name="Tỉnh thử", division_type="tỉnh", codename="tinh_thu", source="thử")
    report = places_load()
    assert report.not_in_package == (99,)
    assert Province.objects.current().filter(code=99).exists()


def test_the_command_says_what_it_did(capsys):
    call_command("load_places")
    out = capsys.readouterr().out
    assert "vietnam-provinces 2025.10.1" in out and "0" in out


def test_the_api_answers_the_34_with_the_packages_codes_and_the_former_provinces(
    client_for, cvt_reporter, django_assert_num_queries
):
    client = client_for(cvt_reporter)
    client.get("/api/v1/provinces/")  # the session and the role read once
    # the session; the person with their role; the provinces; their former provinces (all 63 in one query)
    with django_assert_num_queries(4):
        data = client.get("/api/v1/provinces/").json()
    assert len(data) == 34
    assert [row["code"] for row in data] == [f"{int(p.code):02d}" for p in vietnam_provinces.Province.iter_all()]
    assert data[0] == {
        "code": "01",
        "name": "Thành phố Hà Nội",
        "division_type": CITY,
        "codename": "ha_noi",
        "predecessors": [
            {"code": "01", "name": "Thành phố Hà Nội", "division_type": CITY, "valid_to": "2025-06-30"},
        ],
    }
    by_name = {row["name"]: row["predecessors"] for row in data}
    assert by_name["Tuyên Quang"] == [
        {"code": "02", "name": "Hà Giang", "division_type": "tỉnh", "valid_to": "2025-06-30"},
        {"code": "08", "name": "Tuyên Quang", "division_type": "tỉnh", "valid_to": "2025-06-30"},
    ]
    assert sum(len(former) for former in by_name.values()) == 63


@pytest.mark.parametrize("who", ["cvt_reporter", "reviewer", "leader", "admin_user"])
def test_every_role_reads_the_provinces(who, request, client_for):
    assert client_for(request.getfixturevalue(who)).get("/api/v1/provinces/").status_code == 200


def test_nobody_without_a_role_or_a_sign_in_reads_them(client, django_user_model):
    assert client.get("/api/v1/provinces/").status_code == 401
    client.force_login(django_user_model.objects.create_user("no_role"))
    assert client.get("/api/v1/provinces/").status_code == 403


def test_the_schema_describes_the_route(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/provinces/" in schema["paths"]


def test_the_admin_shows_a_province_with_its_code_and_name_read_only(client_for, admin_user):
    hanoi = Province.objects.current().get(code=1)
    page = client_for(admin_user).get(f"/admin/places/province/{hanoi.pk}/change/").content.decode()
    assert "Thành phố Hà Nội" in page
    assert 'name="name"' not in page and 'name="code"' not in page
    assert client_for(admin_user).get("/admin/places/commune/add/").status_code == 403


def test_a_reviewer_has_no_admin(client_for, reviewer):
    assert client_for(reviewer).get("/admin/places/province/").status_code == 302
