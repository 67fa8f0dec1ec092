"""The workflow through the service functions: draft, submit, return, accept, reopen; figures of record;
refused concurrent writes."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from indicators.models import Indicator, Observation, Unit
from reporting.calendar import ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reporting.services import (
    FigureInput,
    IndicatorNotReported,
    OfficialFigureExists,
    SectionsInput,
    StaleSubmission,
    SubmissionIncomplete,
    SubmissionLocked,
    submission_accept,
    submission_reopen,
    submission_return,
    submission_save,
    submission_value_write,
)
from tests.reporting.conftest import HANOI, latest_figure_seen

pytestmark = pytest.mark.django_db

Q4 = ReportingPeriod(2026, 4)
Q2 = ReportingPeriod(2026, 2)


def at(day: int, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, 10, tzinfo=HANOI)


def cvt_figures(values: dict[str, tuple[str, bool]]) -> list[FigureInput]:
    """Cục Viễn thông's two indicators; values={'2.5': ('81.2', True)} (value, provisional)."""
    figures = []
    for indicator in Indicator.objects.filter(reporting_unit__slug="cuc-vt"):
        value, provisional = values.get(indicator.code, (None, False))
        figures.append(
            FigureInput(indicator=indicator, value=Decimal(value) if value else None, provisional=provisional)
        )
    return figures


def save(user, *, version, values, submit=False, now=None, period=Q4, sections=None):
    return submission_save(
        unit=Unit.objects.get(slug="cuc-vt"),
        period=period,
        user=user,
        version=version,
        figures=cvt_figures(values),
        sections=sections or SectionsInput(),
        submit=submit,
        now=now or at(1),
    )


def test_a_draft_is_created_on_the_first_save_and_counts_versions(cvt_reporter):
    submission = save(cvt_reporter, version=0, values={"2.5": ("81.2", True)})
    # The version is the database's (strategy_tracker.versions): it grows with every write, by one or more.
    assert (submission.status, submission.version) == ("draft", Submission.objects.get().version)
    assert submission.version > 0
    assert SubmissionValue.objects.get(submission=submission, indicator__code="2.5").value == Decimal("81.2")
    # the empty line for 2.1 is not stored
    assert not SubmissionValue.objects.filter(submission=submission, indicator__code="2.1").exists()
    again = save(cvt_reporter, version=submission.version, values={"2.5": ("81.3", True)})
    assert again.version == Submission.objects.get().version > submission.version


def test_submitting_needs_every_figure_and_saves_nothing_when_one_is_missing(cvt_reporter):
    draft = save(cvt_reporter, version=0, values={"2.5": ("81.2", True)})
    with pytest.raises(SubmissionIncomplete) as refused:
        save(cvt_reporter, version=draft.version, submit=True, values={"2.5": ("81.9", True)})
    assert refused.value.missing_values == ["2.1"]
    submission = Submission.objects.get()
    assert (submission.status, submission.version, submission.first_submitted_at) == ("draft", draft.version, None)
    assert submission.values.get().value == Decimal("81.2")


def test_the_second_quarter_needs_the_six_month_assessment_and_proposals(cvt_reporter, on_day):
    on_day(date(2026, 7, 1))
    figures = {"2.1": ("84", False), "2.5": ("80", False)}
    with pytest.raises(SubmissionIncomplete) as refused:
        save(cvt_reporter, version=0, submit=True, period=Q2, values=figures)
    assert refused.value.missing_sections == ["trend_assessment", "proposals"]
    full = SectionsInput(trend_assessment="Tăng đều.", proposals="Giữ chỉ tiêu.")
    submission = save(cvt_reporter, version=0, submit=True, period=Q2, sections=full, values=figures)
    assert submission.status == "submitted"


def test_a_save_from_an_outdated_page_is_refused_and_the_first_values_are_intact(cvt_reporter):
    first = save(cvt_reporter, version=0, values={"2.5": ("81.2", True)})  # Alice and Bob both opened version 0 ...
    with pytest.raises(StaleSubmission):  # ... Alice saved first; Bob's save from version 0 is refused
        save(cvt_reporter, version=0, values={"2.5": ("99", False)})
    row = SubmissionValue.objects.get()
    assert (row.value, row.provisional) == (Decimal("81.2"), True)
    assert Submission.objects.get().version == first.version


