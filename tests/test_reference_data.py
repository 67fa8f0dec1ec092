"""The reference data is exactly what the seed documents say, loads all or nothing, and loads twice the same."""

import shutil
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.models import Document, Indicator, Observation, Target, Unit
from indicators.reference_data import ReferenceDataError, reference_data_load
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

QD466 = "466/QĐ-BTTTT"
CV5473 = "5473/BTTTT-KTS&XHS"
FORUM = "bc-dien-dan-kts-2023"


def test_the_seventeen_indicators_of_466_with_the_sub_rows_of_1_2():
    top_level = Indicator.objects.filter(introduced_by__number=QD466, parent__isnull=True)
    assert [i.code for i in top_level] == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6",
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11",
    ]  # fmt: skip
    assert [i.code for i in Indicator.objects.get(code="1.2").children.all()] == ["1.2.1", "1.2.2"]
    assert Indicator.objects.get(code="1.2.1").name == "Ngành TTTT"


def test_the_two_indicators_that_5473_adds():
    added = Indicator.objects.filter(introduced_by__number=CV5473)
    assert {i.name for i in added} == {
        "Tỷ lệ doanh nghiệp công nghệ số/1.000 dân",
        "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử VNeID",
    }


@pytest.mark.parametrize(
    ("code", "source", "reporter"),
    [
        ("1.1", "Bộ Kế hoạch và Đầu tư (Tổng cục Thống kê)", "Vụ KTS và XHS"),
        ("1.4", "Các bộ, ngành liên quan", "Trung tâm NEAC"),
        ("2.1", "Bộ Kế hoạch và Đầu tư (Tổng cục Thống kê)", "Cục Viễn thông"),
        ("2.4", "Bộ Lao động, Thương binh và Xã hội", "Cục CĐSQG"),
        ("2.5", "Bộ Kế hoạch và Đầu tư (Tổng cục Thống kê)", "Cục Viễn thông"),
        ("2.6", "Bộ Thông tin và Truyền thông", "Cục ATTT"),
    ],
)
def test_data_source_and_reporting_unit_as_in_466(code, source, reporter):
    indicator = Indicator.objects.select_related("reporting_unit").get(code=code)
    assert indicator.data_source == source
    assert indicator.reporting_unit.short_name == reporter


