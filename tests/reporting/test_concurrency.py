"""No lost update, on SQLite as on PostgreSQL: two people saving the same version of a submission at the same
instant are served one after the other; the second is refused as outdated ("someone else saved this, reload"),
never a server error ("database is locked").

These tests commit for real (threads have their own connections), so the database is emptied after each of
them (pytest-django runs such tests after the others): they load the reference data and the demo people
themselves, as the browser tests do. On SQLite the test database is a file (settings), so the threads share it.
"""

import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from indicators.models import Indicator, Unit
from indicators.reference_data import reference_data_load
from indicators.services import demo_users_create
from reporting import services
from reporting.calendar import ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reporting.services import FigureInput, SectionsInput, StaleSubmission, submission_save
from strategy_tracker import clock
from tests.conftest import FIXTURES
from tests.threads import at_once

pytestmark = pytest.mark.django_db(transaction=True)

Q4 = ReportingPeriod(2026, 4)
HELD = 0.3  # seconds each save holds its lock: long enough for the other one to arrive meanwhile


@pytest.fixture
def cuc_vt(transactional_db):
    """Cục Viễn thông and its reporter, from the reference data and the demo people loaded here."""
    reference_data_load(directory=FIXTURES)
    demo_users_create()
    return Unit.objects.get(slug="cuc-vt"), get_user_model().objects.get(username="cvt")


@pytest.fixture
def slow_lock(monkeypatch):
    """Each save holds the submission a moment after reading it, so that the two overlap: without a write lock
    taken when the transaction begins, both read version 1 and SQLite fails the second write."""
    lock_or_create = services._lock_or_create

    def held(*args, **kwargs):
        submission = lock_or_create(*args, **kwargs)
        time.sleep(HELD)
        return submission

    monkeypatch.setattr(services, "_lock_or_create", held)


def _save(unit, user, version: int, value: str) -> Submission:
    figure = FigureInput(indicator=Indicator.objects.get(code="2.5"), value=Decimal(value), source=f"nguồn {value}")
    return submission_save(
        unit=unit,
        period=Q4,
        user=user,
        version=version,
        figures=[figure],
        sections=SectionsInput(),
        submit=False,
        now=clock.now(),
    )


def test_two_saves_of_the_same_version_at_once_one_wins_and_the_other_is_refused_as_outdated(cuc_vt, slow_lock):
    unit, reporter = cuc_vt
    draft = _save(unit, reporter, 0, "80")  # the version both people have open
    assert draft.version == Submission.objects.get().version > 0

    opened = draft.version
    results = at_once(lambda: _save(unit, reporter, opened, "81.2"), lambda: _save(unit, reporter, opened, "82.5"))

    winners = [r for r in results if isinstance(r, Submission)]
    refused = [r for r in results if isinstance(r, StaleSubmission)]
    assert (len(winners), len(refused)) == (1, 1), results  # never an OperationalError ("database is locked")
    submission = Submission.objects.get()
    assert submission.version == winners[0].version > opened
    stored = SubmissionValue.objects.get(submission=submission)
    won = Decimal("81.2") if results[0] is winners[0] else Decimal("82.5")
    assert (stored.value, stored.source) == (won, f"nguồn {won.normalize()}")  # the winner's values, intact


def test_two_first_saves_at_once_create_one_submission_and_refuse_the_other(cuc_vt, slow_lock):
    """Neither person has a draft yet (version 0): one creates it, the other is refused, not a duplicate."""
    unit, reporter = cuc_vt
    results = at_once(lambda: _save(unit, reporter, 0, "81.2"), lambda: _save(unit, reporter, 0, "82.5"))
    assert sorted(type(r).__name__ for r in results) == ["StaleSubmission", "Submission"], results
    (winner,) = [r for r in results if isinstance(r, Submission)]
    assert Submission.objects.get().version == winner.version


def test_two_pages_storing_the_same_assessments_at_the_same_instant_both_succeed(cuc_vt):
    """The first two pages of the day, read at once, both make and store every assessment: the second write
    replaces the first (one row per indicator), neither fails, and the stored assessments equal fresh ones."""
    from indicators.models import StoredAssessment
    from indicators.selectors import assess_indicator, home_table

    today = clock.today()

    def page() -> list:
        try:
            return [row.progress for row in home_table(today).rows]
        finally:
            connection.close()

    first, second = at_once(page, page)
    assert not isinstance(first, Exception) and not isinstance(second, Exception), (first, second)
    fresh = [assess_indicator(i, today).progress for i in Indicator.objects.with_figures()]
    assert first == second == fresh
    assert StoredAssessment.objects.count() == Indicator.objects.count()
    assert [row.progress for row in home_table(today).rows] == fresh
