"""The 63 provinces before 1 July 2025 (fixtures/former_provinces.csv: codes, names and types of vietnam-provinces
0.6.0, the mapping of Nghị quyết 202/2025/QH15), each with the province of the 34 it became part of; loaded again
without change, an edit kept on record."""

import shutil
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from indicators.models import Indicator, Observation, Target
from indicators.periods import period_end
from indicators.reference_data import ReferenceDataError
from places.models import Province
from places.reference_data import former_provinces_load
from strategy_tracker import versions
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

LAST_DAY = date(2025, 6, 30)
CITY = "thành phố trung ương"

# The pre-reform codes of the General Statistics Office, the names as vietnam-provinces 0.6.0 writes them (without
# “Tỉnh ”; “Hoà Bình” as the statistics office spells it; 46 a centrally governed city since 1 January 2025) and the
# province of the 34 each became part of (Nghị quyết 202/2025/QH15, Điều 1).
EXPECTED = {
    1: ("Thành phố Hà Nội", "Thành phố Hà Nội"),
    2: ("Hà Giang", "Tuyên Quang"),
    4: ("Cao Bằng", "Cao Bằng"),
    6: ("Bắc Kạn", "Thái Nguyên"),
    8: ("Tuyên Quang", "Tuyên Quang"),
    10: ("Lào Cai", "Lào Cai"),
    11: ("Điện Biên", "Điện Biên"),
    12: ("Lai Châu", "Lai Châu"),
    14: ("Sơn La", "Sơn La"),
    15: ("Yên Bái", "Lào Cai"),
    17: ("Hoà Bình", "Phú Thọ"),
    19: ("Thái Nguyên", "Thái Nguyên"),
    20: ("Lạng Sơn", "Lạng Sơn"),
    22: ("Quảng Ninh", "Quảng Ninh"),
    24: ("Bắc Giang", "Bắc Ninh"),
    25: ("Phú Thọ", "Phú Thọ"),
    26: ("Vĩnh Phúc", "Phú Thọ"),
    27: ("Bắc Ninh", "Bắc Ninh"),
    30: ("Hải Dương", "Thành phố Hải Phòng"),
    31: ("Thành phố Hải Phòng", "Thành phố Hải Phòng"),
    33: ("Hưng Yên", "Hưng Yên"),
    34: ("Thái Bình", "Hưng Yên"),
    35: ("Hà Nam", "Ninh Bình"),
    36: ("Nam Định", "Ninh Bình"),
    37: ("Ninh Bình", "Ninh Bình"),
    38: ("Thanh Hóa", "Thanh Hóa"),
    40: ("Nghệ An", "Nghệ An"),
    42: ("Hà Tĩnh", "Hà Tĩnh"),
    44: ("Quảng Bình", "Quảng Trị"),
    45: ("Quảng Trị", "Quảng Trị"),
    46: ("Thành phố Huế", "Thành phố Huế"),
    48: ("Thành phố Đà Nẵng", "Thành phố Đà Nẵng"),
    49: ("Quảng Nam", "Thành phố Đà Nẵng"),
    51: ("Quảng Ngãi", "Quảng Ngãi"),
    52: ("Bình Định", "Gia Lai"),
    54: ("Phú Yên", "Đắk Lắk"),
    56: ("Khánh Hòa", "Khánh Hòa"),
    58: ("Ninh Thuận", "Khánh Hòa"),
    60: ("Bình Thuận", "Lâm Đồng"),
    62: ("Kon Tum", "Quảng Ngãi"),
    64: ("Gia Lai", "Gia Lai"),
    66: ("Đắk Lắk", "Đắk Lắk"),
    67: ("Đắk Nông", "Lâm Đồng"),
    68: ("Lâm Đồng", "Lâm Đồng"),
    70: ("Bình Phước", "Đồng Nai"),
    72: ("Tây Ninh", "Tây Ninh"),
    74: ("Bình Dương", "Thành phố Hồ Chí Minh"),
    75: ("Đồng Nai", "Đồng Nai"),
    77: ("Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
    79: ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    80: ("Long An", "Tây Ninh"),
    82: ("Tiền Giang", "Đồng Tháp"),
    83: ("Bến Tre", "Vĩnh Long"),
    84: ("Trà Vinh", "Vĩnh Long"),
    86: ("Vĩnh Long", "Vĩnh Long"),
    87: ("Đồng Tháp", "Đồng Tháp"),
    89: ("An Giang", "An Giang"),
    91: ("Kiên Giang", "An Giang"),
    92: ("Thành phố Cần Thơ", "Thành phố Cần Thơ"),
    93: ("Hậu Giang", "Thành phố Cần Thơ"),
    94: ("Sóc Trăng", "Thành phố Cần Thơ"),
    95: ("Bạc Liêu", "Cà Mau"),
    96: ("Cà Mau", "Cà Mau"),
}


def former():
    return Province.objects.filter(valid_to__isnull=False).select_related("successor")


def test_63_former_provinces_and_still_34_in_force():
    assert former().count() == 63
    assert set(former().values_list("valid_to", flat=True)) == {LAST_DAY}
    assert Province.objects.current().count() == 34
    assert Province.objects.count() == 97


def test_their_codes_names_and_successors_are_the_lists_of_the_package_and_the_resolution():
    assert {p.code: (p.name, p.successor.name) for p in former()} == EXPECTED
    assert {p.code for p in former() if p.division_type == CITY} == {1, 31, 46, 48, 79, 92}
    assert {p.division_type for p in former() if p.code not in {1, 31, 46, 48, 79, 92}} == {"tỉnh"}
    hagiang = former().get(code=2)
    assert (hagiang.codename, hagiang.phone_code, hagiang.code_text) == ("tinh_ha_giang", 219, "02")
    assert hagiang.source == "vietnam-provinces 0.6.0 (2025-01-04); Nghị quyết 202/2025/QH15, Điều 1"


def test_every_former_province_became_part_of_a_province_in_force_and_each_of_the_34_has_one():
    assert all(p.successor.valid_to is None for p in former())
    counts = {p.code: len(p.former) for p in Province.objects.current().with_predecessors()}
    assert len(counts) == 34 and min(counts.values()) >= 1
    assert sorted(counts.values()).count(1) == 11  # the 11 not merged: each continues one former province
    # A new province may have a former one's code: Lào Cai is 15, Yên Bái's; former Lào Cai was 10.
    assert [p.code for p in Province.objects.current().with_predecessors().get(code=15).former] == [10, 15]


def test_merged_from_names_the_former_provinces_only_when_there_were_several():
    provinces = {p.name: p for p in Province.objects.current().with_predecessors()}
    assert [p.name for p in provinces["Tuyên Quang"].merged_from] == ["Hà Giang", "Tuyên Quang"]
    assert [p.name for p in provinces["Ninh Bình"].merged_from] == ["Hà Nam", "Nam Định", "Ninh Bình"]
    assert provinces["Thành phố Hà Nội"].merged_from == []


def test_loading_again_changes_nothing():
    before = (versions.versions()["reference"], Province.history.count())
    report = former_provinces_load(directory=FIXTURES)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 63)
    assert (versions.versions()["reference"], Province.history.count()) == before