def test_submitted_and_accepted_submissions_are_locked_for_the_unit(cvt_reporter, reviewer):
    submission = save(cvt_reporter, version=0, submit=True, values={"2.1": ("86", False), "2.5": ("81.2", True)})
    with pytest.raises(SubmissionLocked):
        save(cvt_reporter, version=submission.version, values={"2.5": ("82", True)})
    submission = submission_accept(submission=submission, user=reviewer, version=submission.version, now=at(8))
    with pytest.raises(SubmissionLocked):
        save(cvt_reporter, version=submission.version, values={"2.5": ("82", True)})


def test_a_value_for_another_units_indicator_is_refused(cvt_reporter):
    foreign = FigureInput(indicator=Indicator.objects.get(code="1.4"), value=Decimal(50))
    with pytest.raises(IndicatorNotReported):
        submission_save(
            unit=Unit.objects.get(slug="cuc-vt"), period=Q4, user=cvt_reporter, version=0,
            figures=[foreign], sections=SectionsInput(), submit=False, now=at(1),
        )  # fmt: skip
    assert not Submission.objects.exists()


def test_review_actions_need_the_version_the_reviewer_read(cvt_reporter, reviewer):
    submission = save(cvt_reporter, version=0, submit=True, values={"2.1": ("86", False), "2.5": ("81.2", True)})
    with pytest.raises(StaleSubmission):
        submission_accept(submission=submission, user=reviewer, version=submission.version - 1, now=at(8))
    assert Submission.objects.get().status == "submitted"


def test_accepting_writes_the_figures_of_record_and_reopening_keeps_the_provisional_one(
    cvt_reporter, reviewer, client_for
):
    submission = save(cvt_reporter, version=0, submit=True, values={"2.1": ("86", False), "2.5": ("81.2", True)})
    submission = submission_accept(submission=submission, user=reviewer, version=submission.version, now=at(8))
    estimate = Observation.objects.get(indicator__code="2.5", year=2026, quarter=4)
    assert (estimate.value, estimate.provisional, estimate.recorded_by) == (Decimal("81.2"), True, cvt_reporter)
    assert "Cục Viễn thông" in estimate.source  # no source given: the submission is named
    assert latest_figure_seen(client_for(reviewer), "2.5") == {"period": "2026Q4", "value": "81.2", "provisional": True}

    # January: the official figure is out
    reason = "Có số liệu chính thức"
    submission = submission_reopen(
        submission=submission, user=reviewer, version=submission.version, reason=reason, now=at(5, 1, 2027)
    )
    submission = save(cvt_reporter, version=submission.version, submit=True, now=at(6, 1, 2027),
                      values={"2.1": ("86", False), "2.5": ("80.9", False)})  # fmt: skip
    submission_accept(submission=submission, user=reviewer, version=submission.version, now=at(7, 1, 2027))

    figures = Observation.objects.filter(indicator__code="2.5", year=2026, quarter=4).order_by("id")
    assert [(o.value, o.provisional) for o in figures] == [(Decimal("81.2"), True), (Decimal("80.9"), False)]
    # what people see (the API's progress, as the indicator page's): the official figure, no longer provisional
    assert latest_figure_seen(client_for(reviewer), "2.5") == {
        "period": "2026Q4",
        "value": "80.9",
        "provisional": False,
    }
    row = SubmissionValue.objects.get(indicator__code="2.5")
    assert (row.provisional_observation.value, row.official_observation.value) == (Decimal("81.2"), Decimal("80.9"))
    # 2.1 was official both times: one figure of record, unchanged
    assert Observation.objects.filter(indicator__code="2.1", year=2026, quarter=4).count() == 1


