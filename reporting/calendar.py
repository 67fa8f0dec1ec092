"""The quarterly reporting calendar of Quyết định 466/QĐ-BTTTT (Mục II.2 and Phụ lục 01).

Pure: dates in, dates out, no ORM. What each quarter covers is not the calendar quarter: Q1 takes in December
of the previous year and Q4 only October and November, so that the units can send Q4 by 05/12. The four
coverages therefore tile the calendar with no gap and no overlap: every day belongs to exactly one period.

Deadlines are written "Trước ngày 05/4" in the decision; the tracker counts a submission made on the 5th as on
time (the deadline is the last day of the allowed window).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# 466 is the 2023 action plan; the strategy's horizon is 2030. Outside these years there is no reporting period.
FIRST_YEAR = 2023
LAST_YEAR = 2030
QUARTERS = (1, 2, 3, 4)

# [0-9], not \d: \d also matches other scripts' digits ("٢٠٢٦Q4" would read as 2026Q4).
_PERIOD_CODE = re.compile(r"(?P<year>[0-9]{4})Q(?P<quarter>[1-4])")


class PeriodError(ValueError):
    """The text or numbers do not name a reporting period of the calendar."""


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    year: int
    quarter: int

    def __post_init__(self) -> None:
        if self.quarter not in QUARTERS:
            raise PeriodError(f"no quarter {self.quarter!r}")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise PeriodError(f"no reporting period in {self.year!r}")

    @property
    def code(self) -> str:
        """'2026Q4', the spelling of indicators.periods and of the API."""
        return f"{self.year}Q{self.quarter}"

    @property
    def covers_from(self) -> date:
        """First day the quarter's figures cover (Q1: 1 December of the previous year)."""
        if self.quarter == 1:
            return date(self.year - 1, 12, 1)
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def covers_to(self) -> date:
        """Last day the quarter's figures cover (Q4: 30 November)."""
        if self.quarter == 4:
            return date(self.year, 11, 30)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """(year, month) pairs the figures cover, in order: Q1 2024 → ((2023, 12), (2024, 1), (2024, 2), (2024, 3))."""
        months = []
        day = self.covers_from
        while day <= self.covers_to:
            months.append((day.year, day.month))
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return tuple(months)

    @property
    def unit_deadline(self) -> date:
        """Last day for the reporting units: 05/04, 05/07, 05/10, 05/12."""
        return date(self.year, (4, 7, 10, 12)[self.quarter - 1], 5)

    @property
    def consolidation_deadline(self) -> date:
        """Last day for Vụ KTS và XHS to consolidate and send to Viện Chiến lược TTTT: 10/04, 10/07, 10/10, 10/12."""
        return date(self.year, (4, 7, 10, 12)[self.quarter - 1], 10)

    @property
    def asks_half_year_assessment(self) -> bool:
        """Q2 asks, in addition, for the trend assessment of the first six months and proposals."""
        return self.quarter == 2

    def is_open_on(self, day: date) -> bool:
        """Figures can be entered once the period's coverage has begun."""
        return self.covers_from <= day

    def previous(self) -> ReportingPeriod | None:
        year, quarter = (self.year, self.quarter - 1) if self.quarter > 1 else (self.year - 1, 4)
        return ReportingPeriod(year, quarter) if year >= FIRST_YEAR else None

    def next(self) -> ReportingPeriod | None:
        year, quarter = (self.year, self.quarter + 1) if self.quarter < 4 else (self.year + 1, 1)
        return ReportingPeriod(year, quarter) if year <= LAST_YEAR else None


def parse_period_code(text: str) -> ReportingPeriod:
    """'2024Q3' → ReportingPeriod(2024, 3). Raises PeriodError for anything that is not a period of the calendar."""
    match = _PERIOD_CODE.fullmatch(text.strip().upper()) if isinstance(text, str) else None
    if not match:
        raise PeriodError(f"not a period: {text!r}")
    return ReportingPeriod(int(match["year"]), int(match["quarter"]))


def periods_of_year(year: int) -> tuple[ReportingPeriod, ...]:
    return tuple(ReportingPeriod(year, quarter) for quarter in QUARTERS)


def all_periods() -> tuple[ReportingPeriod, ...]:
    return tuple(p for year in range(FIRST_YEAR, LAST_YEAR + 1) for p in periods_of_year(year))


def period_covering(day: date) -> ReportingPeriod | None:
    """The period whose figures cover `day` (1 December 2026 is in Q1 2027), or None outside the calendar."""
    year = day.year + 1 if day.month == 12 else day.year
    quarter = 1 if day.month == 12 else (1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4)[day.month - 1]
    try:
        return ReportingPeriod(year, quarter)
    except PeriodError:
        return None


def period_due(today: date) -> ReportingPeriod | None:
    """The period the units must send next: the one with the earliest unit deadline on or after `today`.

    On 20/11/2026 that is Q4 2026 (due 05/12/2026); on 06/12/2026 it is Q1 2027 (due 05/04/2027).
    """
    candidates = [
        p for year in (today.year, today.year + 1) if FIRST_YEAR <= year <= LAST_YEAR for p in periods_of_year(year)
    ]
    return next((p for p in candidates if p.unit_deadline >= today), None)


def period_to_consolidate(today: date) -> ReportingPeriod | None:
    """The quarter Vụ KTS và XHS reviews and consolidates now: the open one with the nearest consolidation deadline
    not yet past, else the latest open one. On 20/11/2026 and on 08/12/2026 that is Q4 2026 (units' deadline 05/12,
    consolidation 10/12), so that its late and missing units show between the two deadlines; on 11/12/2026 it is
    Q1 2027. The reviewers' overview, their home notice and the consolidated report open on it; a unit's reporters
    are asked for `period_due`."""
    open_periods = [p for p in all_periods() if p.is_open_on(today)]
    ahead = [p for p in open_periods if p.consolidation_deadline >= today]
    return ahead[0] if ahead else (open_periods[-1] if open_periods else None)


class DeadlineStatus(StrEnum):
    NOT_TRACKED = "not_tracked"  # before the first quarter sent through the tracker: never counted
    UPCOMING = "upcoming"  # coverage has not begun: nothing to enter yet
    DUE = "due"  # open, deadline not passed, not submitted
    ON_TIME = "on_time"  # submitted on or before the deadline
    LATE = "late"  # submitted after the deadline
    MISSING = "missing"  # deadline passed and still not submitted


def deadline_status(
    period: ReportingPeriod, *, submitted_on: date | None, today: date, first_tracked: ReportingPeriod
) -> DeadlineStatus:
    """Where a unit stands against the period's deadline: the one rule for "missing". `submitted_on` is the day of
    the first submission (a submission returned for correction and sent again keeps the day it was first sent).
    A quarter before `first_tracked`, the first one sent through the tracker, is never on time, late or missing:
    it may be back-filled, and is not tracked."""
    if period < first_tracked:
        return DeadlineStatus.NOT_TRACKED
    if submitted_on is not None:
        return DeadlineStatus.ON_TIME if submitted_on <= period.unit_deadline else DeadlineStatus.LATE
    if not period.is_open_on(today):
        return DeadlineStatus.UPCOMING
    return DeadlineStatus.DUE if today <= period.unit_deadline else DeadlineStatus.MISSING
