"""When a task is due, and whether it is overdue: pure, over plain values, with today passed in.

The documents write a task's deadline in several ways: a quarter ("Quý IV/2023", "quý 1/2026"), a month
("Tháng 12/2024"), a year ("Năm 2025", "Trong năm 2025"), before a quarter ("Trước quý II/2024"), the whole year of
the plan ("Cả năm", read against the plan's year), something recurring ("Quý IV hàng năm", "Hàng tuần"), another
body's plan ("Theo kế hoạch chi tiết của cơ quan chủ quản") or nothing ("-", empty). "(chưa thực hiện trong năm
nay)" is a status, not a date. A text that is not understood keeps its words and is never reported overdue.

A quarter in a deadline is the document's own, a calendar quarter ("Quý IV/2023" ends on 31/12/2023), and the task
list's "due in" filter reads it the same way. It is not the reporting calendar's quarter (reporting.calendar, where
December belongs to the next year's Q1): that one dates a unit's progress reports (plans.services.current_period).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class DueKind(StrEnum):
    QUARTER = "quarter"
    MONTH = "month"
    YEAR = "year"
    WHOLE_YEAR = "whole_year"  # "Cả năm": the whole year of the plan
    BEFORE_QUARTER = "before_quarter"
    RECURRING = "recurring"  # every year, quarter or week: no single deadline
    OTHER_PLAN = "other_plan"  # "Theo kế hoạch ...": set by another body's plan
    NOT_PLANNED = "not_planned"  # "(chưa thực hiện trong năm nay)": a status
    NONE = "none"  # "-" or nothing
    UNKNOWN = "unknown"


# A task that is done, or not planned this year, is never overdue.
CLOSED_STATUSES = frozenset({"done", "not_planned"})

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = r"qu[ýy]\s+(I{1,3}|IV|[1-4])\s*/\s*(\d{4})"
PATTERNS: tuple[tuple[DueKind, re.Pattern[str]], ...] = (
    (DueKind.NOT_PLANNED, re.compile(r"chưa thực hiện trong năm nay", re.I)),
    (DueKind.RECURRING, re.compile(r"h[àằ]ng\s+(năm|quý|tháng|tuần)", re.I)),
    (DueKind.OTHER_PLAN, re.compile(r"^theo\s+k[ếe]\s+ho[ạa]ch", re.I)),
    (DueKind.BEFORE_QUARTER, re.compile(rf"^trước\s+{_QUARTER}$", re.I)),
    (DueKind.QUARTER, re.compile(rf"^(?:trong\s+)?{_QUARTER}$", re.I)),
    (DueKind.MONTH, re.compile(r"^(?:trong\s+)?tháng\s+(\d{1,2})\s*/\s*(\d{4})$", re.I)),
    (DueKind.YEAR, re.compile(r"^(?:trong\s+)?năm\s+(\d{4})$", re.I)),
    (DueKind.WHOLE_YEAR, re.compile(r"^cả\s+năm$", re.I)),
)


@dataclass(frozen=True)
class Due:
    kind: DueKind
    deadline: date | None  # the last day the task may be done on; None when there is no single date
    text: str


def _quarter_number(raw: str) -> int:
    return ROMAN.get(raw.upper()) or int(raw)


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_start(year: int, quarter: int) -> date:
    return date(year, quarter * 3 - 2, 1)


def parse_due(text: str, *, plan_year: int | None = None) -> Due:
    """The due form of a document's text. `plan_year` is the year of the plan the task belongs to, which
    "Cả năm" (the whole year) refers to; without it "Cả năm" is not understood."""
    words = " ".join((text or "").split()).rstrip(".")
    if words in ("", "-", "–"):
        return Due(DueKind.NONE, None, words)
    for kind, pattern in PATTERNS:
        match = pattern.search(words)
        if not match:
            continue
        try:
            deadline = _deadline(kind, match.groups(), plan_year)
        except ValueError:  # "Tháng 13/2024", "Quý 0/2025": words, not a date
            return Due(DueKind.UNKNOWN, None, words)
        if kind == DueKind.WHOLE_YEAR and deadline is None:
            return Due(DueKind.UNKNOWN, None, words)
        return Due(kind, deadline, words)
    return Due(DueKind.UNKNOWN, None, words)


def _deadline(kind: DueKind, groups: tuple[str, ...], plan_year: int | None) -> date | None:
    if kind == DueKind.QUARTER:
        return quarter_end(int(groups[1]), _checked_quarter(groups[0]))
    if kind == DueKind.BEFORE_QUARTER:
        return quarter_start(int(groups[1]), _checked_quarter(groups[0])) - timedelta(days=1)
    if kind == DueKind.MONTH:
        year, month = int(groups[1]), int(groups[0])
        return date(year, month, calendar.monthrange(year, month)[1])
    if kind == DueKind.YEAR:
        return date(int(groups[0]), 12, 31)
    if kind == DueKind.WHOLE_YEAR:
        return date(plan_year, 12, 31) if plan_year else None
    return None


def _checked_quarter(raw: str) -> int:
    quarter = _quarter_number(raw)
    if not 1 <= quarter <= 4:
        raise ValueError(raw)
    return quarter


def is_overdue(deadline: date | None, status: str, today: date) -> bool:
    """Past its deadline and neither done nor set aside for the year. The deadline day itself is on time."""
    return deadline is not None and today > deadline and status not in CLOSED_STATUSES