def test_a_correction_of_an_accepted_figure_updates_it_and_its_history_keeps_the_old_value(cvt_reporter, reviewer):
    submission = save(cvt_reporter, version=0, submit=True, values={"2.1": ("86", False), "2.5": ("81.2", False)})
    submission = submission_accept(submission=submission, user=reviewer, version=submission.version, now=at(8))
    submission = submission_reopen(submission=submission, user=reviewer, version=submission.version, reason="Sai số",
                                   now=at(9))  # fmt: skip
    corrected = {"2.1": ("86", False), "2.5": ("81", False)}
    submission = save(cvt_reporter, version=submission.version, submit=True, values=corrected)
    submission_accept(submission=submission, user=reviewer, version=submission.version, now=at(10))
    figure = Observation.objects.get(indicator__code="2.5", year=2026, quarter=4)
    assert figure.value == Decimal("81")
    assert [h.value for h in figure.history.order_by("history_id")] == [Decimal("81.2"), Decimal("81")]
    assert figure.history.latest().history_user == reviewer


def test_once_the_official_figure_is_accepted_an_estimate_cannot_replace_it(cvt_reporter, reviewer):
    submission = save(cvt_reporter, version=0, submit=True, values={"2.1": ("86", False), "2.5": ("80.9", False)})
    submission = submission_accept(submission=submission, user=reviewer, version=submission.version, now=at(8))
    submission = submission_reopen(submission=submission, user=reviewer, version=submission.version, reason="x",
                                   now=at(9))  # fmt: skip
    with pytest.raises(OfficialFigureExists):
        save(cvt_reporter, version=submission.version, values={"2.1": ("86", False), "2.5": ("81", True)})


def test_return_and_reopen_keep_their_reason_and_who(cvt_reporter, reviewer):
    submission = save(cvt_reporter, version=0, submit=True, values={"2.1": ("86", False), "2.5": ("81.2", True)})
    submission = submission_return(
        submission=submission, user=reviewer, version=submission.version, reason="Thiếu nguồn 2.1", now=at(3)
    )
    assert (submission.status, submission.reason, submission.reviewed_by) == ("returned", "Thiếu nguồn 2.1", reviewer)
    history = Submission.history.filter(id=submission.pk).order_by("history_id")
    assert [h.status for h in history] == ["draft", "submitted", "returned"]
    assert history.last().history_user == reviewer


def test_the_first_submission_day_is_kept_when_sent_again(cvt_reporter, reviewer):
    figures = {"2.1": ("86", False), "2.5": ("81", True)}
    submission = save(cvt_reporter, version=0, submit=True, now=at(2), values=figures)
    submission = submission_return(submission=submission, user=reviewer, version=submission.version, reason="x",
                                   now=at(3))  # fmt: skip
    submission = save(cvt_reporter, version=submission.version, submit=True, now=at(9),
                      values={"2.1": ("86", False), "2.5": ("81", True)})  # fmt: skip
    assert (submission.first_submitted_at, submission.submitted_at) == (at(2), at(9))


def test_the_api_write_goes_into_the_draft_and_raises_the_version(cvt_reporter):
    unit = Unit.objects.get(slug="cuc-vt")
    figure = FigureInput(indicator=Indicator.objects.get(code="2.5"), value=Decimal("81.2"), provisional=True)
    submission, row, created = submission_value_write(unit=unit, period=Q4, user=cvt_reporter, figure=figure, now=at(1))
    first = submission.version
    assert created and (submission.status, row.value) == ("draft", Decimal("81.2"))
    assert first == Submission.objects.get().version > 0
    again = FigureInput(indicator=figure.indicator, value=Decimal("81.3"), provisional=True)
    submission, row, created = submission_value_write(unit=unit, period=Q4, user=cvt_reporter, figure=again, now=at(1))
    second = submission.version
    assert not created and row.value == Decimal("81.3") and second == Submission.objects.get().version > first
    assert row.history.latest().history_user == cvt_reporter
    submission, row, created = submission_value_write(unit=unit, period=Q4, user=cvt_reporter, figure=again, now=at(1))
    assert (created, submission.version, row.history.count()) == (False, second, 2)  # the same figure again: no change
