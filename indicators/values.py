"""Reading a figure as people type it: "14,26", "14.26", "14,26 %", "1.234,5", "1 234,5", "1,234.5".

Pure: no Django. Errors carry a code and parameters; the form and the API turn them into a Vietnamese message.

Rules, in order: spaces and a trailing "%" are ignored; a leading "-" or "+" is a sign; when both "," and "."
appear the last one is the decimal mark and the other groups thousands; a mark that appears more than once
groups thousands; a single "," is the decimal mark. A single "." is the decimal mark ("14.26", "0.125",
"1234.5"), except where it may group thousands, a dot after one to three digits (not a lone 0) and before
exactly three ("1.234", "45.000"): in Vietnamese the dot groups thousands, so for a figure that is not a
percentage (a count, "doanh nghiệp/1.000 dân") it reads 1234 and 45000; for a percentage, where an English
1.234 is as likely, the form is refused as ambiguous (code `ambiguous`) and the person writes it plainly.
The caller says which: `percentage=is_percentage(indicator.measure_unit)`.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_DECIMALS = 4  # Observation.value has 4 decimal places
MAX_INTEGER_DIGITS = 10  # and 14 digits in all

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED = re.compile(r"^\d{1,3}(?:SEP\d{3})+$")
_MAY_GROUP_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")


def is_percentage(measure_unit: str) -> bool:
    """Whether figures in this unit of measure are percentages ("%"), which decides how "1.234" reads."""
    return measure_unit.strip() == "%"


class FigureError(ValueError):
    """`code` is one of: empty, not_a_number, ambiguous, too_many_decimals, too_large, below_minimum,
    above_maximum."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _integer_part(text: str, group_mark: str | None) -> str:
    if group_mark is None or group_mark not in text:
        if not text.isdigit():
            raise FigureError("not_a_number")
        return text
    if not re.match(_GROUPED.pattern.replace("SEP", re.escape(group_mark)), text):
        raise FigureError("not_a_number")
    return text.replace(group_mark, "")


def parse_figure(raw: str, *, percentage: bool) -> Decimal:
    """The number in `raw`, or FigureError. Never returns NaN or infinity; never reads an exponent."""
    text = _SPACES.sub("", raw or "")
    if text.endswith("%"):
        text = text[:-1]
    if not text:
        raise FigureError("empty")
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if not text or not set(text) <= set("0123456789,."):
        raise FigureError("not_a_number")

    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        if text.count(decimal_mark) > 1:
            raise FigureError("not_a_number")
    elif commas > 1 or dots > 1:
        decimal_mark, group_mark = None, ("," if commas else ".")
    elif dots and _MAY_GROUP_THOUSANDS.fullmatch(text):
        if percentage:
            raise FigureError("ambiguous", text=text)
        decimal_mark, group_mark = None, "."
    elif commas or dots:
        decimal_mark, group_mark = ("," if commas else "."), None
    else:
        decimal_mark, group_mark = None, None

    if decimal_mark is not None:
        whole, _mark, fraction = text.rpartition(decimal_mark)
        if not fraction.isdigit() or not whole:
            raise FigureError("not_a_number")
    else:
        whole, fraction = text, ""
    return _checked(sign, _integer_part(whole, group_mark), fraction)


def _checked(sign: str, digits: str, fraction: str) -> Decimal:
    digits = digits.lstrip("0") or "0"
    if len(fraction) > MAX_DECIMALS:
        raise FigureError("too_many_decimals", decimals=MAX_DECIMALS)
    if len(digits) > MAX_INTEGER_DIGITS:
        raise FigureError("too_large")
    value = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    return abs(value) if value.is_zero() else value  # "-0" is 0: a database stores no negative zero


def number_figure(number: int | float | Decimal) -> Decimal:
    """A number that is already a number (a JSON number of the API): its dot is a decimal mark whatever the
    measure, so 1.234 stays 1.234. The same limits as typed figures."""
    if isinstance(number, bool):
        raise FigureError("not_a_number")
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not value.is_finite():
        raise FigureError("not_a_number")
    whole, _mark, fraction = format(abs(value), "f").partition(".")
    return _checked("-" if value < 0 else "", whole, fraction)


def check_bounds(value: Decimal, *, minimum: Decimal | None, maximum: Decimal | None) -> None:
    """FigureError below_minimum / above_maximum (with both bounds in the parameters) when out of range."""
    if minimum is not None and value < minimum:
        raise FigureError("below_minimum", minimum=minimum, maximum=maximum)
    if maximum is not None and value > maximum:
        raise FigureError("above_maximum", minimum=minimum, maximum=maximum)


def read_figure(
    raw: str | int | float | Decimal,
    *,
    percentage: bool,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
) -> Decimal:
    """A typed figure (a string, read as `parse_figure` does) or a number, within its bounds. A text that is no
    number raises FigureError("not_a_number") with `examples`: figures this field reads, for its message."""
    try:
        value = parse_figure(raw, percentage=percentage) if isinstance(raw, str) else number_figure(raw)
    except FigureError as error:
        if error.code == "not_a_number":
            error.params["examples"] = accepted_examples(percentage=percentage, minimum=minimum, maximum=maximum)
        raise
    check_bounds(value, minimum=minimum, maximum=maximum)
    return value


EXAMPLES = ("14,26", "1.234,5", "85", "0,5", "3", "-2,5", "-1.234,5")


def accepted_examples(*, percentage: bool, minimum: Decimal | None = None, maximum: Decimal | None = None) -> list[str]:
    """The first two of EXAMPLES that a field with these rules reads: a message never suggests a figure the field
    refuses (a percentage up to 100 is not written "1.234,5")."""
    accepted = []
    for text in EXAMPLES:
        try:
            check_bounds(parse_figure(text, percentage=percentage), minimum=minimum, maximum=maximum)
        except FigureError:
            continue
        accepted.append(text)
    return accepted[:2]
