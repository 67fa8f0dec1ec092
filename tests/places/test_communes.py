"""Figures by commune: kept out of the nation's and the provinces' series by the database's rules, raising their
indicator's revision as a province's figure does, listed on the indicator's page "Theo xã, phường" (50 a page, of
one province with ?province=), and generated at the benchmark's size of the communes."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.assessment import assess_indicator
from indicators.models import Document, Indicator, Observation, Target
from places.models import Commune, Province, Sector
from places.selectors import COMMUNES_PER_PAGE

pytestmark = pytest.mark.django_db

PAGE = "/indicators/2.1/communes/"


def _figure(code: str = "2.1", *, year: int = 2025, quarter: int = 0, value: str = "91.5", **place) -> Observation:
    return Observation.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        quarter=quarter,
        value=Decimal(value),
        source="UBND xã",
        document=Document.objects.get(slug="cv-5473-2024"),
        **place,
    )


def _commune(province: int = 1, index: int = 0) -> Commune:
    return Commune.objects.filter(province__code=province, province__valid_to__isnull=True).order_by("code")[index]


def _communes_with_figures(count: int, code: str = "2.1") -> list[Commune]:
    """The first `count` communes by code, each with two figures of `code` (2024 and 2025's second quarter)."""
    communes = list(Commune.objects.order_by("code")[:count])
    indicator = Indicator.objects.get(code=code)
    Observation.objects.bulk_create(
        Observation(indicator=indicator, year=year, quarter=quarter, value=Decimal(value), source="UBND xã", commune=c)
        for c in communes
        for year, quarter, value in ((2024, 4, "40"), (2025, 2, "45,5".replace(",", ".")))
    )
    return communes


# The model's rules, kept by the database.


def test_a_communes_figure_stays_out_of_the_nations_series_and_raises_its_revision_as_a_provinces_does(on_day):
    indicator = Indicator.objects.with_figures().get(code="2.1")
    before = assess_indicator(indicator, date(2026, 11, 30)).progress
    revision = indicator.revision
    commune = _commune()
    figure = _figure(commune=commune)
    indicator = Indicator.objects.with_figures().get(code="2.1")
    assert indicator.revision == revision + 1  # a province's figure raises it by one too
    assert figure not in indicator.observations.all()
    assert not Observation.objects.filter(pk=figure.pk).exists()  # the default manager: the nation's only
    assert assess_indicator(indicator, date(2026, 11, 30)).progress == before
    assert list(Observation.breakdowns.for_commune(commune.code)) == [figure]
    assert not Observation.breakdowns.filter(province__isnull=False).exists()  # nor in the provinces' figures
    assert figure.history.count() == 1


def test_one_figure_a_commune_a_period_and_a_document_and_never_a_commune_with_a_province_or_a_sector():
    commune, other = _commune(), _commune(index=1)
    hanoi = Province.objects.current().get(code=1)
    _figure()  # the nation's, Hà Nội's and another commune's, same period and document: each its own
    _figure(province=hanoi)
    _figure(commune=commune)
    _figure(commune=other)
    with pytest.raises(IntegrityError), transaction.atomic():
        _figure(commune=commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        _figure(year=2024, commune=commune, province=hanoi)
    with pytest.raises(IntegrityError), transaction.atomic():
        _figure("1.2", year=2024, commune=commune, sector=Sector.objects.get(slug="du-lich-thong-minh"))


def test_a_target_for_a_commune_is_one_per_document_section_and_never_the_nations():
    document = Document.objects.get(slug="cv-5473-2024")
    fields = {"indicator": Indicator.objects.get(code="2.1"), "year": 2027, "kind": "plan", "document": document}
    commune = _commune()
    target = Target.objects.create(
        **fields, comparator=">=", value=Decimal(50), wording="Tối thiểu 50%", commune=commune
    )
    assert not Target.objects.filter(pk=target.pk).exists()
    assert list(Target.breakdowns.for_commune(commune.code)) == [target]
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(**fields, comparator=">=", value=Decimal(60), wording="Tối thiểu 60%", commune=commune)


def test_a_commune_with_figures_is_kept():
    from django.db.models import ProtectedError

    commune = _commune()
    _figure(commune=commune)
    with pytest.raises(ProtectedError):
        commune.delete()


# The page "Theo xã, phường".


def test_the_indicator_page_links_to_its_communes_only_when_it_has_their_figures(client_for, leader):
    client = client_for(leader)
    assert PAGE not in client.get("/indicators/2.1/").content.decode()
    _figure(commune=_commune())
    html = client.get("/indicators/2.1/").content.decode()
    assert f'href="{PAGE}"' in html and "Theo xã, phường" in html
    assert PAGE not in client.get("/indicators/2.5/").content.decode()


def test_the_indicator_page_costs_no_query_more_for_the_link(client_for, leader):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> list[str]:
        client.get("/indicators/2.1/")  # its parts kept
        with CaptureQueriesContext(connection) as done:
            html = client.get("/indicators/2.1/").content.decode()
        return [*(q["sql"] for q in done.captured_queries), PAGE in html]

    client = client_for(leader)
    without = queries()
    _figure(commune=_commune())
    with_link = queries()
    # Whether it has figures by commune is read in the query of the indicator, as for provinces and sectors.
    assert len(with_link) == len(without) and with_link[-1] and not without[-1]


def test_each_commune_shows_its_latest_figure_in_the_order_of_their_codes(client_for, leader):
    communes = _communes_with_figures(3)
    html = client_for(leader).get(PAGE).content.decode()
    table = html.split('id="commune-figures"', 1)[1]
    assert [c.name for c in communes] == sorted([c.name for c in communes], key=lambda n: table.index(n))
    assert table.count("45,5") == 3 and "40" not in table.split("</thead>", 1)[1]  # the 2025 figure, not 2024's
    assert "Q2/2025" in table or "Quý 2/2025" in table
    assert "3 xã, phường có số liệu." in html


def test_a_page_lists_50_communes_and_links_the_next(client_for, leader):
    communes = _communes_with_figures(COMMUNES_PER_PAGE + 3)
    client = client_for(leader)
    first = client.get(PAGE).content.decode()
    assert first.count('<td class="num">') == COMMUNES_PER_PAGE
    assert communes[0].name in first and communes[-1].name not in first
    assert "?page=2" in first
    second = client.get(PAGE + "?page=2").content.decode()
    assert second.count('<td class="num">') == 3 and communes[-1].name in second and "?page=1" in second


def test_the_province_filter_lists_its_communes_only_and_keeps_the_filter_in_the_page_links(client_for, leader):
    hanoi = list(Commune.objects.filter(province__code=1).order_by("code")[: COMMUNES_PER_PAGE + 1])
    elsewhere = Commune.objects.exclude(province__code=1).order_by("code").first()
    for commune in [*hanoi, elsewhere]:
        _figure(commune=commune)
    client = client_for(leader)
    html = client.get(PAGE + "?province=01").content.decode()
    assert elsewhere.name not in html.split('id="commune-figures"', 1)[1]
    assert html.count('<td class="num">') == COMMUNES_PER_PAGE
    assert "?province=1&amp;page=2" in html
    assert '<option value="1" selected>' in html
    second = client.get(PAGE + "?province=1&page=2").content.decode()
    assert second.count('<td class="num">') == 1 and hanoi[-1].name in second
    assert elsewhere.name in client.get(PAGE + "?page=2").content.decode()  # after Hà Nội's 51, unfiltered


def test_an_unknown_indicator_or_province_is_not_found(client_for, leader):
    client = client_for(leader)
    assert client.get("/indicators/9.99/communes/").status_code == 404
    assert client.get(PAGE + "?province=99").status_code == 404
    assert client.get(PAGE + "?province=x").status_code == 404
    former = Province.objects.filter(valid_to__isnull=False).first()
    if former is not None and not Province.objects.current().filter(code=former.code).exists():
        assert client.get(f"{PAGE}?province={former.code}").status_code == 404


def test_an_indicator_without_commune_figures_has_an_empty_page(client_for, leader):
    html = client_for(leader).get(PAGE).content.decode()
    assert "Chưa có xã, phường nào có số liệu của chỉ tiêu này." in html


@pytest.mark.parametrize("count", [3, COMMUNES_PER_PAGE * 3])
def test_the_page_costs_the_same_queries_whatever_the_communes(count, client_for, leader, django_assert_num_queries):
    _communes_with_figures(count)
    client = client_for(leader)
    client.get(PAGE)
    # 1 session, 2 the person with their membership, 3 the indicator, 4 the provinces in force (the filter), 5 how
    # many communes have a figure, 6 the page's communes with their provinces and their latest figure's key, 7 those
    # figures with their documents.
    with django_assert_num_queries(7):
        assert client.get(PAGE).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(PAGE + "?province=1&page=2").status_code == 200


@pytest.mark.parametrize("who", ["cvt_reporter", "neac_reporter", "reviewer", "leader", "admin_user"])
def test_whoever_reads_the_indicator_reads_its_communes(who, request, client_for):
    _figure(commune=_commune())
    assert client_for(request.getfixturevalue(who)).get(PAGE).status_code == 200


def test_nobody_signed_out_or_without_a_role(client, django_user_model):
    assert client.get(PAGE).status_code == 302
    client.force_login(django_user_model.objects.create_user("no_role"))
    assert client.get(PAGE).status_code == 403


# The benchmark's size.


def test_the_communes_benchmark_size_gives_each_commune_every_quarterly_figure_of_the_first_indicators():
    from indicators.benchmark_data import SIZES, Size, benchmark_data_generate

    assert SIZES["communes"].communes == 3321 and SIZES["communes"].commune_indicators == 20
    size = Size(units=2, indicators=3, quarters=4, submission_quarters=1, communes=5, commune_indicators=2)
    report = benchmark_data_generate(size=size, today=date(2026, 11, 30))
    figures = Observation.breakdowns.filter(commune__isnull=False)
    assert figures.count() == 5 * 2 * 4
    assert set(figures.values_list("indicator__code", flat=True)) == {"9.1", "9.2"}
    assert set(figures.values_list("commune__code", flat=True)) == set(
        Commune.objects.order_by("code").values_list("code", flat=True)[:5]
    )
    assert Observation.objects.filter(indicator__code__startswith="9.", quarter__gt=0).count() == 3 * 4
    assert report.observations == Observation._base_manager.filter(indicator__code__startswith="9.").count()
    # On record as every figure is.
    assert Observation.history.filter(commune__isnull=False).count() == 5 * 2 * 4
    assert {h.history_type for h in Observation.history.filter(commune__isnull=False)} == {"+"}
    for figure in figures.select_related("indicator"):
        if figure.indicator.max_value is not None:
            assert figure.value <= figure.indicator.max_value


def test_a_commune_figure_raises_its_indicators_revision_and_no_other():
    def revisions():
        return dict(Indicator.objects.filter(code__in=["2.1", "2.5"]).values_list("code", "revision"))

    before = revisions()
    _figure(commune=_commune())
    assert revisions() == {"2.1": before["2.1"] + 1, "2.5": before["2.5"]}
