"""Helpers for the consolidated report's tests: a unit's quarter sent (and accepted) through the services, as the
entry and review pages do it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from indicators.models import Indicator, Unit
from reporting import services
from reporting.calendar import parse_period_code
from reporting.models import Submission
from tests.conftest import HANOI

SECTIONS = services.SectionsInput(
    trend_assessment="Tỷ lệ tăng đều qua các quý.",
    international_comparison="Thái Lan đạt 80% năm 2023.",
    difficulties="Chưa có số liệu chính thức của Tổng cục Thống kê.",
    proposals="Đề nghị nâng chỉ tiêu năm 2027.",
)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=HANOI)


def send(
    reporter,
    period_code: str,
    figures: dict[str, dict],
    *,
    on: date,
    sections: services.SectionsInput = SECTIONS,
    accept_by=None,
    accept_on: date | None = None,
) -> Submission:
    """The reporter's unit submits `figures` ({code: {"value": "81.2", "provisional": True, ...}}) for the
    quarter on `on`; `accept_by` (a reviewer) accepts it on `accept_on` (default: the same day)."""
    unit: Unit = reporter.membership.unit
    period = parse_period_code(period_code)
    existing = Submission.objects.for_unit(unit).for_period(period).first()
    inputs = []
    for code, given in figures.items():
        extra = {k: v for k, v in given.items() if k not in ("value", "comparison_value")}
        inputs.append(
            services.FigureInput(
                indicator=Indicator.objects.get(code=code),
                value=Decimal(given["value"]) if given.get("value") is not None else None,
                comparison_value=Decimal(given["comparison_value"]) if given.get("comparison_value") else None,
                **extra,
            )
        )
    submission = services.submission_save(
        unit=unit,
        period=period,
        user=reporter,
        version=existing.version if existing else 0,
        figures=inputs,
        sections=sections,
        submit=True,
        now=at(on),
    )
    if accept_by is not None:
        submission = services.submission_accept(
            submission=submission, user=accept_by, version=submission.version, now=at(accept_on or on, 15)
        )
    return submission
