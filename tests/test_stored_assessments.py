"""Stored assessments (indicators.stored): the pages listing every indicator read each indicator's assessment
stored, and what they read is always what assessing its targets and figures again gives, after every kind of
change, on the day it is read."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.figures import GOAL
from indicators.models import Document, Indicator, Observation, StoredAssessment, Target
from indicators.selectors import assess_indicator, home_table
from indicators.services import document_correct
from indicators.stored import LAYOUT, stored_assessments
from strategy_tracker import clock

pytestmark = pytest.mark.django_db


def _stored(today: date | None = None) -> dict[str, object]:
    today = today or clock.today()
    return {a.indicator.code: a.progress for a in stored_assessments(Indicator.objects.with_stored(), today)}


def _fresh(today: date | None = None) -> dict[str, object]:
    today = today or clock.today()
    return {i.code: assess_indicator(i, today).progress for i in Indicator.objects.with_figures()}


def _read(assessment) -> tuple:
    """Everything a stored assessment brings back: the progress, the figures of the targets in force, every target
    per (year, kind) and the yearly figures."""
    in_force = assessment.figures_in_force
    groups = {key: [(t.pk, t.value, t.document_id) for t in group] for key, group in assessment.groups.items()}
    return assessment.progress, in_force, groups, [(o.pk, o.value) for o in assessment.yearly]


def _assert_current() -> None:
    """What the pages read equals the assessment made again from the database, indicator by indicator."""
    today = clock.today()
    stored = {a.indicator.code: _read(a) for a in stored_assessments(Indicator.objects.with_stored(), today)}
    fresh = {i.code: _read(assess_indicator(i, today)) for i in Indicator.objects.with_figures()}
    assert stored == fresh


def test_the_first_read_stores_every_assessment_and_the_next_reads_them_with_one_query():
    assert not StoredAssessment.objects.exists()
    first = _stored()
    assert StoredAssessment.objects.count() == Indicator.objects.count()
    with CaptureQueriesContext(connection) as queries:
        again = _stored()
    assert len(queries) == 1 and again == first == _fresh()


def test_a_stored_assessment_brings_back_its_targets_documents_and_yearly_figures_without_a_query():
    _stored()
    with CaptureQueriesContext(connection) as queries:
        (assessment,) = [
            a for a in stored_assessments(Indicator.objects.with_stored(), clock.today()) if a.indicator.code == "1.1"
        ]
        targets = [t for group in assessment.groups.values() for t in group]
        documents = {t.document.number for t in targets}
        assert all(t.indicator is assessment.indicator for t in targets)
        assert assessment.yearly and all(o.quarter == 0 for o in assessment.yearly)
    assert len(queries) == 1
    fresh = assess_indicator(Indicator.objects.with_figures().get(code="1.1"), clock.today())
    assert [(t.pk, t.value) for g in fresh.groups.values() for t in g] == [(t.pk, t.value) for t in targets]
    assert documents == {t.document.number for g in fresh.groups.values() for t in g}


def test_a_figure_added_changed_or_deleted_is_read_at_once(reviewer):
    _stored()
    indicator = Indicator.objects.get(code="1.1")
    figure = Observation.objects.create(indicator=indicator, year=2026, quarter=3, value=Decimal("19.9"), source="x")
    _assert_current()
    assert _stored()["1.1"].latest.value == Decimal("19.9")
    figure.value = Decimal("12.5")
    figure.save()
    _assert_current()
    Observation.objects.filter(pk=figure.pk).update(value=Decimal("0.0001"))  # a bulk update, as the admin makes
    _assert_current()
    assert _stored()["1.1"].latest.value == Decimal("0.0001")
    figure.delete()
    _assert_current()


def test_a_target_added_or_changed_is_read_at_once():
    _stored()
    indicator = Indicator.objects.get(code="2.1")
    document = Document.objects.get(slug="qd-466-2023")
    target = Target.objects.create(
        indicator=indicator,
        year=2030,
        kind="goal",
        comparator=">=",
        value=Decimal("99.5"),
        wording="99,5%",
        document=document,
    )
    _assert_current()
    Target.objects.filter(pk=target.pk).update(value=Decimal(1))
    _assert_current()
    target.delete()
    _assert_current()


def test_a_document_whose_rank_is_corrected_changes_what_is_in_force_at_once(reviewer):
    _stored()
    cited = Document.objects.filter(targets__isnull=False).distinct().first()
    document_correct(
        document=cited, rank=10 if cited.rank != 10 else 40, reason="Sửa cấp văn bản", corrected_by=reviewer
    )
    _assert_current()


def test_an_indicator_whose_direction_changes_is_assessed_again():
    _stored()
    indicator = Indicator.objects.get(code="1.1")
    indicator.direction = Indicator.Direction.LOWER_IS_BETTER
    indicator.save()
    _assert_current()


def test_an_assessment_is_made_again_on_another_day(on_day):
    """The day decides the goal to steer to and the verdicts on goals past: an assessment stored in mid-2025 is not
    read at the end of 2026."""
    mid_2025 = date(2025, 6, 30)
    on_day(mid_2025)
    before = _stored()
    assert {row.as_of for row in StoredAssessment.objects.all()} == {mid_2025}
    on_day(date(2026, 11, 30))
    after = _stored()
    assert after == _fresh() and after != before
    assert before["1.1"].goal.year == 2025 and after["1.1"].goal.year == 2030


def test_an_assessment_stored_under_an_older_revision_or_layout_is_never_read():
    """A reader that assessed figures since changed stored its result under the revision it read: no later reader
    takes it."""
    _stored()
    indicator = Indicator.objects.get(code="1.1")
    stale = StoredAssessment.objects.get(indicator=indicator)
    Observation.objects.create(indicator=indicator, year=2026, quarter=3, value=Decimal("42"), source="x")
    StoredAssessment.objects.filter(pk=stale.pk).update(data=stale.data)  # the late reader's write
    assert _stored()["1.1"].latest.value == Decimal("42")
    StoredAssessment.objects.update(layout="0/old")
    _assert_current()
    assert set(StoredAssessment.objects.values_list("layout", flat=True)) == {LAYOUT}


def test_the_home_table_reads_a_single_figure_and_extreme_values():
    indicator = Indicator.objects.get(code="2.1")
    home_table(clock.today())
    Observation.objects.filter(indicator=indicator).delete()
    Observation.objects.create(indicator=indicator, year=2026, quarter=3, value=Decimal("9999999999.9999"), source="x")
    rows = {r.indicator.code: r for r in home_table(clock.today()).rows}
    assert rows["2.1"].progress.latest.value == Decimal("9999999999.9999")
    assert (
        rows["2.1"].progress
        == assess_indicator(Indicator.objects.with_figures().get(code="2.1"), clock.today()).progress
    )


def test_an_indicator_saved_from_an_instance_read_before_a_change_does_not_bring_back_an_old_revision():
    """The admin reads an indicator, a figure arrives meanwhile and a page stores the assessment; the admin's save
    (of its upper bound) must still make every page assess the indicator again."""
    _stored()
    held = Indicator.objects.get(code="1.1")
    Observation.objects.create(indicator=held, year=2026, quarter=3, value=Decimal("21"), source="x")
    before = _stored()["1.1"]
    held.max_value = Decimal("19")  # below the trend's projection (about 20,4% in 2030): it is capped there
    held.note = "Sửa giới hạn"
    held.save()
    _assert_current()
    assert _stored()["1.1"] != before
    held.save(update_fields=["note"])
    _assert_current()


def test_a_target_moved_to_another_indicator_changes_both():
    _stored()
    target = Target.objects.filter(indicator__code="2.1").first()
    target.indicator = Indicator.objects.get(code="2.2")
    target.year = 2029  # a year 2.2's documents leave empty
    target.save()
    _assert_current()


def test_figures_inserted_in_bulk_are_read_at_once():
    _stored()
    indicator = Indicator.objects.get(code="2.1")
    Observation.objects.bulk_create(
        [Observation(indicator=indicator, year=2026, quarter=q, value=Decimal(80 + q), source="x") for q in (1, 2)]
    )
    _assert_current()


def test_a_stored_assessment_that_cannot_be_read_is_made_again():
    """Data that is not an assessment, or that names a class outside the read model, is never used (nor run)."""
    import collections
    import pickle

    _stored()
    indicator = Indicator.objects.get(code="1.1")
    StoredAssessment.objects.filter(indicator=indicator).update(data=pickle.dumps(collections.OrderedDict()))
    _assert_current()
    StoredAssessment.objects.filter(indicator=indicator).update(data=b"not a pickle")
    _assert_current()


def test_the_targets_are_read_only_by_the_pages_that_show_them_and_remade_if_unreadable():
    """The progress is read at once; the targets and yearly figures when a page first reads them (the dashboard
    and the API list never do). Unreadable targets are read again from the database for that indicator."""
    _stored()
    (assessment,) = [
        a for a in stored_assessments(Indicator.objects.with_stored(), clock.today()) if a.indicator.code == "1.1"
    ]
    assert "groups" not in vars(assessment) and assessment.progress == _fresh()["1.1"]
    fresh = assess_indicator(Indicator.objects.with_figures().get(code="1.1"), clock.today())
    # The consolidated table reads the figures in force without unpickling the targets.
    in_force = fresh.groups[(2025, GOAL)][0]
    assert assessment.figure_in_force(2025, GOAL) == (in_force.comparator, in_force.value, in_force.wording)
    assert assessment.figure_in_force(1999, GOAL) is None and "groups" not in vars(assessment)
    assert _read(assessment) == _read(fresh) and "groups" in vars(assessment)
    StoredAssessment.objects.filter(indicator__code="1.1").update(detail=b"not a pickle")
    (broken,) = [
        a for a in stored_assessments(Indicator.objects.with_stored(), clock.today()) if a.indicator.code == "1.1"
    ]
    assert _read(broken) == _read(fresh)
