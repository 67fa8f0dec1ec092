"""Forms of the indicators app: they validate and nothing else; the views call the services."""

from __future__ import annotations

from datetime import date
from typing import cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from indicators.fields import TOO_LONG, FigureField
from indicators.figures import target_in_force
from indicators.models import Comparator, Document, DocumentCorrection, Indicator, Target
from indicators.periods import year_is_past

REASON_MAX_LENGTH = 2000  # a proposal's reason and a decision's note; the models' text fields have no limit


class TargetProposalForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the target"),
        error_messages={"invalid": gettext_lazy("Enter a year, such as 2030.")},
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind of target"), choices=Target.Kind.choices)
    comparator = forms.ChoiceField(label=gettext_lazy("Comparator"), choices=Comparator.choices)
    value = FigureField(
        label=gettext_lazy("New value"),
        error_messages={"required": gettext_lazy("Enter the new value, such as 22,5.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Give the reason for the proposal."), "max_length": TOO_LONG},
        help_text=gettext_lazy("What the figures show and why the target should change."),
    )

    def __init__(self, *args, indicator: Indicator, today: date, goal_years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.today = today
        self.goal_years = goal_years  # the strategy's goal years (2025, 2030): goals are set for these only
        cast(FigureField, self.fields["value"]).measure(indicator)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year_is_past(year, self.today):
            raise forms.ValidationError(
                _("%(year)d has passed: propose a target for %(this_year)d or later.")
                % {"year": year, "this_year": self.today.year}
            )
        if year > 2100:
            raise forms.ValidationError(_("Enter a year up to 2100."))
        return year

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        year, kind, comparator, value = (cleaned.get(k) for k in ("year", "kind", "comparator", "value"))
        if None in (year, kind, comparator, value):
            return cleaned
        assert year is not None  # none of the four is None past the line above
        years = ", ".join(str(y) for y in self.goal_years)
        if kind == Target.Kind.GOAL and year not in self.goal_years:
            raise forms.ValidationError(_("Strategy goals are set for %(years)s only.") % {"years": years})
        if kind == Target.Kind.PLAN and self.goal_years and year > max(self.goal_years):
            raise forms.ValidationError(
                _("Yearly plans are set up to %(last)d, the strategy's last goal year.")
                % {"last": max(self.goal_years)}
            )
        in_force = target_in_force(t for t in self.indicator.targets.all() if t.year == year and t.kind == kind)
        if in_force is not None and in_force.comparator == comparator and in_force.value == value:
            raise forms.ValidationError(_("This is already the target in force for %(year)d.") % {"year": year})
        return cleaned


class ProposalDecisionForm(forms.Form):
    ACCEPT, REJECT = "accept", "reject"

    # Contexts keep these apart from the submission review's "Accept" (Chấp nhận): a target is approved (Chấp thuận).
    decision = forms.ChoiceField(
        choices=[
            (ACCEPT, pgettext_lazy("target proposal", "Accept")),
            (REJECT, pgettext_lazy("target proposal", "Reject")),
        ]
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("decision") == self.REJECT and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say why the proposal is not accepted."))
        return cleaned


class DocumentCorrectionForm(forms.Form):
    """The admin's "Correct rank or date" page; services.document_correct records it."""

    rank = forms.TypedChoiceField(label=gettext_lazy("Legal rank"), choices=Document.Rank.choices, coerce=int)
    issued_on = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        help_text=gettext_lazy("Written YYYY-MM-DD, such as 2023-03-28."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        max_length=DocumentCorrection.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Give the reason for the correction.")},
    )
