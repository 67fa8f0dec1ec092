"""Filters of the task list and of GET /api/v1/tasks/ (one FilterSet for both)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from plans import selectors
from plans.due import quarter_end, quarter_start
from plans.models import Status, Task
from reporting.calendar import FIRST_YEAR, LAST_YEAR
from strategy_tracker import clock
from strategy_tracker.query import StrictBooleanField


def quarter_choices() -> list[tuple[str, str]]:
    return [
        (f"{year}Q{quarter}", _("Q%(quarter)d/%(year)d") % {"quarter": quarter, "year": year})
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for quarter in range(1, 5)
    ]


class SectionChoiceFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: selectors.filter_choices_sections(), **kwargs)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda s: f"{s.document.label} · {s.key}. {s.title[:70]}"
        return field


class StrictBooleanFilter(django_filters.BooleanFilter):
    """A checkbox on the page, `true`/`false` in the API: any other value is refused (400 in the API), not read as
    ticked."""

    field_class = StrictBooleanField


class TaskFilterForm(forms.Form):
    """The task list's filters, rendered by Django's Jinja2 form renderer (`Form.default_renderer`, with Django's
    own widget templates): its selects hold about 150 options, and Django's template engine rendering each option
    as a template of its own was a quarter of the page (docs/performance.md)."""

    default_renderer = Jinja2()


class TaskFilter(django_filters.FilterSet):
    document = django_filters.ModelChoiceFilter(
        label=_("Document"),
        queryset=lambda request: selectors.filter_choices_documents(),
        to_field_name="slug",
        empty_label=_("All documents"),
    )
    section = SectionChoiceFilter(label=_("Section"), method="filter_section", empty_label=_("All sections"))
    lead = django_filters.ChoiceFilter(
        label=_("Lead agency"), choices=selectors.lead_choices, empty_label=_("All lead agencies")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Implementing unit"),
        field_name="units",
        queryset=lambda request: selectors.filter_choices_units(),
        to_field_name="slug",
        empty_label=_("All units"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    due = django_filters.ChoiceFilter(
        label=_("Due in"), choices=quarter_choices, method="filter_due", empty_label=_("Any quarter")
    )
    overdue = StrictBooleanFilter(label=_("Overdue only"), method="filter_overdue")

    class Meta:
        model = Task
        fields = ["document", "section", "lead", "unit", "status", "due", "overdue"]
        form = TaskFilterForm

    def filter_section(self, queryset, name, section):
        """A section and the parts under it (A.III holds A.III.2.I and its national platforms)."""
        return queryset.filter(section__document=section.document_id).filter(
            Q(section__key=section.key) | Q(section__key__startswith=f"{section.key}.")
        )

    def filter_due(self, queryset, name, value):
        year, quarter = int(value[:4]), int(value[-1])
        return queryset.filter(deadline__range=(quarter_start(year, quarter), quarter_end(year, quarter)))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=selectors.overdue_ids(queryset, today=clock.today()))
