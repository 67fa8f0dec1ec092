"""Writes of the plans app: an implementing unit's quarterly progress on a task."""

from __future__ import annotations

from django.db import transaction

from plans.models import ProgressUpdate, Task
from strategy_tracker import clock


def current_quarter() -> tuple[int, int]:
    today = clock.today()
    return today.year, (today.month - 1) // 3 + 1


@transaction.atomic
def progress_update_record(
    *, task: Task, unit_id: int, user, status: str, report: str, evidence_url: str
) -> ProgressUpdate:
    """Record (or correct) the unit's progress on the task for the current quarter, and the task's status with it.

    The caller has checked that the unit implements the task (plans.access). A second record in the same quarter
    changes the first in place; simple-history keeps every version."""
    year, quarter = current_quarter()
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
