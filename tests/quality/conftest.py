"""The data-quality tests stand on 20/11/2026 (as the submission tests) with the default rules on."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.models import Indicator, Observation


@pytest.fixture(autouse=True)
def on_day(on_day):
    on_day(date(2026, 11, 20))
    return on_day


@pytest.fixture(autouse=True)
def rules(quality_rules):
    return quality_rules


def record(code: str, year: int, quarter: int, value: str, *, provisional: bool = False) -> Observation:
    """A figure of record of an indicator (as an accepted submission leaves it)."""
    return Observation.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        quarter=quarter,
        value=Decimal(value),
        provisional=provisional,
        source="Báo cáo quý của đơn vị",
    )


@pytest.fixture
def fibre_at_81_2(db):
    """2.5 (households with fibre broadband) stood at 81,2% in the third quarter of 2026."""
    return record("2.5", 2026, 3, "81.2")
