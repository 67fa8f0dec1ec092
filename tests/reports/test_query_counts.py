"""The table, the report and the API cost the same number of queries whatever the number of units, indicators,
quarters and sent versions."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Document, Indicator, IndicatorGroup, Target, TargetProposal, Unit
from reports.models import Consolidation
from tests.reports.conftest import send

pytestmark = pytest.mark.django_db


def grow(cvt_reporter, neac_reporter, reviewer, on_day, n: int) -> None:
    """n more indicators with targets, n more reporting units, n target adjustment proposals awaiting a decision, a
    back-filled quarter sent, one version sent."""
    group = IndicatorGroup.objects.get(code="2")
    document = Document.objects.get(slug="qd-466-2023")
    for i in range(n):
        unit = Unit.objects.create(slug=f"don-vi-{i}", name=f"Đơn vị {i}", short_name=f"ĐV {i}", kind="ministry_unit")
        indicator = Indicator.objects.create(
            code=f"2.{20 + i}",
            group=group,
            name=f"Chỉ tiêu thêm {i}",
            measure_unit="%",
            reporting_unit=unit,
            introduced_by=document,
        )
        Target.objects.create(
            indicator=indicator,
            year=2030,
            kind="goal",
            comparator=">=",
            value=Decimal(50),
            wording="50%",
            document=document,
        )
        TargetProposal.objects.create(
            indicator=Indicator.objects.get(code="2.1"),
            year=2030,
            comparator=">=",
            value=Decimal(96 + i),
            reason=f"Đã vượt xa mục tiêu ({i}).",
            replaces=Target.objects.filter(indicator__code="2.1", year=2030).first(),
            proposed_by=reviewer,
        )
    send(
        cvt_reporter,
        "2026Q3",
        {"2.1": {"value": "85.5"}, "2.5": {"value": "80"}},
        on=date(2026, 10, 4),
        accept_by=reviewer,
    )
    send(
        neac_reporter,
        "2026Q4",
        {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}},
        on=date(2026, 12, 2),
        accept_by=reviewer,
    )
    on_day(date(2026, 12, 8))
    Consolidation.objects.create(
        year=2026,
        quarter=4,
        version=n + 1,
        consolidated_at="2026-12-08T10:00:00+07:00",
        consolidated_by=reviewer,
        snapshot={"rows": [], "year": 2026},
    )


# The table page: session, the person with their membership and its unit (the access check and the header);
# the data versions the rows, the completeness and the proposals are kept for; the regions (the units' filter); the
# data version the filter form is kept for; the versions sent; the last version's frozen copy; the history of values
# changed since it; the submissions reviewed since it; the year's reminders to the units and the reporters of the
# units outstanding (beside each unit still outstanding).
TABLE_QUERIES = 11
# The proposals, when not kept for the data version (the first page, or in another language): them.
PROPOSAL_QUERIES = 1
# The filter form, when not kept for the data version (the first page, or in another language): its groups and
# units.
FILTER_QUERIES = 2
# The rows, when not kept for what they are made from (the first page after a change, or in another language):
# the indicators with their stored assessments, and the year's submitted values.
ROW_QUERIES = 2
# The first page of the day, or after figures or targets changed, makes the assessments not stored for today: their
# targets and the targets' documents, their observations and the observations' documents, and storing them (the
# upsert in a savepoint of its own).
REMAKE_QUERIES = 7
# The units' completeness, when not kept for what it is made from: the reporting units, the year's submissions.
COMPLETENESS_QUERIES = 2
# The report page and its files: session, the person with their membership and its unit (the header); the data
# versions the page (the files: the rows, the completeness and the proposals) is kept for.
REPORT_QUERIES = 3
CSV_QUERIES = REPORT_QUERIES
# The xlsx and the Word report: the same, and who issues and signs the report (`report_issuer`).
FILE_QUERIES = REPORT_QUERIES + 1
# The report page, when not kept for the data versions: its data reads them again (its parts' keys).
REPORT_MADE_QUERIES = 1


@pytest.mark.parametrize("n", [1, 4])
def test_the_table_page_costs_the_same_whatever_the_size(
    client_for, cvt_reporter, neac_reporter, reviewer, on_day, django_assert_num_queries, n
):
    grow(cvt_reporter, neac_reporter, reviewer, on_day, n)
    client = client_for(reviewer)
    made = ROW_QUERIES + COMPLETENESS_QUERIES + REMAKE_QUERIES + PROPOSAL_QUERIES + FILTER_QUERIES
    with django_assert_num_queries(TABLE_QUERIES + made):
        client.get(reverse("reports:table", args=["2026Q4"]))
    with django_assert_num_queries(TABLE_QUERIES):
        response = client.get(reverse("reports:table", args=["2026Q4"]))
    assert response.status_code == 200 and f"2.{20 + n - 1}" in response.content.decode()
    # In English, the rows, the completeness, the proposals and the filter form are made again (their words are the
    # language's), from the stored assessments.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with django_assert_num_queries(
        TABLE_QUERIES + ROW_QUERIES + COMPLETENESS_QUERIES + PROPOSAL_QUERIES + FILTER_QUERIES
    ):
        response = client.get(reverse("reports:table", args=["2026Q4"]))
    assert "Consolidated table" in response.content.decode()


@pytest.mark.parametrize("n", [1, 4])
def test_the_report_page_and_the_files_cost_the_same_whatever_the_size(
    client_for, cvt_reporter, neac_reporter, reviewer, on_day, django_assert_num_queries, n
):
    grow(cvt_reporter, neac_reporter, reviewer, on_day, n)
    client = client_for(reviewer)
    # Made (not kept for the data versions): the report's data reads them again, then makes what they do not keep.
    made = REPORT_MADE_QUERIES + ROW_QUERIES + COMPLETENESS_QUERIES + REMAKE_QUERIES + PROPOSAL_QUERIES
    with django_assert_num_queries(REPORT_QUERIES + made):
        response = client.get(reverse("reports:report", args=["2026Q4"]))
    assert f"2.{20 + n - 1}" in response.content.decode()
    with django_assert_num_queries(REPORT_QUERIES):  # kept
        again = client.get(reverse("reports:report", args=["2026Q4"]))
    assert again.content.split(b"<article")[1] == response.content.split(b"<article")[1]
    for name, queries in (("reports:xlsx", FILE_QUERIES), ("reports:docx", FILE_QUERIES), ("reports:csv", CSV_QUERIES)):
        with django_assert_num_queries(queries):
            assert client.get(reverse(name, args=["2026Q4"])).status_code == 200


# The year page: session, the person with their membership and its unit (the header); the data versions the rows,
# the completeness and the proposals are kept for; the regions (the units' filter); the data version the filter form
# is kept for; the year's reminders to the units and the reporters of the units outstanding. Its files: the same
# without the regions, the filter form and the reminders and reporters.
YEAR_QUERIES = 7
YEAR_CSV_QUERIES = YEAR_QUERIES - 4
YEAR_XLSX_QUERIES = YEAR_CSV_QUERIES + 1  # and who issues the report (its heading block)


@pytest.mark.parametrize("n", [1, 4])
def test_the_year_page_and_its_files_cost_the_same_whatever_the_size(
    client_for, cvt_reporter, neac_reporter, reviewer, on_day, django_assert_num_queries, n
):
    grow(cvt_reporter, neac_reporter, reviewer, on_day, n)
    client = client_for(reviewer)
    made = ROW_QUERIES + COMPLETENESS_QUERIES + REMAKE_QUERIES + PROPOSAL_QUERIES + FILTER_QUERIES
    with django_assert_num_queries(YEAR_QUERIES + made):
        response = client.get(reverse("reports:year", args=[2026]))
    assert response.status_code == 200 and f"2.{20 + n - 1}" in response.content.decode()
    for name, queries in (("reports:year_xlsx", YEAR_XLSX_QUERIES), ("reports:year_csv", YEAR_CSV_QUERIES)):
        with django_assert_num_queries(queries):
            assert client.get(reverse(name, args=[2026])).status_code == 200
