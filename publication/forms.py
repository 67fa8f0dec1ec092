from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.explanations import period_name
from indicators.models import Indicator, Observation
from indicators.periods import format_period, parse_period
from publication.models import Release


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} {obj.name}"


def period_choices(*, quarters_only: bool = False) -> list[tuple[str, str]]:
    """The periods that have figures of record, latest first, as (code, what a person reads): ("2026Q4",
    "Quý 4/2026"), ("2024", "2024"). One query."""
    periods = Observation.objects.values_list("year", "quarter").distinct().order_by("-year", "-quarter")
    if quarters_only:
        periods = periods.filter(quarter__gt=0)
    return [(format_period(year, quarter), period_name(year, quarter)) for year, quarter in periods]


NOT_A_PERIOD = _("“%(value)s” is not a period with figures of record: choose one from the list.")


class ReleaseForm(forms.Form):
    scope = forms.ChoiceField(label=_("What to release"), choices=Release.Scope.choices, widget=forms.RadioSelect)
    indicator = IndicatorChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.order_by("sort_key"), required=False
    )
    periods = forms.MultipleChoiceField(
        label=_("Periods"),
        required=False,
        help_text=_("The years and quarters to release, among those with figures of record."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "period-choices"}),
        error_messages={"invalid_choice": NOT_A_PERIOD},
    )
    quarter = forms.ChoiceField(label=_("Quarter"), required=False, error_messages={"invalid_choice": NOT_A_PERIOD})
    note = forms.CharField(
        label=_("Release note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Release.NOTE_MAX_LENGTH,
        help_text=_("Shown to the public beside the figures."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        periods = period_choices()
        cast(forms.MultipleChoiceField, self.fields["periods"]).choices = periods
        # The quarters among the same periods: one query for both lists.
        quarters = [("", "—")] + [(code, name) for code, name in periods if "Q" in code]
        cast(forms.ChoiceField, self.fields["quarter"]).choices = quarters

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("scope") == Release.Scope.QUARTER:
            code = data.get("quarter")
            if "quarter" in self.errors:
                return data
            if not code:
                self.add_error("quarter", _("Choose a quarter."))
                return data
            data["quarter_period"] = parse_period(code)
        elif data.get("scope") == Release.Scope.FIGURES:
            if data.get("indicator") is None:
                self.add_error("indicator", _("Choose an indicator."))
            if "periods" in self.errors:
                return data
            if not data.get("periods"):
                self.add_error("periods", _("Choose at least one period."))
                return data
            data["period_list"] = sorted(parse_period(code) for code in data["periods"])
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
