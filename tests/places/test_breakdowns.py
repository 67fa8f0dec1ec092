"""Figures and targets for a province or a sector beside the nation's: the nation's series never takes them in."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.assessment import assess_indicator
from indicators.models import Document, Indicator, Observation, Target
from places.models import Province, Sector

pytestmark = pytest.mark.django_db


def _figure(code: str, **place) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=2025,
        quarter=0,
        value=Decimal("91.5"),
        source="Sở KHCN Hà Nội",
        document=Document.objects.get(slug="cv-5473-2024"),
        **place,
    )


def test_the_sectors_are_those_the_documents_name():
    sectors = list(Sector.objects.values_list("slug", "name", "indicator__code", "document__slug"))
    assert sectors == [
        ("ict", "Ngành TTTT", "1.2.1", "qd-466-2023"),
        ("other", "Các ngành, lĩnh vực khác", "1.2.2", "qd-466-2023"),
        ("thuong-mai-dien-tu", "Thương mại điện tử", None, "cv-5473-2024"),
        ("du-lich-thong-minh", "Du lịch thông minh", None, "cv-5473-2024"),
        ("nong-nghiep-thong-minh", "Nông nghiệp thông minh", None, "cv-5473-2024"),
        ("san-xuat-thong-minh", "Sản xuất thông minh", None, "cv-5473-2024"),
        ("logistics-thong-minh", "Logistics thông minh", None, "cv-5473-2024"),
    ]


def test_no_figure_for_a_province_or_a_sector_is_loaded_that_no_document_gives():
    assert not Observation.breakdowns.exists()
    assert not Target.breakdowns.exists()


def test_a_provinces_figure_stays_out_of_the_national_series_and_is_read_as_the_provinces(on_day):
    indicator = Indicator.objects.with_figures().get(code="2.1")
    before = assess_indicator(indicator, date(2026, 11, 30)).progress
    revision = indicator.revision
    hanoi = Province.objects.current().get(code=1)
    figure = _figure("2.1", province=hanoi)
    indicator = Indicator.objects.with_figures().get(code="2.1")
    assert indicator.revision > revision  # the page and the API read it at once
    assert figure not in indicator.observations.all()
    assert assess_indicator(indicator, date(2026, 11, 30)).progress == before
    assert list(Observation.breakdowns.for_province(1)) == [figure]
    assert not Observation.breakdowns.for_province(79).exists()


def test_one_figure_a_province_a_period_and_a_document_and_never_a_province_and_a_sector_at_once():
    hanoi = Province.objects.current().get(code=1)
    _figure("2.1")  # the nation's, same period and document: its own figure
    _figure("2.1", province=hanoi)
    _figure("2.1", province=Province.objects.current().get(code=79))
    with pytest.raises(IntegrityError), transaction.atomic():
        _figure("2.1", province=hanoi)
    with pytest.raises(IntegrityError), transaction.atomic():
        _figure("1.2", province=hanoi, sector=Sector.objects.get(slug="du-lich-thong-minh"))


def test_a_document_cited_only_by_a_sectors_figure_is_cited():
    document = Document.objects.create(slug="bao-cao-nganh", kind="report", title="Báo cáo ngành", issuer="Bộ")
    assert not document.is_cited()
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.2"),
        year=2025,
        value=Decimal("11"),
        source="Báo cáo ngành",
        document=document,
        sector=Sector.objects.get(slug="thuong-mai-dien-tu"),
    )
    assert document.is_cited()


def test_the_provinces_benchmark_size_gives_each_province_every_quarterly_figure_of_the_nation():
    from indicators.benchmark_data import Size, benchmark_data_generate

    size = Size(units=2, indicators=2, quarters=4, submission_quarters=1, provinces=3)
    report = benchmark_data_generate(size=size, today=date(2026, 11, 30))
    national = Observation.objects.filter(indicator__code__startswith="9.", quarter__gt=0)
    provincial = Observation.breakdowns.filter(indicator__code__startswith="9.")
    assert national.count() == 2 * 4 and provincial.count() == 3 * 2 * 4
    assert set(provincial.values_list("province__code", flat=True)) == {1, 4, 8}  # the first three by code
    assert report.observations == Observation._base_manager.filter(indicator__code__startswith="9.").count()
    for figure in provincial.select_related("indicator"):
        if figure.indicator.max_value is not None:
            assert figure.value <= figure.indicator.max_value
