"""Filters of the home table. The rows are built in Python (the flag is computed, not stored), so the FilterSet
filters a list: django-filter gives the form, the validation and the query-string handling."""

from __future__ import annotations

from collections.abc import Sequence

import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.explanations import FLAG_CHOICES
from indicators.models import Indicator
from indicators.selectors import IndicatorRow


class RowList(list):
    """A list of home-table rows that django-filter accepts in place of a QuerySet."""

    model = Indicator

    def all(self) -> RowList:
        return RowList(self)


class IndicatorRowFilter(django_filters.FilterSet):
    flag = django_filters.ChoiceFilter(
        label=_("Flag"), choices=FLAG_CHOICES, method="filter_flag", empty_label=_("All indicators")
    )

    class Meta:
        model = Indicator
        fields: list[str] = []

    def __init__(self, data=None, rows: Sequence[IndicatorRow] = (), **kwargs):
        super().__init__(data, queryset=RowList(rows), **kwargs)

    def filter_flag(self, rows: RowList, name: str, value: str) -> RowList:
        return RowList(row for row in rows if row.flag == value)

    def filter_queryset(self, rows: RowList) -> RowList:
        # FilterSet.filter_queryset insists on a QuerySet; the same loop, over a list.
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows
