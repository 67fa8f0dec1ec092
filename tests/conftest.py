"""Shared fixtures: the reference data of the seed documents and the named people of each role.

The reference data and the demo people are loaded once into the test database; each test runs in a
transaction that is rolled back, so tests may change them freely.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from indicators.reference_data import reference_data_load
from indicators.services import demo_users_create

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        reference_data_load(directory=FIXTURES)
        demo_users_create()
    yield


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


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: their live server empties the database that the other tests share."""
    items.sort(key=lambda item: "/e2e/" in str(item.fspath))
