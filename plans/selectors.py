"""Reads of the plans app: each page's read model, in a fixed number of queries, with overdue decided by
plans.due.is_overdue against the day passed in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from indicators.models import Document, Indicator, Unit
from plans.due import is_overdue
from plans.models import ProgressUpdate, Section, Task


@dataclass(frozen=True)
class TaskRow:
    task: Task
    overdue: bool


def task_rows(tasks, *, today: date) -> list[TaskRow]:
    return [TaskRow(task, is_overdue(task.deadline, task.status, today)) for task in tasks]


def overdue_ids(tasks: QuerySet[Task], *, today: date) -> list[int]:
    """The tasks of `tasks` that are overdue today: one query over three columns, the rule in Python."""
    return [
        pk
        for pk, deadline, status in tasks.values_list("pk", "deadline", "status")
        if is_overdue(deadline, status, today)
    ]


def tasks_for_indicator(indicator: Indicator, *, today: date) -> list[TaskRow]:
    """The tasks whose evaluation criterion is this indicator (one query, with their documents)."""
    tasks = indicator.tasks.select_related("document", "section").order_by("document__issued_on", "order")
    return task_rows(tasks, today=today)


@dataclass(frozen=True)
class UnitTasks:
    unit: Unit
    rows: list[TaskRow]
    counts: dict[str, int]
    overdue: int


def tasks_of_unit(unit: Unit, *, today: date) -> UnitTasks:
    """The tasks a unit implements, overdue first, then by deadline (two queries: tasks, their units)."""
    rows = task_rows(Task.objects.for_unit(unit).for_list(), today=today)
    rows.sort(key=lambda r: (not r.overdue, r.task.deadline or date.max, r.task.document_id, r.task.order))
    counts = Counter(r.task.status for r in rows)
    return UnitTasks(unit, rows, dict(counts), sum(r.overdue for r in rows))


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: str
    unit: str
    period: str
    status: str
    report: str
    evidence_url: str
    kind: str  # "+" created, "~" changed


def task_history(task: Task) -> list[HistoryEntry]:
    """Every version of every progress update on the task, newest first (one query)."""
    records = (
        ProgressUpdate.history.filter(task_id=task.pk)
        .select_related("history_user", "unit")
        .order_by("-history_date", "-history_id")
    )
    labels = dict(ProgressUpdate._meta.get_field("status").flatchoices)  # the choices are not grouped: the same pairs
    return [
        HistoryEntry(
            when=r.history_date,
            who=(r.history_user.get_full_name() or r.history_user.username) if r.history_user else "",
            unit=r.unit.short_name if r.unit_id else "",
            period=f"Q{r.quarter}/{r.year}",
            status=str(labels.get(r.status, r.status)),
            report=r.report,
            evidence_url=r.evidence_url,
            kind=r.history_type,
        )
        for r in records
    ]


def task_updates(task: Task) -> list[ProgressUpdate]:
    return list(task.updates.with_people())


def filter_choices_documents() -> QuerySet[Document]:
    return Document.objects.filter(tasks__isnull=False).distinct().order_by("issued_on", "number")


def filter_choices_sections() -> QuerySet[Section]:
    return Section.objects.select_related("document").order_by("document__issued_on", "pk")


def filter_choices_units() -> QuerySet[Unit]:
    return Unit.objects.filter(tasks__isnull=False).distinct().order_by("name")


def lead_choices() -> list[tuple[str, str]]:
    leads = Task.objects.exclude(lead="").values_list("lead", flat=True).distinct().order_by("lead")
    return [(lead, lead) for lead in leads]