# (code, year, document, section, comparator, value, wording): read from the seed documents.
TARGETS = [
    ("1.1", 2023, QD466, "Mục II.1", ">=", "15.5", "15,5%"),
    ("1.1", 2024, QD466, "Mục II.1", ">=", "17.5", "17,5%"),
    ("1.1", 2025, QD466, "Mục II.1", ">=", "20", "20%"),
    ("1.1", 2030, CV5473, "Đoạn mở đầu", ">=", "30", "năm 2030 tối thiểu 30%"),
    ("1.2", 2025, QD466, "Mục II.1", ">=", "10", "Tối thiểu 10%"),
    ("1.2.1", 2023, QD466, "Mục II.1", "~", "6", "Ngành TTTT khoảng 6%."),
    ("1.2.1", 2023, QD466, "Phụ lục 01", "~", "6", "6%"),
    ("1.2.1", 2024, QD466, "Mục II.1", "~", "8", "Ngành TTTT khoảng 8%."),
    ("1.3", 2023, QD466, "Mục II.1", "", None, "Kế hoạch của Bộ Công Thương"),
    ("1.3", 2023, QD466, "Phụ lục 01", ">=", "8", "8%"),
    ("1.3", 2025, QD466, "Mục II.1", ">", "10", "Trên 10%"),
    ("1.6", 2023, QD466, "Phụ lục 01", ">=", "3", "3%"),
    ("1.6", 2025, QD466, "Mục II.1", ">", "2", "Trên 2%"),
    ("2.1", 2023, QD466, "Mục II.1", ">=", "87", "87%"),
    ("2.1", 2024, QD466, "Mục II.1", ">=", "90", "90%"),
    ("2.1", 2025, QD466, "Mục II.1", ">=", "80", "80%"),
    ("2.2", 2023, QD466, "Mục II.1", "", None, "Theo Kế hoạch của Ngân hàng Nhà nước Việt Nam"),
    ("2.2", 2023, QD466, "Phụ lục 01", ">=", "70", "70%"),
    ("2.3", 2023, QD466, "Mục II.1", ">=", "15", "15%"),
    ("2.3", 2024, QD466, "Mục II.1", ">=", "30", "30%"),
    ("2.3", 2025, QD466, "Mục II.1", ">", "50", "Trên 50%"),
    ("2.5", 2024, QD466, "Mục II.1", ">=", "79", "79%"),
    ("2.8", 2025, QD466, "Mục II.1", ">", "30", "Trên 30%"),
    ("2.8", 2025, QD466, "Phụ lục 01", ">", "50", "> 50%"),
    ("2.9", 2025, QD466, "Mục II.1", ">=", "90", "90%"),
    ("2.9", 2025, QD466, "Phụ lục 01", ">", "50", "> 50%"),
    ("2.10", 2025, QD466, "Mục II.1", ">=", "80", "80%"),
    ("2.11", 2025, QD466, "Mục II.1", ">=", "70", "70%"),
    ("2.11", 2025, QD466, "Phụ lục 01", ">", "50", "> 50%"),
    ("1.7", 2025, CV5473, "Phụ lục, Mục II", ">", "0.7", "Tỷ lệ doanh nghiệp công nghệ số/1.000 dân đạt trên 0,7"),
    (
        "2.12",
        2025,
        CV5473,
        "Phụ lục, Mục II",
        ">=",
        "80",
        "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử VNeID đạt 80%",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("code", "year", "document", "section", "comparator", "value", "wording"), TARGETS)
def test_target_as_the_document_states_it(code, year, document, section, comparator, value, wording):
    target = Target.objects.get(indicator__code=code, year=year, document__number=document, section=section)
    assert target.comparator == comparator
    assert target.value == (Decimal(value) if value else None)
    assert target.wording == wording


@pytest.mark.parametrize(
    ("code", "comparator", "value", "wording"),
    [("1.1", ">=", "30", "đến năm 2030 đạt 30% GDP"), ("1.2", ">=", "20", "đến năm 2030 đạt tối thiểu 20%"),
     ("2.1", ">=", "95", "đạt 95% vào năm 2030"), ("2.2", ">", "95", "trên 95% vào năm 2030")],
)  # fmt: skip
def test_2030_goals_of_decision_411_from_the_forum_report(code, comparator, value, wording):
    target = Target.objects.get(indicator__code=code, year=2030, document__slug=FORUM)
    expected = ("goal", comparator, Decimal(value), wording)
    assert (target.kind, target.comparator, target.value, target.wording) == expected


def test_the_6_percent_of_phu_luc_01_on_row_1_2_is_the_ict_sectors_khoang_6_percent_of_muc_ii_1():
    assert not Target.objects.filter(indicator__code="1.2", year=2023).exists()
    ict_2023 = Target.objects.filter(indicator__code="1.2.1", year=2023, document__number=QD466)
    assert sorted((t.section, t.comparator, t.value) for t in ict_2023) == [
        ("Mục II.1", "~", Decimal("6")), ("Phụ lục 01", "~", Decimal("6")),
    ]  # fmt: skip
    assert "Ngành TTTT khoảng 6%" in ict_2023.get(section="Phụ lục 01").note


@pytest.mark.parametrize("code", ["1.2.1", "1.2.2"])
def test_a_sub_row_of_1_2_holds_the_per_sector_goal_of_its_parent(code):
    """466 row 1.2 and the forum report set the digital economy's share "trong từng ngành, lĩnh vực": at least 10%
    in each sector in 2025 and 20% in 2030. The ICT sector (1.2.1) and the other sectors (1.2.2) each hold it."""
    goals = Target.objects.filter(indicator__code=code, kind="goal").select_related("document")
    stated = sorted((t.year, t.comparator, t.value, t.document.slug) for t in goals)
    assert stated == [(2025, ">=", Decimal(10), "qd-466-2023"), (2030, ">=", Decimal(20), FORUM)]
    parent = {(t.year, t.comparator, t.value) for t in Target.objects.filter(indicator__code="1.2", kind="goal")}
    assert {(year, comparator, value) for year, comparator, value, _doc in stated} <= parent
    assert all("trong từng ngành, lĩnh vực" in t.note for t in goals)


def test_the_2025_goals_of_5473_stand_in_its_annex_not_its_body():
    goals = Target.objects.filter(document__number=CV5473, year=2025)
    assert goals.count() == 7  # the seven lines of “II. MỤC TIÊU ĐẾN NĂM 2025” of the annex
    assert set(goals.values_list("section", flat=True)) == {"Phụ lục, Mục II"}


def test_the_4_36_of_row_1_2_is_noted_as_written_without_a_unit():
    estimate = Observation.objects.get(indicator__code="1.2", year=2022, document__number=QD466)
    assert estimate.value == Decimal("4.36")
    assert "không kèm đơn vị" in estimate.note and not estimate.unit_written
    assert Observation.objects.filter(unit_written=False).count() == 1  # every other figure is written with its unit


@pytest.mark.parametrize(
    ("number", "rank"),
    [("411/QĐ-TTg", 40), (QD466, 30), (CV5473, 20), (None, 10)],
)
def test_each_document_has_its_legal_rank(number, rank):
    document = Document.objects.get(number=number) if number else Document.objects.get(slug=FORUM)
    assert document.rank == rank


def test_indicator_1_6_has_no_2023_plan_in_the_main_text_where_466_writes_a_dash():
    assert not Target.objects.filter(indicator__code="1.6", year__in=[2023, 2024], section="Mục II.1").exists()


# (code, year, value, provisional, document, source starts with)
ESTIMATES = [
    ("1.1", 2022, "14.26", True, QD466, "[1] Hiện nay, Tổng cục Thống kê"),
    ("1.2", 2022, "4.36", True, QD466, "[2] Số liệu do Bộ TTTT tạm ước tính."),
    ("1.3", 2022, "7.5", False, QD466, "[3] Theo Báo cáo Kết quả chuyển đổi số 2022"),
    ("1.5", 2022, "30.07", True, QD466, "Quyết định 466/QĐ-BTTTT"),
    ("2.1", 2022, "85", True, QD466, "Quyết định 466/QĐ-BTTTT"),
    ("2.2", 2021, "74.63", False, QD466, "[4] Số liệu do Ngân hàng Nhà nước Việt Nam cung cấp năm 2021."),
    ("2.3", 2021, "0.34", False, QD466, "[5] Theo kết quả đánh giá và xếp hạng chuyển đổi số năm 2022"),
    ("2.4", 2021, "37.94", False, QD466, "[6] Theo kết quả đánh giá và xếp hạng chuyển đổi số năm 2022"),
    ("2.5", 2022, "75", True, QD466, "Quyết định 466/QĐ-BTTTT"),
]


@pytest.mark.parametrize(("code", "year", "value", "provisional", "document", "source"), ESTIMATES)
def test_2022_estimate_column_of_466_with_its_footnote(code, year, value, provisional, document, source):
    obs = Observation.objects.get(indicator__code=code, year=year, quarter=0, document__number=document)
    assert obs.value == Decimal(value)
    assert obs.provisional is provisional
    assert obs.source.startswith(source)


def test_466_has_no_2022_estimate_where_it_writes_a_dash():
    for code in ["2.6", "2.7", "2.8", "2.9", "2.10", "2.11"]:
        assert not Observation.objects.filter(indicator__code=code).exists(), code


def test_digital_economy_share_series_of_5473():
    series = Observation.objects.filter(indicator__code="1.1", document__number=CV5473).order_by("year")
    assert [(o.year, o.value) for o in series] == [
        (2021, Decimal("11.91")), (2022, Decimal("14.26")), (2023, Decimal("16.5")), (2024, Decimal("18.3")),
    ]  # fmt: skip
    assert all(o.provisional and "Học viện Công nghệ Bưu chính, Viễn thông" in o.source for o in series)


def test_the_2025_mergers_are_data():
    mic = Unit.objects.select_related("successor").get(slug="bo-tttt")
    assert mic.successor.name == "Bộ Khoa học và Công nghệ"
    assert Unit.objects.get(slug="bo-khdt").successor.name == "Bộ Tài chính"
    assert Unit.objects.get(slug="tcts").successor.slug == "cuc-tk"
    cvt = Unit.objects.get(slug="cuc-vt")
    assert cvt.parent == mic and cvt.kind == Unit.Kind.MINISTRY_UNIT


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Unit, Document, Indicator, Target, Observation, Indicator.history.model, Target.history.model)
    }


