"""Shared fixtures: the reference data of the seed documents and the named people of each role.

The reference data and the demo people are loaded once into the test database; each test runs in a
transaction that is rolled back, so tests may change them freely.
"""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches

from indicators.reference_data import reference_data_load
from indicators.services import demo_users_create
from places.reference_data import former_provinces_load, sectors_load
from places.services import places_load
from plans.reference_data import plans_reference_data_load
from quality.models import Rule
from quality.services import rules_seed
from strategy_tracker import clock

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 30)  # "late 2026": the 2025 goals need a verdict, 2030 is the goal to steer to


def pytest_configure(config):
    """On SQLite the test database is a file under var/ (settings: the concurrency tests' threads share it)."""
    Path(settings.BASE_DIR, "var").mkdir(exist_ok=True)


@pytest.fixture(autouse=True)
def empty_caches():
    """What the caches keep is keyed by data versions that only grow in one database's life
    (strategy_tracker.versions); each test's database is rolled back, and its versions with it, so one test's
    entries must never serve another's: every cache kept in a server's memory starts and ends each test empty."""

    def empty():
        for name in settings.CACHES:
            if settings.CACHES[name]["BACKEND"].endswith("LocMemCache"):
                caches[name].clear()

    empty()
    yield
    empty()


@pytest.fixture(autouse=True)
def vietnamese_first():
    """Each test starts in the default language: a page asked for in English activates it for the thread (as each
    request does), and a message made outside a request in the next test would be English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def on_day():
    """on_day(date(2026, 12, 2)) stands the tracker's clock on that day (at noon, Hà Nội time, unless `hour`
    says). Every test starts on 30/11/2026 whatever the real date; the clock runs again after the test."""

    def stand(day: date, hour: int = 12) -> datetime:
        moment = datetime(day.year, day.month, day.day, hour, tzinfo=HANOI)
        clock.stand_at(moment)
        return moment

    stand(TODAY)
    yield stand
    clock.stand_at(None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # Loaded before the days the tests stand on: their history records come after it, by the tracker's clock.
        clock.stand_at(datetime(2026, 1, 1, 9, tzinfo=HANOI))
        try:
            reference_data_load(directory=FIXTURES)
            plans_reference_data_load(directory=FIXTURES)
            places_load()
            former_provinces_load(directory=FIXTURES)
            sectors_load(directory=FIXTURES)
            demo_users_create()
            # The data-quality rules (seeded by a migration) are off unless a test asks for them (`quality_rules`):
            # a transactional test empties the tables, so whether they are there must not depend on the order.
            Rule.objects.all().delete()
        finally:
            clock.stand_at(None)
    yield


@pytest.fixture
def quality_rules(db):
    """The default data-quality rules, as a migrated database has them (quality.defaults)."""
    rules_seed()
    return {rule.kind: rule for rule in Rule.objects.all()}


def _person(username: str):
    return get_user_model().objects.select_related("membership__unit").get(username=username)


@pytest.fixture
def cvt_reporter(db):
    """A reporter of Cục Viễn thông (reports 2.1 and 2.5)."""
    return _person("cvt")


@pytest.fixture
def neac_reporter(db):
    """A reporter of Trung tâm NEAC (reports 1.4 and 2.3)."""
    return _person("neac")


@pytest.fixture
def kts_reporter(db):
    return _person("kts")


@pytest.fixture
def reviewer(db):
    """A reviewer of Vụ KTS và XHS."""
    return _person("reviewer")


@pytest.fixture
def leader(db):
    return _person("leader")


@pytest.fixture
def admin_user(db):
    return _person("admin")


@pytest.fixture
def client_for(client):
    """client_for(person) → the test client, logged in as that person."""

    def login(person):
        client.force_login(person)
        return client

    return login


# Every test fails after TIMEOUT seconds (pyproject's `timeout`), so that a test caught in a loop (a mutant of the
# method, a deadlock) fails the run instead of hanging it. Tests that start servers, a browser or a PostgreSQL
# of their own take minutes on a loaded two-core machine: these get SLOW_TIMEOUT unless they set their own.
SLOW_TIMEOUT = 900
SLOW_MODULES = ("/e2e/", "/bench/", "test_load.py", "test_nginx.py", "test_two_servers.py", "test_database_restart.py")


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: their live server empties the database that the other tests share."""
    items.sort(key=lambda item: "/e2e/" in str(item.fspath))
    for item in items:
        if any(part in str(item.fspath) for part in SLOW_MODULES) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))
