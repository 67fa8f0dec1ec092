"""Reads of the places."""

from __future__ import annotations

from django.db.models import QuerySet

from places.models import Province, Region


def provinces_in_force() -> QuerySet[Province]:
    """The provinces in force with their former provinces: two queries."""
    return Province.objects.current().with_predecessors()


def regions() -> list[Region]:
    """Every region, in its order: one query."""
    return list(Region.objects.order_by("order", "name"))
