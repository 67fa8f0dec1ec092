"""Form fields shared by every form that takes a figure: the entry page, the proposal form, the API's messages."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.formatting import format_number
from indicators.values import MAX_DECIMALS, FigureError, accepted_examples, is_percentage, read_figure

TOO_LONG = _("Keep this to %(limit_value)d characters at most (it has %(show_value)d).")


def figure_error_message(error: FigureError) -> str:
    """The Vietnamese (active language) sentence for a figure that cannot be read or is out of bounds."""
    minimum = cast(Decimal | None, error.params.get("minimum"))  # read_figure's bounds
    maximum = cast(Decimal | None, error.params.get("maximum"))
    if error.code in ("below_minimum", "above_maximum"):
        if minimum is not None and maximum is not None:
            return gettext("Enter a value between %(minimum)s and %(maximum)s.") % {
                "minimum": format_number(minimum),
                "maximum": format_number(maximum),
            }
        if error.code == "below_minimum":
            if minimum == 0:
                return gettext("The value cannot be negative.")
            return gettext("The value cannot be less than %(minimum)s.") % {"minimum": format_number(minimum)}
        return gettext("The value cannot be more than %(maximum)s.") % {"maximum": format_number(maximum)}
    if error.code == "ambiguous":
        text = str(error.params["text"])
        return gettext(
            "It is unclear whether “%(text)s” is a decimal or thousands: write it plainly, such as "
            "%(decimal)s or %(whole)s."
        ) % {
            "text": text,
            "decimal": text.replace(".", ","),
            "whole": text.replace(".", ""),
        }
    if error.code == "not_a_number":
        # Examples the field reads (indicators.values.accepted_examples); the same as a percentage's without them.
        examples = cast(list[str], error.params.get("examples")) or accepted_examples(percentage=True)
        if len(examples) == 1:
            return gettext("Enter a number, such as %(example)s.") % {"example": examples[0]}
        return gettext("Enter a number, such as %(first)s or %(second)s.") % {
            "first": examples[0],
            "second": examples[1],
        }
    messages = {
        "empty": gettext("Enter the figure."),
        "too_many_decimals": gettext("Use at most %(decimals)d decimal places.") % {"decimals": MAX_DECIMALS},
        "too_large": gettext("This number is too large."),
    }
    return messages[error.code]


class FigureField(forms.CharField):
    """A number typed the Vietnamese or the English way ("14,26", "14.26", "14,26 %", "1.234,5").

    The form says whose figure it is with `measure(indicator)`: its bounds, and whether it is a percentage, which
    decides how "1.234" reads (see indicators.values). Until told, the field reads as for a percentage: the
    ambiguous form is refused, never misread by a factor of a thousand."""

    max_chars = 40

    def __init__(
        self, *, minimum: Decimal | None = None, maximum: Decimal | None = None, percentage: bool = True, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.percentage = minimum, maximum, percentage
        self.widget.attrs["maxlength"] = str(self.max_chars)

    def measure(self, indicator) -> None:
        """Read figures in the indicator's unit of measure, within its bounds."""
        self.minimum, self.maximum = indicator.min_value, indicator.max_value
        self.percentage = is_percentage(indicator.measure_unit)

    def prepare_value(self, value):
        return format_number(value, MAX_DECIMALS) if isinstance(value, Decimal) else value

    # A CharField's text, read as a Decimal: the stubs' CharField.to_python returns text.
    def to_python(self, value) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > self.max_chars:
            raise ValidationError(
                TOO_LONG, code="max_length", params={"limit_value": self.max_chars, "show_value": len(text)}
            )
        try:
            return read_figure(text, percentage=self.percentage, minimum=self.minimum, maximum=self.maximum)
        except FigureError as error:
            raise ValidationError(figure_error_message(error), code=error.code) from error
