"""Dates read one way in each language: 05/12/2026 (and 14:30 05/12/2026) in Vietnamese, as administrative
documents write them; 5 Dec 2026 (and 5 Dec 2026 14:30) in English, the month in words, never 2026-12-05 on one
page and 05/12/2026 on the next."""

import re

import pytest
from django.urls import reverse

from tests.publication.conftest import publish

pytestmark = pytest.mark.django_db

NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
ENGLISH_DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")


def _text(html: str) -> str:
    """What a person reads: the page without its tags, scripts and attribute values (links keep 2026Q4 codes)."""
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def pages_with_dates(reviewer, leader):
    release = publish(reviewer, leader, "1.1", [(2024, 0)])
    return [
        reverse("publication:releases"),  # proposed and published on
        reverse("publication:release", args=[release.pk]),  # proposed, decided, its history with times
        reverse("publication:public_calendar"),
        reverse("reporting:overview"),  # the quarter's deadlines
    ]


def _deadlines(html: str) -> list[str]:
    """The tasks' deadlines under their due column (the tasks' own words quote documents: "ngày 11/02/2022")."""
    return re.findall(r'<td class="col-due">[^<]*<br><span class="muted small">([^<]+)</span>', html)


def test_english_dates_have_one_style(client_for, leader, pages_with_dates):
    client = client_for(leader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    dated = 0
    for url in pages_with_dates:
        text = _text(client.get(url).content.decode())
        assert not NUMERIC_DATE.search(text), f"{url}: {NUMERIC_DATE.search(text).group()}"
        dated += bool(ENGLISH_DATE.search(text))
    assert dated == len(pages_with_dates)  # every page shows its dates, in words
    deadlines = _deadlines(client.get(reverse("plans:list")).content.decode())
    assert deadlines and all(ENGLISH_DATE.fullmatch(d) for d in deadlines), deadlines[:3]


def test_vietnamese_dates_are_day_month_year(client_for, leader, pages_with_dates):
    client = client_for(leader)
    for url in pages_with_dates:
        text = _text(client.get(url).content.decode())
        assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", text), url
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text) and not ENGLISH_DATE.search(text), url
    deadlines = _deadlines(client.get(reverse("plans:list")).content.decode())
    assert deadlines and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in deadlines), deadlines[:3]
