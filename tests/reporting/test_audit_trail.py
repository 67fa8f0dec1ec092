"""The history of changes on a submission's page: the latest saves only (a feed writing through the API can save
a figure hundreds of times), each still said against the save before it; every change on asking."""

import re

import pytest

from reporting.models import Submission
from reporting.selectors import audit_trail
from tests.reporting.conftest import post_entry, submission_url

pytestmark = pytest.mark.django_db

URL = submission_url("cuc-vt", "2026Q4")


def _value_changes(trail) -> list[tuple[str, str]]:
    return [(line.old, line.new) for line in trail.lines if line.subject == "2.5" and line.field == "giá trị"]


@pytest.fixture
def four_saves(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    for version, value in enumerate(["81,2", "81,3", "81,4", "81,5"]):
        response = post_entry(client, "cuc-vt", "2026Q4", version=version, figures={"2.5": {"value": value}})
        assert response.status_code == 302
    return client


def test_the_latest_saves_are_each_said_against_the_save_before_them(four_saves):
    submission = Submission.objects.get()
    codes = {value.indicator_id: value.indicator.code for value in submission.values.select_related("indicator")}
    every = audit_trail(submission, codes, limit=None)
    assert every.complete
    assert _value_changes(every) == [("81,4", "81,5"), ("81,3", "81,4"), ("81,2", "81,3"), ("—", "81,2")]
    latest = audit_trail(submission, codes, limit=2)
    assert not latest.complete
    # The oldest save shown is compared with the one before it, which is not shown.
    assert _value_changes(latest) == [("81,4", "81,5"), ("81,3", "81,4")]
    # Complete exactly when the changes fit: four of the figure; one of the submission (its creation as a draft),
    # whose three later saves only raised its version.
    assert audit_trail(submission, codes, limit=4).complete
    assert not audit_trail(submission, codes, limit=3).complete


def test_saves_that_change_nothing_shown_do_not_push_the_changes_out(four_saves):
    """A feed's saves raise the submission's version hundreds of times; its status stays in the trail."""
    submission = Submission.objects.get()
    assert submission.history.count() > 1
    codes = {value.indicator_id: value.indicator.code for value in submission.values.select_related("indicator")}
    latest = audit_trail(submission, codes, limit=1)
    # (The four saves are of one instant of the test's clock: the order between the two is not the point.)
    assert {(line.subject, line.old, line.new) for line in latest.lines} == {
        ("2.5", "81,4", "81,5"),
        ("", "—", "Bản nháp"),
    }


def test_the_page_says_when_it_shows_only_the_latest_saves_and_links_to_every_change(four_saves, monkeypatch):
    monkeypatch.setattr("reporting.views.AUDIT_SHOWN", 2)
    html = four_saves.get(URL).content.decode()
    assert "Chỉ hiển thị 2 thay đổi gần nhất của báo cáo" in html and 'href="?history=all#history"' in html
    assert "81,2</td>" not in html.split("audit-table", 1)[1]
    every = four_saves.get(URL + "?history=all").content.decode()
    assert "Chỉ hiển thị" not in every
    assert re.search(r'<td class="audit-text">—</td>\s*<td class="audit-text">81,2</td>', every)
