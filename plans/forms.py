from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import EVIDENCE_MAX_LENGTH, REPORT_MAX_LENGTH, Status, evidence_url_validator


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    report = forms.CharField(
        label=_("Short report"), required=False, max_length=REPORT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_url = forms.CharField(
        label=_("Evidence link"),
        required=False,
        max_length=EVIDENCE_MAX_LENGTH,
        validators=[evidence_url_validator],
        help_text=_("A link that starts with http:// or https:// (a published document, a news item, a portal)."),
    )

    def clean_evidence_url(self) -> str:
        return self.cleaned_data["evidence_url"].strip()