def test_loading_twice_changes_nothing():
    before = _counts()
    report = reference_data_load(directory=FIXTURES)
    assert (report.created, report.updated) == (0, 0)
    provinces_units = Unit.objects.filter(province__isnull=False).count()  # made by places_load, not from a file
    loaded = sum(before[m] for m in ("Unit", "Document", "Indicator", "Target", "Observation")) - provinces_units
    assert report.unchanged == loaded + 2
    assert _counts() == before


def _broken_copy(tmp_path, filename, old, new):
    directory = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, directory)
    path = directory / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("filename", "old", "new", "message"),
    [
        ("targets.csv", "2.5,2024,plan,>=,79,79%", "2.x5,2024,plan,>=,79,79%", "targets.csv, dòng 52"),
        ("targets.csv", "2.5,2024,plan,>=,79,79%", "2.5,2024,plan,>=,bảy chín,79%", "“bảy chín”"),
        ("targets.csv", "2.5,2024,plan,>=,79,79%", "2.5,2023,plan,>=,77,77%", "targets.csv, dòng 52"),
        ("observations.csv", "2.5,2022,75,yes", "2.5,2022,75%,yes", "observations.csv, dòng 16"),
        ("observations.csv", "2.5,2022,75,yes", "2.5,2022Q5,75,yes", "2022Q5"),
        ("indicators.csv", "2.6,2,,", "2.6,9,,", "indicators.csv, dòng 16"),
        ("documents.csv", "decision,30,", "decision,35,", "documents.csv, dòng 3, cột “rank”: “35”"),
        ("documents.csv", "decision,30,", "decision,,", "documents.csv, dòng 3, cột “rank”"),
        ("documents.csv", "Truyền thông,2023-03-28", "Truyền thông,2024-03-28", "dòng 3: Văn bản này đã được"),
        ("documents.csv", "decision,30,", "decision,40,", "chỉ được sửa qua “Đính chính cấp hoặc ngày văn bản”"),
    ],
)
def test_bad_row_stops_loading_names_file_and_row_and_changes_nothing(tmp_path, filename, old, new, message):
    Target.objects.filter(indicator__code="2.5", year=2024).update(value=Decimal("1"))  # would be repaired by a load
    before = _counts()
    with pytest.raises(ReferenceDataError) as excinfo:
        reference_data_load(directory=_broken_copy(tmp_path, filename, old, new))
    assert message in str(excinfo.value)
    assert _counts() == before
    assert Target.objects.get(indicator__code="2.5", year=2024).value == Decimal("1")


