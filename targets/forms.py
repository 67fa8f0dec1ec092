"""The round's forms: one per indicator proposed (the reviewer's values and reason) and one per indicator decided
(leadership's decision). They validate and nothing else; the views call the services."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.fields import TOO_LONG, FigureField
from indicators.forms import REASON_MAX_LENGTH
from indicators.models import Comparator, Indicator
from targets.models import RoundItem


def _year_fields(form: forms.Form, indicator: Indicator, years: list[int]) -> None:
    for year in years:
        field = FigureField(label=str(year), required=False)
        field.measure(indicator)
        field.widget.attrs.update({"inputmode": "decimal", "size": "7"})
        form.fields[f"y{year}"] = field


class RoundItemForm(forms.Form):
    """An indicator of the round as the reviewer proposes it: a value for each year (or one text for all), the
    comparator, and the reason."""

    include = forms.BooleanField(label=gettext_lazy("Propose"), required=False)
    comparator = forms.ChoiceField(label=gettext_lazy("Comparator"), choices=Comparator.choices, required=False)
    text = forms.CharField(
        label=gettext_lazy("Text target"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Only when the target is a text (delegated to another ministry's plan)."),
        error_messages={"max_length": TOO_LONG},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, indicator: Indicator, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator, self.years = indicator, years
        _year_fields(self, indicator, years)

    def year_fields(self):
        return [self[f"y{year}"] for year in self.years]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("include"):
            return cleaned
        if not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the proposal."))
        text = (cleaned.get("text") or "").strip()
        values = {year: cleaned.get(f"y{year}") for year in self.years}
        if text:
            return cleaned
        missing = [year for year, value in values.items() if value is None and f"y{year}" not in self.errors]
        if missing:
            for year in missing:
                self.add_error(f"y{year}", _("Enter the %(year)d target, or a text target for every year.")
                               % {"year": year})  # fmt: skip
        if not cleaned.get("comparator"):
            self.add_error("comparator", _("Choose the comparator."))
        return cleaned

    def proposed_values(self) -> dict[int, tuple[str, Decimal | None, str]]:
        """Year → (comparator, value, wording) as proposed."""
        text = (self.cleaned_data.get("text") or "").strip()
        if text:
            return {year: ("", None, text) for year in self.years}
        comparator = self.cleaned_data["comparator"]
        return {year: (comparator, cast(Decimal, self.cleaned_data[f"y{year}"]), "") for year in self.years}


class RoundDecisionForm(forms.Form):
    """Leadership's decision on one indicator of the round; the values only for "approve with a change"."""

    NOT_NOW = ""
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        required=False,
        choices=[(NOT_NOW, gettext_lazy("— not now —"))]
        + [(d.value, d.label) for d in RoundItem.Decision if d != RoundItem.Decision.PENDING],
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, item: RoundItem, years: list[int], numeric: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.item, self.years, self.numeric = item, years, numeric
        if numeric:
            _year_fields(self, item.indicator, years)

    def year_fields(self):
        return [self[f"y{year}"] for year in self.years] if self.numeric else []

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        decision = cleaned.get("decision")
        note = (cleaned.get("note") or "").strip()
        if decision in (RoundItem.Decision.SENT_BACK, RoundItem.Decision.REJECTED, RoundItem.Decision.APPROVED_CHANGED):
            if not note:
                self.add_error("note", _("Say why."))
        if decision == RoundItem.Decision.APPROVED_CHANGED:
            if not self.numeric:
                self.add_error("decision", _("A text target is approved as it is, or sent back."))
            elif not any(cleaned.get(f"y{year}") is not None for year in self.years):
                self.add_error("decision", _("Enter the value you approve instead for at least one year."))
        return cleaned

    def changes(self) -> dict[int, Decimal]:
        if not self.numeric:
            return {}
        return {year: v for year in self.years if (v := self.cleaned_data.get(f"y{year}")) is not None}


class FigureOfRecordForm(forms.Form):
    """One year's figure of record for an indicator, from a published source."""

    indicator = forms.ModelChoiceField(label=gettext_lazy("Indicator"), queryset=Indicator.objects.all())
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000)
    value = FigureField(label=gettext_lazy("Figure of record"))
    provisional = forms.BooleanField(label=gettext_lazy("Provisional estimate"), required=False)
    document_number = forms.CharField(label=gettext_lazy("Document number"), required=False, max_length=80)
    document_title = forms.CharField(label=gettext_lazy("Document title"), required=False, max_length=500)
    issuer = forms.CharField(label=gettext_lazy("Issued by"), required=False, max_length=255)
    issued_on = forms.DateField(
        label=gettext_lazy("Date issued"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    page = forms.CharField(label=gettext_lazy("Page"), required=False, max_length=40)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.name}"  # type: ignore[attr-defined]
        self.fields["year"].validators.append(MaxValueValidator(today.year))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        indicator = cleaned.get("indicator")
        if indicator is not None and self.add_prefix("value") in self.data:
            # Read again in the indicator's own measure and bounds, now that the form knows which it is.
            self.errors.pop("value", None)
            field = cast(FigureField, self.fields["value"])
            field.measure(indicator)
            try:
                cleaned["value"] = field.clean(self.data.get(self.add_prefix("value")))
            except forms.ValidationError as error:
                self.add_error("value", error)
        if not (cleaned.get("document_number") or "").strip() and not (cleaned.get("document_title") or "").strip():
            self.add_error("document_number", _("Name the source document: its number or its title."))
        issued_on = cleaned.get("issued_on")
        if issued_on is not None and issued_on > self.today:
            self.add_error("issued_on", _("This date is in the future."))
        return cleaned
