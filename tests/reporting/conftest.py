"""Helpers for the submission tests: the tracker's clock stood on a chosen day, and the entry form as a browser
posts it."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Indicator, Unit
from tests.conftest import HANOI  # noqa: F401 (the submission tests' time zone)

FIGURE_FIELDS = (
    "value",
    "source",
    "note",
    "comparison_with",
    "comparison_value",
    "comparison_year",
    "comparison_source",
    "confirmation",
)
SECTIONS = ("trend_assessment", "international_comparison", "difficulties", "proposals")


@pytest.fixture(autouse=True)
def on_day(on_day):
    """The submission tests start on 20/11/2026, the day of scenario 2 (see tests/conftest.py)."""
    on_day(date(2026, 11, 20))
    return on_day


def submission_url(unit_slug: str, period: str, action: str = "") -> str:
    name = f"reporting:{action}" if action else "reporting:submission"
    return reverse(name, args=[unit_slug, period])


def entry_data(unit_slug: str, *, version: int = 0, action: str = "save", figures=None, sections=None) -> dict:
    """The POST a browser sends from the entry page: every field of every indicator of the unit (empty unless
    `figures` = {code: {field: text}} says), the four sections, the version and the button pressed."""
    figures = figures or {}
    data = {"version": str(version), "action": action}
    for name in SECTIONS:
        data[name] = (sections or {}).get(name, "")
    for indicator in Indicator.objects.reported_by(Unit.objects.get(slug=unit_slug)):
        given = figures.get(indicator.code, {})
        for name in FIGURE_FIELDS:
            data[f"v-{indicator.code}-{name}"] = given.get(name, "")
        if given.get("provisional"):
            data[f"v-{indicator.code}-provisional"] = "on"
    return data


def version_of(unit_slug: str, period: str) -> int:
    """The submission's version as stored (0 before its first save), as the entry page gives it to the browser:
    the database raises it with every write, by one or more (strategy_tracker.versions)."""
    from reporting.models import Submission

    year, quarter = int(period[:4]), int(period[-1])
    found = Submission.objects.filter(unit__slug=unit_slug, year=year, quarter=quarter).values_list(
        "version", flat=True
    )
    return found.first() or 0


def post_entry(client, unit_slug: str, period: str, **kwargs):
    return client.post(submission_url(unit_slug, period), entry_data(unit_slug, **kwargs))


def latest_figure_seen(client, code: str) -> dict:
    """The latest figure of an indicator as the API shows it (progress.latest: period, value, provisional), the
    figure the indicator page's progress panel and the home table use (indicators.progress.series)."""
    response = client.get(f"/api/v1/indicators/{code}/")
    assert response.status_code == 200
    progress = response.json()["progress"]
    assert progress["provisional"] == progress["latest"]["provisional"]
    return progress["latest"]