def test_the_database_refuses_a_target_with_a_value_but_no_comparator():
    target = Target.objects.filter(value__isnull=False).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(comparator="")


def test_the_database_refuses_a_quarter_five():
    obs = Observation.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.filter(pk=obs.pk).update(quarter=5)


def test_the_database_refuses_two_figures_for_one_period_from_one_document():
    obs = Observation.objects.filter(document__isnull=False).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            indicator=obs.indicator, year=obs.year, quarter=obs.quarter, value=1, source="x", document=obs.document
        )


def test_a_database_loaded_before_the_corrections_is_corrected_by_its_migration_on_record():
    """5473's 2025 goals once stood under “Mục II” and Phụ lục 01's 2023 “6%” on 1.2: the migration moves them,
    each change in the target's history with its reason, and the corrected files then load without a new row."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("indicators.migrations.0005_correct_reference_targets")
    Target.objects.filter(document__number=CV5473, section="Phụ lục, Mục II").update(section="Mục II")
    annex_6 = Target.objects.get(indicator__code="1.2.1", year=2023, section="Phụ lục 01")
    Target.objects.filter(pk=annex_6.pk).update(indicator=Indicator.objects.get(code="1.2"), comparator=">=", note="")

    migration.correct_reference_targets(apps, None)

    assert not Target.objects.filter(document__number=CV5473, section="Mục II").exists()
    annex_6.refresh_from_db()
    assert (annex_6.indicator.code, annex_6.comparator) == ("1.2.1", "~")
    recorded = annex_6.history.filter(history_change_reason__isnull=False).latest()
    assert "ngành TTTT (1.2.1)" in recorded.history_change_reason
    report = reference_data_load(directory=FIXTURES)
    assert (report.created, report.updated) == (0, 0)
