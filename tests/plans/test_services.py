"""The quarter a unit's task progress is recorded for: the reporting calendar's, read from reporting.calendar
(Q1 takes in December of the previous year, Q4 only October and November), never the calendar quarter."""

from datetime import date

import pytest

from plans.models import ProgressUpdate, Task
from plans.services import current_period, progress_update_record
from reporting.calendar import PeriodError, ReportingPeriod


@pytest.mark.parametrize(
    ("day", "hour", "period"),
    [
        (date(2026, 11, 30), 12, ReportingPeriod(2026, 4)),
        (date(2026, 11, 30), 23, ReportingPeriod(2026, 4)),  # late evening in Hà Nội: still 30 November
        (date(2026, 12, 1), 0, ReportingPeriod(2027, 1)),  # just past midnight in Hà Nội (still 30/11 in UTC)
        (date(2026, 12, 1), 12, ReportingPeriod(2027, 1)),
        (date(2027, 3, 31), 12, ReportingPeriod(2027, 1)),
        (date(2027, 4, 1), 12, ReportingPeriod(2027, 2)),
    ],
)
def test_the_current_quarter_is_the_reporting_calendars(on_day, day, hour, period):
    on_day(day, hour=hour)
    assert current_period() == period


def test_outside_the_reporting_calendar_there_is_no_current_quarter(on_day):
    on_day(date(2030, 12, 1))  # would be Q1 2031: the calendar ends with 2030
    assert current_period() is None


@pytest.mark.django_db
def test_progress_recorded_on_1_december_is_for_the_next_years_first_quarter(on_day, cvt_reporter):
    task = Task.objects.get(document__slug="qd-466-2023", ref="A.II.14.1")  # implemented by Cục Viễn thông

    def record(day: date, status: str) -> ProgressUpdate:
        on_day(day)
        return progress_update_record(
            task=task,
            unit_id=cvt_reporter.membership.unit_id,
            user=cvt_reporter,
            status=status,
            report="",
            evidence_url="",
        )

    november = record(date(2026, 11, 30), "in_progress")
    december = record(date(2026, 12, 1), "in_progress")
    march = record(date(2027, 3, 31), "done")
    april = record(date(2027, 4, 1), "done")
    assert (november.year, november.quarter) == (2026, 4)
    assert (december.year, december.quarter) == (2027, 1)
    assert march.pk == december.pk  # the same quarter: the December record corrected in place
    assert (april.year, april.quarter) == (2027, 2)
    assert sorted(ProgressUpdate.objects.filter(task=task).values_list("year", "quarter")) == [
        (2026, 4),
        (2027, 1),
        (2027, 2),
    ]


@pytest.mark.django_db
def test_no_progress_is_recorded_outside_the_reporting_calendar(on_day, cvt_reporter):
    on_day(date(2030, 12, 1))
    task = Task.objects.get(document__slug="qd-466-2023", ref="A.II.14.1")
    with pytest.raises(PeriodError):
        progress_update_record(
            task=task,
            unit_id=cvt_reporter.membership.unit_id,
            user=cvt_reporter,
            status="done",
            report="",
            evidence_url="",
        )
    assert not ProgressUpdate.objects.filter(task=task).exists()
