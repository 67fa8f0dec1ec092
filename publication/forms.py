from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from indicators.periods import parse_period
from publication.models import Release


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} {obj.name}"


class ReleaseForm(forms.Form):
    scope = forms.ChoiceField(label=_("What to release"), choices=Release.Scope.choices, widget=forms.RadioSelect)
    indicator = IndicatorChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.order_by("sort_key"), required=False
    )
    periods = forms.CharField(
        label=_("Periods"),
        required=False,
        help_text=_("Years or quarters, separated by commas: 2024, 2026Q4."),
        max_length=200,
    )
    quarter = forms.CharField(label=_("Quarter"), required=False, help_text=_("Such as 2026Q4."), max_length=10)
    note = forms.CharField(
        label=_("Release note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Release.NOTE_MAX_LENGTH,
        help_text=_("Shown to the public beside the figures."),
    )

    def _period(self, text: str) -> tuple[int, int]:
        try:
            return parse_period(text)
        except ValueError:
            raise forms.ValidationError(
                _("“%(text)s” is not a period: write a year (2024) or a quarter (2026Q4).") % {"text": text}
            ) from None

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("scope") == Release.Scope.QUARTER:
            text = (data.get("quarter") or "").strip()
            if not text:
                self.add_error("quarter", _("Choose a quarter, such as 2026Q4."))
                return data
            try:
                year, quarter = self._period(text)
            except forms.ValidationError as error:
                self.add_error("quarter", error)
                return data
            if quarter == 0:
                self.add_error("quarter", _("Choose a quarter, such as 2026Q4."))
            data["quarter_period"] = (year, quarter)
        elif data.get("scope") == Release.Scope.FIGURES:
            if data.get("indicator") is None:
                self.add_error("indicator", _("Choose an indicator."))
            texts = [t.strip() for t in (data.get("periods") or "").split(",") if t.strip()]
            if not texts:
                self.add_error("periods", _("Write at least one period."))
                return data
            try:
                data["period_list"] = [self._period(t) for t in texts]
            except forms.ValidationError as error:
                self.add_error("periods", error)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
