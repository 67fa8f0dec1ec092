"""Helpers for the publication tests: a release proposed by the reviewer and approved by the leader."""

import pytest
from django.core.cache import caches

from indicators.models import Indicator
from publication.models import Release
from publication.services import release_approve, release_propose


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the public pages' answers of one test never serve another (the cache
    kept in memory)."""
    caches["public"].clear()
    yield
    caches["public"].clear()


def propose(reviewer, code: str, periods, note: str = "Công bố số liệu chính thức.") -> Release:
    return release_propose(
        proposed_by=reviewer, note=note, indicator=Indicator.objects.get(code=code), periods=list(periods)
    )


def publish(reviewer, leader, code: str, periods, note: str = "Công bố số liệu chính thức.") -> Release:
    return release_approve(release=propose(reviewer, code, periods, note), approved_by=leader)
