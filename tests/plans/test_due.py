"""Every due form the documents use, read by plans.due and judged against a day passed in (no database)."""

from datetime import date

import pytest

from plans.due import DueKind, is_overdue, parse_due

LATE_2026 = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "plan_year", "kind", "deadline"),
    [
        ("Quý IV/2023", 2023, DueKind.QUARTER, date(2023, 12, 31)),
        ("Quý II/2023", 2023, DueKind.QUARTER, date(2023, 6, 30)),
        ("Quý I/2025", None, DueKind.QUARTER, date(2025, 3, 31)),
        ("Quý 1/2026", None, DueKind.QUARTER, date(2026, 3, 31)),
        ("quý 4/2023", None, DueKind.QUARTER, date(2023, 12, 31)),
        ("Tháng 12/2024", None, DueKind.MONTH, date(2024, 12, 31)),
        ("Tháng 01/2026", None, DueKind.MONTH, date(2026, 1, 31)),
        ("Tháng 2/2024", None, DueKind.MONTH, date(2024, 2, 29)),
        ("Năm 2025", None, DueKind.YEAR, date(2025, 12, 31)),
        ("Trong năm 2025", None, DueKind.YEAR, date(2025, 12, 31)),
        ("Trước quý II/2024", None, DueKind.BEFORE_QUARTER, date(2024, 3, 31)),
        ("Cả năm", 2023, DueKind.WHOLE_YEAR, date(2023, 12, 31)),
        ("Quý IV hàng năm", None, DueKind.RECURRING, None),
        ("Hàng năm", None, DueKind.RECURRING, None),
        ("Hàng tuần", None, DueKind.RECURRING, None),
        ("Theo kế hoạch chi tiết của cơ quan chủ quản", 2023, DueKind.OTHER_PLAN, None),
        ("Theo Kế hoạch của Bộ Giáo dục và Đào tạo", 2023, DueKind.OTHER_PLAN, None),
        ("-\n(chưa thực hiện trong năm nay)", 2023, DueKind.NOT_PLANNED, None),
        ("-", 2023, DueKind.NONE, None),
        ("", None, DueKind.NONE, None),
        ("Cả năm", None, DueKind.UNKNOWN, None),  # without the plan's year "the whole year" is no date
        ("Sớm nhất có thể", None, DueKind.UNKNOWN, None),
        ("Tháng 13/2024", None, DueKind.UNKNOWN, None),
        ("Quý V/2024", None, DueKind.UNKNOWN, None),
    ],
)
def test_each_due_form_is_read(text, plan_year, kind, deadline):
    due = parse_due(text, plan_year=plan_year)
    assert (due.kind, due.deadline) == (kind, deadline)


@pytest.mark.parametrize(
    ("text", "plan_year", "overdue_on_30_11_2026"),
    [
        ("Quý IV/2023", 2023, True),
        ("Tháng 12/2024", None, True),
        ("Năm 2025", None, True),
        ("Trước quý II/2024", None, True),
        ("Cả năm", 2023, True),
        ("Quý IV/2026", None, False),  # its quarter has a month to go
        ("Tháng 11/2026", None, False),  # the last day of the month is today: still on time
        ("Quý 1/2027", None, False),
        ("Quý IV hàng năm", None, False),
        ("Theo kế hoạch chi tiết của cơ quan chủ quản", 2023, False),
        ("chưa thực hiện trong năm nay", 2023, False),
        ("-", 2023, False),
        ("Sớm nhất có thể", None, False),  # words the parser does not understand are never overdue
        ("Cả năm", None, False),
    ],
)
def test_overdue_on_every_due_form_for_a_task_not_started(text, plan_year, overdue_on_30_11_2026):
    due = parse_due(text, plan_year=plan_year)
    assert is_overdue(due.deadline, "not_started", LATE_2026) is overdue_on_30_11_2026


@pytest.mark.parametrize(("status", "overdue"), [
    ("not_started", True), ("in_progress", True), ("delayed", True), ("done", False), ("not_planned", False),
])  # fmt: skip
def test_a_task_done_or_not_planned_is_never_overdue(status, overdue):
    assert is_overdue(date(2023, 12, 31), status, LATE_2026) is overdue


def test_the_deadline_day_is_on_time_and_the_next_day_late():
    deadline = parse_due("Quý IV/2023", plan_year=2023).deadline
    assert not is_overdue(deadline, "in_progress", date(2023, 12, 31))
    assert is_overdue(deadline, "in_progress", date(2024, 1, 1))
