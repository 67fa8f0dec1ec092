"""Reads of the places."""

from __future__ import annotations

from django.db.models import QuerySet

from places.models import Province


def provinces_in_force() -> QuerySet[Province]:
    """The provinces in force with their former provinces: two queries."""
    return Province.objects.current().with_predecessors()
