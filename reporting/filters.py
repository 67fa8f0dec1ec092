"""The reviewer's choice of units by kind and by region, on the overview of the quarter and the consolidated table
(`reports.filters.ReportFilter` adds its own): django-filter gives the form, the validation and the query string;
the rule is `places.regions.kept`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.models import Unit
from places.models import Region
from places.regions import NATIONAL, UnitKind, kept, unit_kept

REGION_HELP = _(
    "A region keeps only the units of the provinces in it, never a ministry's unit; “Ministries and agencies "
    "(central)” keeps only the nation's units."
)


class UnitScopeFilter(django_filters.FilterSet):
    """The kind of unit, and the region when at least one exists (`regions`: read once by the view, no query
    here)."""

    kind = django_filters.ChoiceFilter(label=_("Kind of unit"), choices=UnitKind.choices, empty_label=_("All"))
    region = django_filters.ChoiceFilter(label=_("Region"), choices=(), empty_label=_("All"), help_text=REGION_HELP)

    class Meta:
        model = Unit
        fields: list[str] = []

    def __init__(self, data=None, *args, regions: Sequence[Region] = (), **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        if regions:
            self.filters["region"].extra["choices"] = [
                (NATIONAL, UnitKind.MINISTRY.label),
                *((region.slug, region.name) for region in regions),
            ]
        else:
            del self.filters["region"]  # no control without a choice to make

    @cached_property
    def scope(self) -> dict[str, str]:
        """The kind and the region chosen ("" for all, and for a value that is not a choice)."""
        if not self.is_bound or not self.form.is_valid():
            return {"kind": "", "chosen_region": ""}
        data = self.form.cleaned_data
        return {"kind": data.get("kind") or "", "chosen_region": data.get("region") or ""}

    def keeps(self, provincial: bool, region: str) -> bool:
        return kept(provincial=provincial, region=region, **self.scope)

    def keeps_unit(self, unit: Unit) -> bool:
        return unit_kept(unit, **self.scope)
