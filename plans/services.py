"""Writes of the plans app: an implementing unit's quarterly progress on a task."""

from __future__ import annotations

from django.db import transaction

from plans.models import ProgressUpdate, Task
from reporting.calendar import PeriodError, ReportingPeriod, period_covering
from strategy_tracker import clock


def current_period() -> ReportingPeriod | None:
    """The reporting quarter under way today, by the reporting calendar (1 December is in the next year's Q1), so
    that a unit's task progress and its figures fall in the same quarter; None outside the calendar's years."""
    return period_covering(clock.today())


@transaction.atomic
def progress_update_record(
    *, task: Task, unit_id: int, user, status: str, report: str, evidence_url: str
) -> ProgressUpdate:
    """Record (or correct) the unit's progress on the task for the current quarter, and the task's status with it.

    The caller has checked that the unit implements the task (`strategy_tracker.rights.get_task_for_user`). A second
    record in the same quarter changes the first in place; simple-history keeps every version. Outside the reporting
    calendar there is no quarter to record progress for: PeriodError."""
    period = current_period()
    if period is None:
        raise PeriodError(f"no reporting period on {clock.today()}")
    year, quarter = period.year, period.quarter
    # Lock the task first: two people recording the quarter's first update at once queue here, and the second
    # one finds (and corrects) the first one's row instead of breaking the one-per-unit-and-quarter constraint.
    Task.objects.select_for_update().filter(pk=task.pk).first()
    update = (
        ProgressUpdate.objects.select_for_update()
        .filter(task=task, unit_id=unit_id, year=year, quarter=quarter)
        .first()
    )
    if update is None:
        update = ProgressUpdate(task=task, unit_id=unit_id, year=year, quarter=quarter)
    update.status, update.report, update.evidence_url = status, report, evidence_url
    update.recorded_by, update.recorded_at = user, clock.now()
    update.full_clean(validate_unique=False)
    update.save()
    if task.status != status:
        task.status = status
        task._change_reason = "progress update"  # type: ignore[attr-defined]  # read by django-simple-history
        task.save(update_fields=["status"])
    return update