def test_an_edit_is_put_back_from_the_file_and_stays_on_record():
    hoabinh = former().get(code=17)
    hoabinh.name = "Hòa Bình"  # as an administrator might write it
    hoabinh.save()
    report = former_provinces_load(directory=FIXTURES)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 62)
    hoabinh.refresh_from_db()
    assert hoabinh.name == "Hoà Bình"
    assert [h.name for h in hoabinh.history.order_by("history_id")] == ["Hoà Bình", "Hòa Bình", "Hoà Bình"]


def test_a_missing_former_province_is_created_and_the_others_kept():
    Province.objects.filter(code=2, valid_to=LAST_DAY).delete()
    report = former_provinces_load(directory=FIXTURES)
    assert (report.created, report.unchanged) == (1, 62)
    assert former().get(code=2).successor.name == "Tuyên Quang"


def test_a_successor_the_package_does_not_name_stops_the_load_and_changes_nothing(tmp_path):
    directory = tmp_path / "fixtures"
    directory.mkdir()
    shutil.copy(FIXTURES / "former_provinces.csv", directory)
    path = directory / "former_provinces.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",Tuyên Quang,", ",Tỉnh Tuyên Quang mới,", 1))
    Province.objects.filter(code=2, valid_to=LAST_DAY).delete()
    with pytest.raises(ReferenceDataError, match="former_provinces.csv, dòng 3.*Tỉnh Tuyên Quang mới"):
        former_provinces_load(directory=directory)
    assert former().count() == 62


