"""The quarterly calendar of Quyết định 466 (Mục II.2, Phụ lục 01), without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    DeadlineStatus,
    PeriodError,
    ReportingPeriod,
    all_periods,
    deadline_status,
    parse_period_code,
    period_covering,
    period_due,
    period_to_consolidate,
    periods_of_year,
)

days_in_calendar = st.dates(min_value=date(FIRST_YEAR - 1, 12, 1), max_value=date(LAST_YEAR, 11, 30))
periods = st.sampled_from(all_periods())
FIRST = ReportingPeriod(2023, 1)  # every quarter of the calendar tracked, unless a test says otherwise


@pytest.mark.parametrize(
    ("quarter", "covers_from", "covers_to", "unit_deadline", "consolidation"),
    [
        (1, date(2025, 12, 1), date(2026, 3, 31), date(2026, 4, 5), date(2026, 4, 10)),
        (2, date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 5), date(2026, 7, 10)),
        (3, date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 5), date(2026, 10, 10)),
        (4, date(2026, 10, 1), date(2026, 11, 30), date(2026, 12, 5), date(2026, 12, 10)),
    ],
)
def test_each_quarter_as_466_writes_it(quarter, covers_from, covers_to, unit_deadline, consolidation):
    period = ReportingPeriod(2026, quarter)
    assert (period.covers_from, period.covers_to) == (covers_from, covers_to)
    assert period.unit_deadline == unit_deadline
    assert period.consolidation_deadline == consolidation


def test_q1_includes_december_of_the_previous_year_and_q4_only_october_and_november():
    assert ReportingPeriod(2024, 1).months == ((2023, 12), (2024, 1), (2024, 2), (2024, 3))
    assert ReportingPeriod(2024, 4).months == ((2024, 10), (2024, 11))


def test_only_the_second_quarter_asks_for_the_six_month_assessment():
    assert [p.asks_half_year_assessment for p in periods_of_year(2026)] == [False, True, False, False]


@pytest.mark.parametrize(
    "text",
    [
        *("2024Q5", "2024Q0", "2022Q4", "2031Q1", "2024", "abc", "", "2024-Q3", "Q3 2024", "2024Q3\n2024Q4"),
        *("٢٠٢٦Q4", "２０２６Q4", "۲۰۲۶Q4", "2026Q٤"),  # other scripts' digits are not the calendar's
    ],
)
def test_a_period_that_does_not_exist_is_refused(text):
    with pytest.raises(PeriodError):
        parse_period_code(text)


def test_period_codes_read_both_cases_and_spaces():
    assert parse_period_code(" 2024q3 ") == ReportingPeriod(2024, 3)


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 11, 20), ReportingPeriod(2026, 4)),  # scenario 2: Q4 due on 05/12
        (date(2026, 12, 5), ReportingPeriod(2026, 4)),  # the deadline day itself is still on time
        (date(2026, 12, 6), ReportingPeriod(2027, 1)),
        (date(2026, 4, 5), ReportingPeriod(2026, 1)),
        (date(2026, 4, 6), ReportingPeriod(2026, 2)),
        (date(2030, 12, 6), None),  # after the strategy's horizon
    ],
)
def test_the_period_due(today, due):
    assert period_due(today) == due


@pytest.mark.parametrize(
    ("today", "under_review"),
    [
        (date(2026, 11, 20), ReportingPeriod(2026, 4)),  # before the units' deadline, as the period due
        (date(2026, 12, 6), ReportingPeriod(2026, 4)),  # scenario 6: late and missing units show until the 10th
        (date(2026, 12, 10), ReportingPeriod(2026, 4)),  # the consolidation deadline itself
        (date(2026, 12, 11), ReportingPeriod(2027, 1)),
        (date(2030, 12, 11), ReportingPeriod(2030, 4)),  # after the calendar: the last quarter
        (date(FIRST_YEAR - 1, 11, 30), None),  # before it: nothing open
    ],
)
def test_the_quarter_under_review(today, under_review):
    assert period_to_consolidate(today) == under_review


@given(st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 10)))
def test_the_quarter_under_review_is_open_its_consolidation_ahead_and_the_previous_one_past(today):
    period = period_to_consolidate(today)
    assert period is not None and period.is_open_on(today) and period.consolidation_deadline >= today
    due = period_due(today)  # the units' next deadline is never before the one of the quarter under review
    if due is not None:
        assert period.unit_deadline <= due.unit_deadline
    if period.previous() is not None:
        assert period.previous().consolidation_deadline < today


@given(days_in_calendar)
def test_every_day_is_covered_by_exactly_one_period(day):
    covering = [p for p in all_periods() if p.covers_from <= day <= p.covers_to]
    assert covering == [period_covering(day)]


@given(periods)
def test_periods_tile_the_calendar_without_gap_or_overlap(period):
    following = period.next()
    if following is not None:
        assert following.covers_from == period.covers_to + timedelta(days=1)
        assert following.previous() == period
    assert period.covers_to < period.unit_deadline < period.consolidation_deadline
    assert (period.consolidation_deadline - period.unit_deadline).days == 5


@given(st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 5)))
def test_the_period_due_is_open_and_the_previous_deadline_has_passed(today):
    due = period_due(today)
    assert due is not None and due.unit_deadline >= today and due.is_open_on(today)
    if due.previous() is not None:
        assert due.previous().unit_deadline < today


@given(periods, st.dates(min_value=date(2022, 1, 1), max_value=date(2031, 12, 31)))
def test_a_submission_is_on_time_exactly_when_it_is_sent_by_the_deadline(period, sent):
    status = deadline_status(period, submitted_on=sent, today=sent, first_tracked=FIRST)
    assert status == (DeadlineStatus.ON_TIME if sent <= period.unit_deadline else DeadlineStatus.LATE)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 30), DeadlineStatus.UPCOMING),
        (date(2026, 10, 1), DeadlineStatus.DUE),
        (date(2026, 12, 5), DeadlineStatus.DUE),
        (date(2026, 12, 6), DeadlineStatus.MISSING),
    ],
)
def test_a_quarter_not_submitted_is_upcoming_then_due_then_missing(today, expected):
    assert deadline_status(ReportingPeriod(2026, 4), submitted_on=None, today=today, first_tracked=FIRST) == expected


def test_the_day_of_the_first_submission_decides_even_when_seen_later():
    q4 = ReportingPeriod(2026, 4)
    assert (
        deadline_status(q4, submitted_on=date(2026, 12, 2), today=date(2027, 1, 15), first_tracked=FIRST)
        == DeadlineStatus.ON_TIME
    )
    assert (
        deadline_status(q4, submitted_on=date(2026, 12, 7), today=date(2027, 1, 15), first_tracked=FIRST)
        == DeadlineStatus.LATE
    )


@given(periods, st.one_of(st.none(), st.dates(min_value=date(2022, 1, 1), max_value=date(2031, 12, 31))))
def test_a_quarter_before_the_first_tracked_one_is_never_missing_on_time_or_late(period, sent):
    """Back-filling one old quarter must not flood "missing": quarters before the first tracked quarter are
    not tracked, submitted or not."""
    first = ReportingPeriod(2026, 4)
    status = deadline_status(period, submitted_on=sent, today=date(2026, 11, 30), first_tracked=first)
    assert (status == DeadlineStatus.NOT_TRACKED) == (period < first)


@given(periods)
def test_a_period_s_code_reads_back_as_the_same_period(period):
    assert period.code == f"{period.year}Q{period.quarter}"
    assert parse_period_code(period.code) == period


def test_the_next_period_runs_into_the_next_year_and_stops_at_the_calendar_s_end():
    assert ReportingPeriod(2026, 2).next() == ReportingPeriod(2026, 3)
    assert ReportingPeriod(2026, 4).next() == ReportingPeriod(2027, 1)
    assert ReportingPeriod(LAST_YEAR, 4).next() is None


@given(periods)
def test_next_and_previous_undo_each_other(period):
    following = period.next()
    assert following is None or following.previous() == period


def test_periods_order_by_year_then_quarter():
    periods = [ReportingPeriod(2027, 1), ReportingPeriod(2026, 4), ReportingPeriod(2026, 2)]
    assert sorted(periods) == [ReportingPeriod(2026, 2), ReportingPeriod(2026, 4), ReportingPeriod(2027, 1)]
    assert ReportingPeriod(2026, 4) < ReportingPeriod(2027, 1)
    assert len({ReportingPeriod(2026, 4), ReportingPeriod(2026, 4), ReportingPeriod(2027, 1)}) == 2  # a value
