"""Periods of figures: a whole year ("2022") or a quarter ("2024Q3"). Quarter 0 stands for the whole year."""

import re
from datetime import date

# [0-9], not \d: \d also matches other scripts' digits, which int() reads ("٢٠٢٦" would be 2026).
_PERIOD = re.compile(r"^(?P<year>[0-9]{4})(?:Q(?P<quarter>[1-4]))?$")


def format_period(year: int, quarter: int = 0) -> str:
    return f"{year}" if quarter == 0 else f"{year}Q{quarter}"


def period_end(year: int, quarter: int = 0) -> date:
    """The last day of a period: 31 December for a year (quarter 0), else the quarter's last day."""
    month = 12 if quarter == 0 else 3 * quarter
    return date(year, month, 31 if month in (3, 12) else 30)


def year_is_past(year: int, today: date) -> bool:
    """Whether the year is over on `today`: a goal whose year is past gets its final verdict, and the goal to steer
    to is the first one whose year is not past (in late 2026: 2030, and 2025 is past)."""
    return year < today.year


def parse_period(text: str) -> tuple[int, int]:
    """'2024Q3' → (2024, 3); '2022' → (2022, 0). Raises ValueError on anything else."""
    match = _PERIOD.match(text.strip().upper())
    if not match:
        raise ValueError(f"not a period: {text!r}")
    return int(match["year"]), int(match["quarter"] or 0)
