"""The consolidated table's rows and the units' completeness are kept per server by what they are made from
(`reports.selectors._rows`, `_kept_completeness`): after every kind of change they are read exactly as if made
again, and never those of an older state."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from indicators.models import Document, Indicator, IndicatorGroup, Target, Unit
from reporting import services
from reporting.calendar import ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reports import selectors
from reports.selectors import report_data, year_data
from tests.reports.conftest import at, send

pytestmark = pytest.mark.django_db

Q4 = ReportingPeriod(2026, 4)
DAY = date(2026, 12, 8)


def _assert_current(today: date = DAY) -> dict:
    """The rows and the units' completeness the table reads equal those made again from the database; returns the
    rows by code."""
    data = report_data(Q4, today)
    kept = data["rows"]
    assert kept == selectors._make_rows(2026, 4, today)
    matrix, outstanding, sections, lagging = selectors._completeness(2026, (Q4,), today)
    assert (data["completeness"], data["outstanding"], data["sections"], data["late_or_missing"]) == (
        matrix,
        outstanding,
        sections,
        lagging,
    )
    return {row["code"]: row for row in kept}


def test_the_rows_follow_every_step_of_a_submission(cvt_reporter, reviewer, on_day):
    on_day(DAY)
    assert _assert_current()["2.1"]["quarters"]["4"]["value"] is None
    submission = send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80"}}, on=date(2026, 12, 2))
    assert _assert_current()["2.1"]["quarters"]["4"] | {"comparison": ""} == {
        "value": "86",
        "display": "86%",
        "provisional": False,
        "accepted": False,
        "status": "submitted",
        "comparison": "",
        "comparison_value": None,
        "source": "",
    }
    submission = services.submission_accept(
        submission=submission, user=reviewer, version=submission.version, now=at(DAY, 9)
    )
    assert _assert_current()["2.1"]["quarters"]["4"]["accepted"] is True
    submission = services.submission_reopen(
        submission=submission, user=reviewer, version=submission.version, reason="Đã có số liệu.", now=at(DAY, 10)
    )
    assert _assert_current()["2.1"]["quarters"]["4"]["status"] == "reopened"
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86.4"}, "2.5": {"value": "80"}}, on=DAY)
    assert _assert_current()["2.1"]["quarters"]["4"]["display"] == "86,4%"


def test_the_rows_follow_the_indicator_its_targets_its_group_and_its_unit(on_day):
    on_day(DAY)
    _assert_current()
    unit = Unit.objects.get(slug="cuc-vt")
    unit.short_name = "Cục VT"
    unit.save()
    assert _assert_current()["2.1"]["unit"] == "Cục VT"
    group = IndicatorGroup.objects.get(code="2")
    group.name = "Hạ tầng số (đổi tên)"
    group.save()
    assert _assert_current()["2.1"]["group_name"] == "Hạ tầng số (đổi tên)"
    Indicator.objects.filter(code="2.1").update(name="Tỷ lệ hộ gia đình có cáp quang (sửa)")
    assert _assert_current()["2.1"]["name"] == "Tỷ lệ hộ gia đình có cáp quang (sửa)"
    Target.objects.create(
        indicator=Indicator.objects.get(code="2.1"),
        year=2026,
        kind="plan",
        comparator=">=",
        value=Decimal("88.5"),
        wording="88,5%",
        document=Document.objects.get(slug="qd-466-2023"),
    )
    assert _assert_current()["2.1"]["target"] == "≥ 88,5%"


def test_the_rows_are_the_day_s_and_the_language_s(cvt_reporter, on_day):
    on_day(DAY)
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80"}}, on=date(2026, 12, 2))
    vietnamese = _assert_current()
    with translation.override("en"):
        english = _assert_current()
    assert vietnamese["2.1"]["flag_label"] != english["2.1"]["flag_label"]
    assert english["2.1"]["quarters"]["4"]["display"] == "86%"
    later = date(2027, 1, 20)
    on_day(later)
    assert report_data(Q4, later)["rows"] == selectors._make_rows(2026, 4, later)


def test_a_year_and_each_of_its_quarters_keep_their_own_rows(cvt_reporter, on_day):
    on_day(DAY)
    send(cvt_reporter, "2026Q3", {"2.1": {"value": "85.5"}, "2.5": {"value": "80"}}, on=date(2026, 10, 4))
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80"}}, on=date(2026, 12, 2))
    third = {r["code"]: r for r in report_data(ReportingPeriod(2026, 3), DAY)["rows"]}
    assert third["2.1"]["quarters"]["4"]["value"] is None and third["2.1"]["quarters"]["3"]["value"] == "85.5"
    year = {r["code"]: r for r in year_data(2026, DAY)["rows"]}
    assert year["2.1"]["quarters"]["4"]["value"] == "86"


def test_bulk_updates_through_the_orm_are_never_read_stale(cvt_reporter, on_day):
    """Bulk updates skip saves and their receivers: the querysets raise the revisions and versions themselves."""
    on_day(DAY)
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80"}}, on=date(2026, 12, 2))
    _assert_current()
    Unit.objects.filter(slug="cuc-vt").update(short_name="Cục VT")
    assert _assert_current()["2.1"]["unit"] == "Cục VT"
    IndicatorGroup.objects.filter(code="2").update(name="Hạ tầng số")
    assert _assert_current()["2.1"]["group_name"] == "Hạ tầng số"
    SubmissionValue.objects.filter(indicator__code="2.1").update(value=Decimal("86.7"))
    assert _assert_current()["2.1"]["quarters"]["4"]["display"] == "86,7%"
    Submission.objects.filter(unit__slug="cuc-vt").update(status="accepted")
    assert _assert_current()["2.1"]["quarters"]["4"]["accepted"] is True


def test_a_document_s_bulk_update_raises_the_revision_of_the_indicators_citing_it():
    document = Document.objects.get(slug="qd-466-2023")
    citing = set(Indicator.objects.filter(targets__document=document).values_list("pk", flat=True).distinct()) | set(
        Indicator.objects.filter(observations__document=document).values_list("pk", flat=True).distinct()
    )
    assert citing
    before = dict(Indicator.objects.values_list("pk", "revision"))
    Document.objects.filter(pk=document.pk).update(title="Quyết định 466 (tên sửa)")
    after = dict(Indicator.objects.values_list("pk", "revision"))
    assert {pk for pk in after if after[pk] != before[pk]} == citing


def test_a_quarter_s_completeness_follows_the_later_quarters_of_its_year(cvt_reporter, on_day):
    """A quarter's table shows the units × the four quarters of its year: a later quarter's submission changes it."""
    on_day(DAY)
    q3 = ReportingPeriod(2026, 3)
    before = report_data(q3, DAY)["completeness"]
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80"}}, on=date(2026, 12, 2))
    after = report_data(q3, DAY)["completeness"]
    assert after == selectors._completeness(2026, (q3,), DAY)[0]
    assert after != before


def test_a_unit_s_write_makes_only_the_values_again(cvt_reporter, on_day, monkeypatch):
    """During a quarter's entry every feed's write changes the rows' values: what the indicators alone make (their
    assessments, targets, gaps and explanations) is kept apart and read back; a change of an indicator makes it
    again. Either way the rows equal rows made again from the database."""
    on_day(DAY)
    made = []
    original = selectors._make_indicator_rows
    monkeypatch.setattr(
        selectors, "_make_indicator_rows", lambda year, today: made.append(year) or original(year, today)
    )

    def indicator_rows_made() -> int:
        made.clear()
        report_data(Q4, DAY)
        return len(made)

    assert indicator_rows_made() == 1
    assert indicator_rows_made() == 0
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "80"}}, on=date(2026, 12, 2))
    assert indicator_rows_made() == 0
    assert _assert_current()["2.1"]["quarters"]["4"]["display"] == "86%"
    Indicator.objects.filter(code="2.5").update(name="Tỷ lệ hộ có cáp quang (sửa)")
    assert indicator_rows_made() == 1
    assert _assert_current()["2.5"]["name"] == "Tỷ lệ hộ có cáp quang (sửa)"


def test_the_pending_proposals_are_read_as_made_again(reviewer, leader):
    from indicators.models import TargetProposal

    def current() -> dict:
        kept = selectors._pending_proposals()
        assert kept == selectors._make_pending_proposals()
        return kept

    assert current() == {}
    proposal = TargetProposal.objects.create(
        indicator=Indicator.objects.get(code="2.1"),
        year=2030,
        comparator=">=",
        value=Decimal("97.5"),
        reason="Đã vượt xa mục tiêu.",
        replaces=Target.objects.filter(indicator__code="2.1", year=2030).first(),
        proposed_by=reviewer,
    )
    assert current()["2.1"][0]["reason"] == "Đã vượt xa mục tiêu."
    type(reviewer).objects.filter(pk=reviewer.pk).update(first_name="Người đề xuất")
    assert current()["2.1"][0]["proposed_by"].startswith("Người đề xuất")
    TargetProposal.objects.filter(pk=proposal.pk).update(value=Decimal("98"))
    assert "98" in current()["2.1"][0]["target"]
    with translation.override("en"):
        assert current()["2.1"][0]["target"] == "≥ 98%"
    TargetProposal.objects.filter(pk=proposal.pk).update(
        status=TargetProposal.Status.REJECTED, decided_by=leader, decided_at="2026-12-01T10:00:00+07:00"
    )
    assert current() == {}