def test_a_former_province_has_its_last_day(tmp_path):
    directory = tmp_path / "fixtures"
    directory.mkdir()
    text = (FIXTURES / "former_provinces.csv").read_text(encoding="utf-8")
    (directory / "former_provinces.csv").write_text(text.replace(",2025-06-30,", ",,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="dòng 2: một tỉnh, thành phố cũ"):
        former_provinces_load(directory=directory)
    assert Province.objects.current().get(code=1).name == "Thành phố Hà Nội"


def test_a_code_names_one_former_province_ending_on_a_day():
    hanoi = Province.objects.current().get(code=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Province.objects.create(
            code=2, name="Hà Giang", division_type="tỉnh", codename="x", valid_to=LAST_DAY, successor=hanoi, source="x"
        )


def test_the_commands_say_what_they_did(capsys):
    call_command("load_places")
    out = capsys.readouterr().out
    assert "Tỉnh, thành phố cũ từ former_provinces.csv: 0 thêm mới, 0 cập nhật, 63 không đổi." in out
    call_command("load_reference_data")
    assert "63 không đổi" in capsys.readouterr().out


def test_the_admin_lists_a_provinces_former_provinces(client_for, admin_user):
    tuyen_quang = Province.objects.current().get(code=8)
    page = client_for(admin_user).get(f"/admin/places/province/{tuyen_quang.pk}/change/").content.decode()
    inline = page.split("Các tỉnh, thành phố cũ hợp nhất vào", 1)[1].split("</fieldset>", 1)[0]
    assert inline.count('<td class="field-name">') == 2
    assert "Hà Giang" in inline


def _figure(province: Province, year: int, value: str, quarter: int = 0) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2"),
        year=year,
        quarter=quarter,
        value=Decimal(value),
        source="Sở KHCN",
        province=province,
    )


def test_a_period_ends_on_its_last_day():
    assert [period_end(2025, q) for q in (0, 1, 2, 3, 4)] == [
        date(2025, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]


def test_a_former_province_is_named_only_for_a_period_over_by_its_last_day():
    hagiang = former().get(code=2)
    indicator = Indicator.objects.get(code="1.2")
    for year, quarter in ((2024, 0), (2025, 2)):
        Observation(indicator=indicator, year=year, quarter=quarter, value=1, source="x", province=hagiang).full_clean()
    for year, quarter in ((2025, 0), (2025, 3), (2026, 1)):
        with pytest.raises(ValidationError) as refused:
            Observation(
                indicator=indicator, year=year, quarter=quarter, value=1, source="x", province=hagiang
            ).full_clean()
        assert "Hà Giang chỉ tồn tại đến hết ngày 30/06/2025" in refused.value.message_dict["province"][0]
        assert "(Tuyên Quang)" in refused.value.message_dict["province"][0]
    target = Target(indicator=indicator, year=2025, kind="goal", wording="x", province=hagiang)
    with pytest.raises(ValidationError):
        target.clean()
    Observation(indicator=indicator, year=2030, value=1, source="x", province=hagiang.successor).full_clean()


def test_a_former_provinces_figures_are_read_with_the_province_it_became_part_of(
    client_for, leader, django_assert_num_queries
):
    tuyen_quang = Province.objects.current().get(code=8)
    _figure(former().get(code=2), 2024, "3")  # Hà Giang
    _figure(former().get(code=8), 2024, "4")  # the former Tuyên Quang, which had the code the new one has
    _figure(tuyen_quang, 2025, "5", quarter=4)
    _figure(former().get(code=10), 2024, "6")  # the former Lào Cai (10): part of Lào Cai, now 15
    assert Observation.breakdowns.for_province(8).count() == 3
    client = client_for(leader)
    client.get("/api/v1/indicators/1.2/figures/?province=08")
    # the session; the person with their role; the indicator; the province exists; the count; the page
    with django_assert_num_queries(6):
        data = client.get("/api/v1/indicators/1.2/figures/?province=08").json()
    assert [(r["period"], r["value"], r["province"], r["former_province"]) for r in data["results"]] == [
        ("2024", "3", "08", {"code": "02", "name": "Hà Giang"}),
        ("2024", "4", "08", {"code": "08", "name": "Tuyên Quang"}),
        ("2025Q4", "5", "08", None),
    ]
    lao_cai = client.get("/api/v1/indicators/1.2/figures/?province=15").json()["results"]
    assert [(r["value"], r["province"], r["former_province"]) for r in lao_cai] == [
        ("6", "15", {"code": "10", "name": "Lào Cai"})
    ]
    # A former province's own code names no province in force: its figures are read under its successor's.
    assert client.get("/api/v1/indicators/1.2/figures/?province=10").status_code == 400
    assert client.get("/api/v1/indicators/1.2/figures/?province=02").status_code == 400


def test_the_pages_name_the_former_provinces_of_a_merged_province_and_rank_only_the_34(client_for, leader):
    tuyen_quang = Province.objects.current().get(code=8)
    _figure(tuyen_quang, 2025, "5", quarter=4)
    _figure(former().get(code=2), 2024, "30")  # Hà Giang: not ranked, it is not a province now
    _figure(Province.objects.current().get(code=1), 2025, "7", quarter=4)
    client = client_for(leader)
    page = client.get(reverse("indicator_detail", args=["1.2"])).content.decode()
    table = page.split('id="province-table"', 1)[1].split("</table>", 1)[0]
    assert "Tuyên Quang<br><span" in table and "gồm: Hà Giang, Tuyên Quang" in table
    assert "Thành phố Hà Nội</th>" in table  # one former province, itself: nothing beside it
    assert table.count('class="num">1<') + table.count('class="num">2<') == 2 and "30%" not in table
    heatmap = client.get("/provinces/").content.decode().split('id="province-flags"', 1)[1]
    assert "Ninh Bình<br><span" in heatmap and "gồm: Hà Nam, Nam Định, Ninh Bình" in heatmap
