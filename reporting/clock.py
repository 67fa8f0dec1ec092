"""The one place that reads the real time. Services take `now`/`today` as parameters; views ask here, and tests
replace `reporting.clock.now` (see tests/reporting/conftest.py) to stand on any day of the calendar."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today in the tracker's time zone (Asia/Ho_Chi_Minh): a submission at 23:30 on 05/12 is on time."""
    return timezone.localdate(now())
