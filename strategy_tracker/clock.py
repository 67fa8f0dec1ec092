"""The tracker's one clock: the only place that reads the real time.

Every rule that depends on the date ("missing", "overdue", the next goal year, the verdict on a past goal) takes
`today` as a parameter; views, commands and the API ask here. Tests stand the clock on a chosen moment with
`clock.stand_at(moment)` (the `on_day` fixture of tests/conftest.py), so no test depends on the real date.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else timezone.now()


def today() -> date:
    """Today in the tracker's time zone (Asia/Ho_Chi_Minh): a submission at 23:30 on 05/12 is on time."""
    return timezone.localdate(now())


def stand_at(moment: datetime | None) -> None:
    """Stand the clock on `moment` (an aware datetime), or let it run again with None. For tests and demos."""
    global _frozen
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("the clock stands on an aware datetime")
    _frozen = moment
