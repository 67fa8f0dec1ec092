"""What a person must do first, in order: the one rule of the front page's agenda ("what needs me").

Pure: periods, statuses and times in, an ordered list out; no query. `reporting.selectors.due_notice_for` reads
what it needs and the home page renders the list, its first item as the big button.

A unit's reporter: a submission handed back (returned or reopened: the reviewer waits for it, whatever the
calendar says), then a quarter whose deadline has passed unsent (overdue), then the quarter due next. Within each,
the oldest quarter first. A reviewer: submissions waiting for review (the longest waiting first), then the units
missing before the consolidation deadline, then figures changed since a quarter was consolidated (the report sent
no longer says what the tracker does)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from reporting.calendar import DeadlineStatus, ReportingPeriod
from reporting.workflow import Status

HANDED_BACK = frozenset({Status.RETURNED.value, Status.REOPENED.value})
SENT = frozenset({Status.SUBMITTED.value, Status.ACCEPTED.value})


class Need(StrEnum):
    HANDED_BACK = "handed_back"  # returned or reopened: correct it and send it again
    OVERDUE = "overdue"  # the deadline has passed and it has not been sent
    DUE = "due"  # the quarter due next


@dataclass(frozen=True)
class ReporterTask:
    period: ReportingPeriod
    need: Need
    status: str  # the submission's status, "" when there is none
    deadline: DeadlineStatus
    reason: str = ""  # why it was handed back


def reporter_agenda(
    quarters: Iterable[tuple[ReportingPeriod, str, DeadlineStatus, str]], due: ReportingPeriod | None
) -> list[ReporterTask]:
    """The reporter's tasks, most urgent first, from each quarter of the unit (period, status, deadline status,
    the reviewer's reason) and the period due next. A quarter is listed once, under its most urgent need; the
    quarter due next is listed last, whatever its status (sent already, it needs nothing more: the page says
    so)."""
    quarters = sorted(quarters, key=lambda q: q[0])
    handed_back, overdue = [], []
    seen = set()
    for period, status, deadline, reason in quarters:
        if status in HANDED_BACK:
            handed_back.append(ReporterTask(period, Need.HANDED_BACK, status, deadline, reason))
        elif deadline == DeadlineStatus.MISSING:
            overdue.append(ReporterTask(period, Need.OVERDUE, status, deadline))
        else:
            continue
        seen.add(period)
    tasks = handed_back + overdue
    if due is not None and due not in seen:
        status, deadline = next(((s, d) for p, s, d, _r in quarters if p == due), ("", DeadlineStatus.DUE))
        tasks.append(ReporterTask(due, Need.DUE, status, deadline))
    return tasks


@dataclass(frozen=True)
class Correction:
    """A unit's submission of a consolidated quarter reviewed again after the report was sent."""

    period: ReportingPeriod
    unit_id: int
    status: str
    reviewed_at: datetime


def corrections_since(
    consolidated: Mapping[ReportingPeriod, datetime],
    reviewed: Iterable[tuple[ReportingPeriod, int, str, datetime | None]],
) -> list[Correction]:
    """The submissions (period, unit id, status, reviewed at) reviewed (reopened, or accepted again) after their
    quarter's latest consolidation, newest first."""
    found = [
        Correction(period, unit_id, status, at)
        for period, unit_id, status, at in reviewed
        if at is not None and period in consolidated and at > consolidated[period]
    ]
    return sorted(found, key=lambda c: c.reviewed_at, reverse=True)
