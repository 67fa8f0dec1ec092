"""Helpers for the notification tests: e-mail kept in memory, the demo people with addresses, and a quarter sent
by Cục Viễn thông through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from indicators.models import Indicator, Unit
from reporting import services
from reporting.calendar import ReportingPeriod
from strategy_tracker import clock

SITE = "https://kts.example.gov.vn"
Q4 = ReportingPeriod(2026, 4)


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE


@pytest.fixture
def emails(db):
    """The demo people with an e-mail address (the reviewer's second colleague too)."""
    for user in get_user_model().objects.filter(username__in=["cvt", "neac", "reviewer", "leader"]):
        user.email = f"{user.username}@mic.gov.vn"
        user.save(update_fields=["email"])


def cvt_sends(reporter, *, on_day, day=date(2026, 12, 2), value="86"):
    """Cục Viễn thông submits Q4/2026 (2.1 and 2.5) through the service, on `day`."""
    on_day(day)
    unit = Unit.objects.get(slug="cuc-vt")
    figures = [
        services.FigureInput(indicator=Indicator.objects.get(code="2.1"), value=Decimal(value), source="GSO"),
        services.FigureInput(indicator=Indicator.objects.get(code="2.5"), value=Decimal("81.2"), provisional=True),
    ]
    from reporting.models import Submission

    found = Submission.objects.for_unit(unit).for_period(Q4).first()
    return services.submission_save(
        unit=unit,
        period=Q4,
        user=reporter,
        version=found.version if found else 0,
        figures=figures,
        sections=services.SectionsInput(),
        submit=True,
        now=clock.now(),
    )
