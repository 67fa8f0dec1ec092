"""Reads of the places."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from indicators.models import Indicator, Observation
from places.models import Commune, Province, Region

COMMUNES_PER_PAGE = 50


def provinces_in_force() -> QuerySet[Province]:
    """The provinces in force with their former provinces: two queries."""
    return Province.objects.current().with_predecessors()


def regions() -> list[Region]:
    """Every region, in its order: one query."""
    return list(Region.objects.order_by("order", "name"))


@dataclass(frozen=True)
class CommuneRow:
    commune: Commune  # with its province
    figure: Observation  # its latest, with its document


def commune_figures_page(
    indicator: Indicator, *, province: Province | None, number: str | int | None
) -> tuple[Page, list[CommuneRow]]:
    """One page of the communes that have a figure of `indicator` (of `province`'s only, when given), in the order
    of their codes, each with its latest figure (the latest year, then quarter). Queries: how many communes, the
    page's communes with the key of their latest figure, and those figures with their documents (none when the page
    is empty); the same three for a page of 3,321 communes or of five."""
    figures = Observation.breakdowns.filter(indicator=indicator, commune=OuterRef("pk"))
    communes = Commune.objects.filter(Exists(figures))
    if province is not None:
        communes = communes.filter(province=province)
    latest = figures.order_by("-year", "-quarter", "-pk").values("pk")[:1]
    communes = communes.annotate(latest=Subquery(latest)).select_related("province").order_by("code")
    page = Paginator(communes, COMMUNES_PER_PAGE).get_page(number)
    keys = [c.latest for c in page.object_list]
    found = Observation.breakdowns.select_related("document").in_bulk(keys) if keys else {}
    return page, [CommuneRow(c, found[c.latest]) for c in page.object_list]
