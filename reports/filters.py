"""Filters of the consolidated table. The rows are the report's plain dicts (the flag is computed, not stored), so
django-filter gives the form, the validation and the query string, and `reports.selectors.filter_rows` filters."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.explanations import FLAG_CHOICES
from indicators.models import Indicator, IndicatorGroup
from reporting.filters import UnitScopeFilter
from reporting.selectors import reporting_units
from strategy_tracker.versions import data_version

UNIT_SCOPE_HELP = _(
    "The kind of unit and the region choose the units listed under the table (completeness and timeliness, what is "
    "still outstanding); the table's rows are the nation's figures, sent by the ministries' units, and stay."
)


class ReportFilter(UnitScopeFilter):
    """The table's own filters (its rows) and the units' (`UnitScopeFilter`: the completeness and what is
    outstanding)."""

    group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=IndicatorGroup.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("All groups"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Reporting unit"),
        queryset=reporting_units(),
        to_field_name="slug",
        empty_label=_("All units"),
    )
    flag = django_filters.ChoiceFilter(label=_("Assessment"), choices=FLAG_CHOICES, empty_label=_("All indicators"))
    accepted_only = django_filters.BooleanFilter(label=_("Accepted figures only"), widget=forms.CheckboxInput)
    late_or_missing = django_filters.BooleanFilter(label=_("Only units late or missing"), widget=forms.CheckboxInput)

    class Meta:
        model = Indicator
        fields: list[str] = []

    @property
    def cache_key(self) -> str:
        """What the form is kept for in Django's cache (`{% cache %}`): the reference data's version (its groups'
        and units' choices are reference data) and the query string's values of its fields."""
        given = [(name, self.data.getlist(name) if self.data else []) for name in self.filters]
        return f"{data_version('reference')}|{given!r}"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["kind"].extra["help_text"] = UNIT_SCOPE_HELP
        # The units' choices after the table's group and unit: group, unit, kind, region, flag, the two boxes.
        for name in ("kind", "region", "flag", "accepted_only", "late_or_missing"):
            if name in self.filters:
                self.filters[name] = self.filters.pop(name)

    def criteria(self) -> dict:
        """The filter's values for `filter_rows` (nothing when the query string is not valid)."""
        if not self.form.is_valid():
            return {}
        data = self.form.cleaned_data
        return {
            "group": data["group"].code if data.get("group") else "",
            "unit": data["unit"].slug if data.get("unit") else "",
            "flag": data.get("flag") or "",
            "accepted_only": bool(data.get("accepted_only")),
            "late_or_missing": bool(data.get("late_or_missing")),
        }
