"""The history of changes on a submission's page: the latest saves only (a feed writing through the API can save
a figure hundreds of times), each still said against the save before it; every change on asking."""

import re
from datetime import datetime
from decimal import Decimal

import pytest

from indicators.models import Indicator, Unit
from reporting.calendar import ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reporting.selectors import SUBMISSION_AUDITED, VALUE_AUDITED, _audited_changes, _latest, audit_trail
from reporting.services import FigureInput, SectionsInput, submission_return, submission_save, submission_value_write
from tests.reporting.conftest import HANOI, post_entry, submission_url, version_of

pytestmark = pytest.mark.django_db

URL = submission_url("cuc-vt", "2026Q4")
Q4 = ReportingPeriod(2026, 4)


def _value_changes(trail) -> list[tuple[str, str]]:
    return [(line.old, line.new) for line in trail.lines if line.subject == "2.5" and line.field == "giá trị"]


@pytest.fixture
def four_saves(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    for value in ["81,2", "81,3", "81,4", "81,5"]:
        version = version_of("cuc-vt", "2026Q4")
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


def _changes_read_in_python(history, audited) -> list[tuple[int, int | None]]:
    """The changes as the database should find them: every record, oldest first, beside the record before it of
    the same object; a creation, or a record whose audited fields differ from it (None is a value of its own)."""
    last: dict[int, tuple[int, tuple]] = {}
    changes = []
    for record in history.order_by("history_id"):
        values = tuple(getattr(record, name) for name in audited)
        before = last.get(record.id)
        if before is None or before[1] != values:
            changes.append((record.history_id, before[0] if before else None))
        last[record.id] = (record.history_id, values)
    return changes[::-1]


def test_the_database_finds_the_same_changes_as_every_record_read_one_by_one(cvt_reporter, reviewer):
    """Values going to and from nothing, a kind of figure switched back, a comparison added, the same figure sent
    again (no record), a feed's saves that only raise the submission's version, a return with its reason: each
    limit shows the latest changes, each beside the record before it, on SQLite and PostgreSQL."""
    unit = Unit.objects.get(slug="cuc-vt")
    indicators = {code: Indicator.objects.get(code=code) for code in ("2.1", "2.5")}
    sent = [
        ("2.5", dict(value=Decimal("81.2"), provisional=True)),
        ("2.1", dict(value=Decimal("86"))),
        ("2.5", dict(value=None, provisional=True, note="chưa có số")),
        ("2.5", dict(value=None, provisional=True, note="chưa có số")),  # the same again: nothing saved
        ("2.5", dict(value=Decimal("5"), provisional=True, note="chưa có số")),  # only the value, from nothing
        ("2.5", dict(value=None, provisional=True, note="chưa có số")),  # only the value, to nothing
        ("2.5", dict(value=Decimal("81.20"), provisional=True)),
        ("2.1", dict(value=Decimal("86"), comparison_value=Decimal("1.5"), comparison_year=2025)),
        ("2.5", dict(value=Decimal("81.2"), provisional=False)),
        ("2.1", dict(value=Decimal("86"))),
        ("2.5", dict(value=Decimal("0.0001"), provisional=False)),
        ("2.5", dict(value=Decimal("99.9999"), provisional=False)),
    ]
    for minute, (code, fields) in enumerate(sent):
        submission_value_write(unit=unit, period=Q4, user=cvt_reporter, figure=FigureInput(indicators[code], **fields),
                               now=datetime(2026, 11, 20, 9, minute, tzinfo=HANOI))  # fmt: skip
    submission = Submission.objects.get()
    as_sent = [FigureInput(indicators["2.1"], Decimal("86")), FigureInput(indicators["2.5"], Decimal("99.9999"))]
    submission = submission_save(
        unit=unit, period=Q4, user=cvt_reporter, version=submission.version, figures=as_sent, sections=SectionsInput(),
        submit=True, now=datetime(2026, 11, 20, 10, tzinfo=HANOI),
    )  # fmt: skip
    submission_return(submission=submission, user=reviewer, version=submission.version, reason="Thiếu nguồn",
                      now=datetime(2026, 11, 21, 10, tzinfo=HANOI))  # fmt: skip
    for history, key, audited in (
        (Submission.history.all(), "id", SUBMISSION_AUDITED),
        (SubmissionValue.history.all(), "submission_id", VALUE_AUDITED),
    ):
        every = _changes_read_in_python(history.filter(**{key: submission.pk}), audited)
        assert len(every) >= 3
        for limit in range(len(every) + 2):
            found = _audited_changes(history, key, submission.pk, audited, limit)
            assert found == every[: limit + 1]
            fetched, shown, complete = _latest(history, key, submission.pk, audited, (), limit)
            assert shown == {history_id for history_id, _before in every[:limit]}
            assert complete == (len(every) <= limit)
            assert {r.history_id for r in fetched} == {h for pair in every[:limit] for h in pair if h is not None}
        # Read as values, each record says what its model instance says, and who saved it.
        records, _shown, _complete = _latest(history, key, submission.pk, audited, (), None)
        instances = {r.history_id: r for r in history.filter(**{key: submission.pk}).select_related("history_user")}
        assert len(records) == len(instances) > len(every) - 1
        fields = ("history_date", "history_type", "id", *audited)
        for record in records:
            instance = instances[record.history_id]
            assert [getattr(record, name) for name in fields] == [getattr(instance, name) for name in fields]
            assert record.history_user.get_full_name() == instance.history_user.get_full_name() != ""
    value_lines = [(line.old, line.new) for line in audit_trail(submission, {i.pk: c for c, i in indicators.items()},
                                                                 limit=2).lines if line.subject == "2.5"]  # fmt: skip
    assert value_lines == [("0,0001", "99,9999"), ("81,2", "0,0001")]
