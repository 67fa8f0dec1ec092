"""A unit's quarter page is a kept part (`{% kept "quarter" %}`): after every change it shows it reads as if made
again; each form in it carries the token of the session reading it; a form sent back with its errors is made
for that request alone."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from indicators.models import Document, Indicator, Observation, Target, Unit
from tests.reporting.conftest import entry_data, post_entry, submission_url

pytestmark = pytest.mark.django_db

URL = submission_url("cuc-vt", "2026Q4")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _content(response) -> str:
    """The page's content, after the messages of the request before, without the CSRF tokens of its forms."""
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode().split('<p class="crumbs">', 1)[1])


def _as_made_again(*clients) -> list[str]:
    kept = [_content(client.get(URL)) for client in clients]
    caches["pages"].clear()
    made = [_content(client.get(URL)) for client in clients]
    assert kept == made
    return made


def test_the_page_follows_every_change_it_shows(client, cvt_reporter, reviewer, on_day, monkeypatch):
    monkeypatch.setattr("reporting.views.AUDIT_SHOWN", 1)  # the latest change alone, unless every one is asked for
    reporter, reviewing = Client(), Client()
    reporter.force_login(cvt_reporter)
    reviewing.force_login(reviewer)
    due, _ = _as_made_again(reporter, reviewing)
    on_day(date(2026, 12, 8))  # past the units' deadline (05/12): nothing sent is missing
    first, seen_by_reviewer = _as_made_again(reporter, reviewing)
    assert first != due
    assert "entry-form" in first and "entry-form" not in seen_by_reviewer  # each person's own
    post_entry(reporter, "cuc-vt", "2026Q4", figures={"2.5": {"value": "81,2"}})
    saved, _ = _as_made_again(reporter, reviewing)
    assert 'value="81,2"' in saved and saved != first
    post_entry(
        reporter,
        "cuc-vt",
        "2026Q4",
        version=1,
        action="submit",
        figures={"2.5": {"value": "81,3"}, "2.1": {"value": "86"}},
    )
    sent, to_review = _as_made_again(reporter, reviewing)
    accept = submission_url("cuc-vt", "2026Q4", "accept")
    assert "entry-form" not in sent and accept not in sent and accept in to_review  # the reviewer's forms alone
    indicator = Indicator.objects.get(code="2.5")
    Observation.objects.create(indicator=indicator, year=2026, quarter=2, value=Decimal("79.9"), source="thử")
    assert "79,9" in _as_made_again(reporter, reviewing)[0]  # the previous figures beside the field
    Target.objects.create(
        indicator=indicator, year=2026, kind="plan", comparator=">=", value=Decimal("83.5"), wording="83,5%",
        document=Document.objects.get(slug="qd-466-2023"),
    )  # fmt: skip
    assert "83,5" in _as_made_again(reporter, reviewing)[0]
    get_user_model().objects.filter(pk=cvt_reporter.pk).update(first_name="Người gửi")  # no version raised
    assert "Người gửi" in _as_made_again(reporter, reviewing)[1]
    Indicator.objects.filter(code="2.5").update(name="Tỷ lệ hộ gia đình dùng cáp quang (sửa)")
    assert "(sửa)" in _as_made_again(reporter, reviewing)[0]
    Document.objects.filter(slug="qd-466-2023").update(number="466/QĐ-BTTTT (sửa)")
    assert "466/QĐ-BTTTT (sửa)" in _as_made_again(reporter, reviewing)[0]  # the target's document
    Unit.objects.filter(slug="cuc-vt").update(short_name="Cục VT (đổi tên)")
    assert "Cục VT (đổi tên)" in _as_made_again(reporter, reviewing)[1]
    with translation.override("en"):
        reviewing.cookies["django_language"] = "en"
        assert "Accept" in _as_made_again(reviewing)[0]
    del reviewing.cookies["django_language"]
    latest = _content(reviewing.get(URL))
    every_change = _content(reviewing.get(URL + "?history=all"))
    assert "?history=all" in latest and "?history=all" not in every_change  # another part
    caches["pages"].clear()
    assert _content(reviewing.get(URL + "?history=all")) == every_change


def test_each_session_s_forms_carry_its_own_token(cvt_reporter):
    """Two sessions of the same person read the same kept part, each with its own token, and each can save."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(cvt_reporter)
    second.force_login(cvt_reporter)
    in_form = re.compile(
        r'class="entry-form" novalidate><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
    )
    tokens = [in_form.findall(client.get(URL).content.decode()) for client in (first, second)]
    assert len(tokens[0]) == len(tokens[1]) == 1 and tokens[0] != tokens[1]
    data = entry_data("cuc-vt", figures={"2.5": {"value": "81,2"}})
    refused = second.post(URL, {**data, "csrfmiddlewaretoken": tokens[0][0]})
    assert refused.status_code == 403  # the other session's token
    saved = second.post(URL, {**data, "csrfmiddlewaretoken": tokens[1][0]})
    assert saved.status_code == 302


def test_a_form_sent_back_with_its_errors_is_made_for_that_request_alone(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    kept = _content(client.get(URL))
    response = post_entry(client, "cuc-vt", "2026Q4", figures={"2.5": {"value": "abc"}})
    assert response.status_code == 400 and 'value="abc"' in response.content.decode()
    assert _content(client.get(URL)) == kept  # the kept part is not the one sent back


def test_text_that_names_the_token_field_is_shown_not_refused(client_for, cvt_reporter):
    """A person's text is escaped: only a token's field as Django renders it is refused in a kept part."""
    client = client_for(cvt_reporter)
    post_entry(client, "cuc-vt", "2026Q4", sections={"difficulties": 'name="csrfmiddlewaretoken" csrfmiddlewaretoken'})
    assert "csrfmiddlewaretoken" in _content(client.get(URL))
