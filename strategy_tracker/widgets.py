"""Form widgets rendered lean."""

from __future__ import annotations

from django import forms
from django.utils.safestring import SafeString, mark_safe

from strategy_tracker.lean_tables import conditional_escape as escape  # text already marked safe stays as it is


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in their order, True as a bare name, False left out."""
    shown = ((name, value) for name, value in attrs.items() if value is not False)
    return "".join(f" {name}" if value is True else f' {name}="{escape(value)}"' for name, value in shown)


def _option(value, label, selected: bool) -> str:
    return f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'


class LeanSelect(forms.Select):
    """A select whose options are joined as escaped strings, with the markup Django's templates give (Django
    renders every option through a template, after building a dictionary of a dozen entries for it: a filter of
    a hundred reporting units was a third of the consolidated table's time). As `forms.Select.optgroups`: a None
    value is "", a choice whose label is a list is a group, and only the first option matching the value is
    selected (all that match, for a multiple select)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        values = self.format_value(value)
        html_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            html_attrs["multiple"] = True
        has_selected = False
        parts = []
        for option_value, option_label in self.choices:
            option_value = "" if option_value is None else option_value
            grouped = isinstance(option_label, list | tuple)
            options = []
            for subvalue, sublabel in option_label if grouped else [(option_value, option_label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in values
                has_selected |= selected
                options.append(_option(subvalue, sublabel, selected))
            html = "".join(options)
            # As Django's template: a group without a name is its options alone.
            parts.append(
                f'<optgroup label="{escape(option_value)}">{html}</optgroup>' if grouped and option_value else html
            )
        select = f'<select name="{escape(name)}"{_attrs(html_attrs)}>{"".join(parts)}</select>'
        return mark_safe(select)  # noqa: S308  # every value above is escaped
