"""Forms validate and nothing else: the page's writes go through reporting.services."""

from __future__ import annotations

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.fields import TOO_LONG, FigureField
from indicators.models import Indicator
from reporting.calendar import ReportingPeriod
from reporting.models import (
    COMPARISON_WITH_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
)
from reporting.services import FigureInput, SectionsInput, required_sections
from strategy_tracker.text import NULL_CHARACTER

FIRST_COMPARISON_YEAR = 1990
OFFICIAL_EXISTS = _("The official figure has been accepted: a provisional estimate cannot replace it.")


def without_null_characters(field):
    """A text field (of a form or of the API) that refuses a null character in the tracker's words: Django's own
    message for it has no Vietnamese."""
    field.validators = [
        ProhibitNullCharactersValidator(message=NULL_CHARACTER) if isinstance(v, ProhibitNullCharactersValidator) else v
        for v in field.validators
    ]
    return field


def _text(label, max_length: int, *, rows: int = 0, help_text="") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    field = forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )
    return without_null_characters(field)


class IndicatorFigureForm(forms.Form):
    """One indicator's line of Phụ lục 01: the quarter's figure, its source and note, an international comparison."""

    value = FigureField(label=_("Value"), required=False)
    provisional = forms.BooleanField(label=_("Provisional estimate"), required=False)
    source = _text(_("Source"), SOURCE_MAX_LENGTH)
    note = _text(_("Note"), NOTE_MAX_LENGTH, rows=2)
    comparison_with = _text(
        _("Country or organisation"), COMPARISON_WITH_MAX_LENGTH, help_text=_("International comparison")
    )
    comparison_value = FigureField(label=_("Their value"), required=False)
    comparison_year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_COMPARISON_YEAR,
        error_messages={
            "invalid": _("Enter a year, such as 2023."),
            "min_value": _("Enter a year from %(limit_value)s on."),
            "max_value": _("Enter a year up to %(limit_value)s."),
        },
    )
    comparison_source = _text(_("Comparison source"), SOURCE_MAX_LENGTH)
    confirmation = _text(
        _("Confirmation note"),
        NOTE_MAX_LENGTH,
        rows=2,
        help_text=_("Why the figure is right, for Vụ KTS và XHS: needed before submitting a figure asked about."),
    )

    def __init__(
        self, *args, indicator: Indicator, today: date, require_value: bool = False, official_accepted: bool = False,
        **kwargs,
    ) -> None:  # fmt: skip
        kwargs.setdefault("prefix", prefix_for(indicator))
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.require_value = require_value
        self.official_accepted = official_accepted
        # The country compared with is measured the same way: a share stays within 0–100, a count is not negative,
        # and "1.000" is a thousand in a count.
        for name in ("value", "comparison_value"):
            cast(FigureField, self.fields[name]).measure(indicator)
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "figure"})
        self.fields["comparison_value"].widget.attrs.update({"inputmode": "decimal", "class": "figure"})
        year_field = cast(forms.IntegerField, self.fields["comparison_year"])
        year_field.max_value = today.year
        year_field.widget.attrs["max"] = today.year
        year_field.validators.append(MaxValueValidator(today.year))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.require_value and "value" in data and data["value"] is None:
            self.add_error("value", gettext("Enter this quarter's figure before submitting."))
        if self.official_accepted and data.get("provisional"):
            self.add_error("provisional", str(OFFICIAL_EXISTS))
        comparison = [data.get(name) for name in ("comparison_with", "comparison_value", "comparison_year")]
        if any(v not in (None, "") for v in [*comparison, data.get("comparison_source")]):
            if not data.get("comparison_with") and "comparison_with" not in self.errors:
                self.add_error("comparison_with", gettext("Name the country or organisation compared with."))
            if data.get("comparison_value") is None and "comparison_value" not in self.errors:
                self.add_error("comparison_value", gettext("Enter the value compared with."))
        return data

    def to_input(self) -> FigureInput:
        data = self.cleaned_data
        return FigureInput(
            indicator=self.indicator,
            value=data["value"],
            provisional=data["provisional"],
            source=data["source"].strip(),
            note=data["note"].strip(),
            comparison_with=data["comparison_with"].strip(),
            comparison_value=data["comparison_value"],
            comparison_year=data["comparison_year"],
            comparison_source=data["comparison_source"].strip(),
            confirmation=data["confirmation"].strip(),
        )


def prefix_for(indicator: Indicator) -> str:
    return f"v-{indicator.code}"


def forged_codes(post_keys, allowed_codes: set[str]) -> list[str]:
    """Codes named by figure fields ("v-<code>-value") that are not the unit's indicators: a forged form."""
    codes = {key.split("-", 2)[1] for key in post_keys if key.startswith("v-") and key.count("-") >= 2}
    return sorted(codes - allowed_codes)


class SubmissionForm(forms.Form):
    """The written sections III–VI of Phụ lục 01, the version the person started from, and the chosen action."""

    SAVE, SUBMIT = "save", "submit"

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(SAVE, SAVE), (SUBMIT, SUBMIT)], widget=forms.HiddenInput)
    trend_assessment = _text(_("III. Trend assessment"), SECTION_MAX_LENGTH, rows=4)
    international_comparison = _text(
        _("IV. International comparison (targets, initiatives, breakthrough solutions, good practice)"),
        SECTION_MAX_LENGTH,
        rows=4,
    )
    difficulties = _text(_("V. Difficulties and obstacles"), SECTION_MAX_LENGTH, rows=4)
    proposals = _text(_("VI. Proposals"), SECTION_MAX_LENGTH, rows=4)

    def __init__(self, *args, period: ReportingPeriod, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        if period.asks_half_year_assessment:
            self.fields["trend_assessment"].label = _("III. Trend assessment of the first six months")
            for name in required_sections(period):
                self.fields[name].widget.attrs["data-required-on-submit"] = "1"

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("action") == self.SUBMIT:
            for name in required_sections(self.period):
                if name in data and not data[name].strip():
                    self.add_error(name, gettext("The second quarter's report must include this section."))
        return data

    def to_input(self) -> SectionsInput:
        return SectionsInput(**{name: self.cleaned_data[name].strip() for name in SectionsInput.__dataclass_fields__})


class ReviewForm(forms.Form):
    """Return, accept or reopen: the version the reviewer read, and a reason where the action needs one."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = _text(_("Reason"), REASON_MAX_LENGTH, rows=3)

    def __init__(self, *args, reason_required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if self.reason_required and not reason:
            raise ValidationError(gettext("Give the reason, so that the unit knows what to do."), code="required")
        return reason
