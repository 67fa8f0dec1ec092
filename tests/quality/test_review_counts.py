"""The overview and the consolidated table count each unit's figures the data-quality rules asked about, at the
same number of queries as without: the count is annotated on the query that reads the submissions."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.reporting.conftest import post_entry
from tests.reports.test_query_counts import TABLE_QUERIES

pytestmark = pytest.mark.django_db

FLAGGED = {
    "2.1": {"value": "86", "source": "Tổng cục Thống kê"},
    "2.5": {"value": "8,12", "source": "VNNIC", "confirmation": "Đổi phương pháp thống kê."},
}
IN_LINE = {"2.1": {"value": "86", "source": "Tổng cục Thống kê"}, "2.5": {"value": "81,9", "source": "VNNIC"}}


def submit(client, figures) -> None:
    response = post_entry(client, "cuc-vt", "2026Q4", action="submit", figures=figures)
    assert response.status_code == 302


def overview_cell(html: str, unit: str) -> str:
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{unit}(?:(?!</tr>).)*</tr>", html, re.S)
    assert row, unit
    return re.search(r'<td class="col-flagged">(.*?)</td>', row[0], re.S)[1].strip()


@pytest.mark.parametrize(("figures", "shown"), [(FLAGGED, "1"), (IN_LINE, "—")])
def test_the_overview_counts_the_flagged_figures_at_a_fixed_cost(
    client_for, cvt_reporter, reviewer, fibre_at_81_2, on_day, django_assert_num_queries, figures, shown
):
    submit(client_for(cvt_reporter), figures)
    on_day(date(2026, 12, 2))
    client = client_for(reviewer)
    # session; the person with their membership and unit; the regions (the units' filter); the reporting units; the
    # period's submissions (their reviewer joined, their flagged figures counted); the period's reminders (with who
    # sent them)
    with django_assert_num_queries(6):
        response = client.get(reverse("reporting:overview") + "?period=2026Q4")
    cell = overview_cell(response.content.decode(), "Cục Viễn thông")
    assert re.sub(r"<[^>]+>", "", cell) == shown
    if figures is FLAGGED:
        assert 'href="/submissions/cuc-vt/2026Q4/#flags"' in cell


def test_the_consolidated_tables_completeness_counts_the_flagged_figures(
    client_for, cvt_reporter, reviewer, fibre_at_81_2, on_day, django_assert_num_queries
):
    submit(client_for(cvt_reporter), FLAGGED)
    on_day(date(2026, 12, 8))
    client = client_for(reviewer)
    client.get(reverse("reports:table", args=["2026Q4"]))  # its parts made and kept
    # As tests/reports/test_query_counts.py: the units' completeness counts the flagged figures in its one query of
    # the year's submissions, kept with it.
    # No version sent yet: no frozen copy, nor the values changed and the submissions reviewed since it.
    with django_assert_num_queries(TABLE_QUERIES - 3):
        html = client.get(reverse("reports:table", args=["2026Q4"])).content.decode()
    completeness = html[html.index("completeness-table") :]
    row = re.search(r"<tr><td>Cục Viễn thông</td>(.*?)</tr>", completeness, re.S)
    assert row and "1 số liệu bị cảnh báo" in row[1]
    assert "số liệu bị cảnh báo" not in re.search(r"<tr><td>Trung tâm NEAC</td>(.*?)</tr>", completeness, re.S)[1]
