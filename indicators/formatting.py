"""Numbers as the interface shows them: the active language's separators (14,26% in Vietnamese), no
trailing zeros beyond what the figure has (85%, not 85,00%), at most the indicator's decimals."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.formats import get_format
from django.utils.translation import get_language

COMPARATOR_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "≈"}


@functools.cache
def _separators(language: str | None) -> dict[int, str]:
    """The language's thousand and decimal separators, as a table for str.translate of "1,234.5"."""
    return {44: get_format("THOUSAND_SEPARATOR", language), 46: get_format("DECIMAL_SEPARATOR", language)}


@receiver(setting_changed, dispatch_uid="formatting-separators")
def _settings_changed(setting: str, **kwargs: object) -> None:
    if setting in {"THOUSAND_SEPARATOR", "DECIMAL_SEPARATOR", "FORMAT_MODULE_PATH", "LANGUAGE_CODE", "USE_I18N"}:
        _separators.cache_clear()


def format_number(value: Decimal | None, max_decimals: int = 2) -> str:
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-max_decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP).normalize()
    if rounded.is_zero():  # -0,001 shown to two decimals is 0, not "-0"
        rounded = abs(rounded)
    exponent = rounded.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    # As Django's number_format with force_grouping (groups of three, the language's separators), without its
    # per-call settings and format lookups: a national table formats about a thousand numbers.
    return f"{rounded:,.{decimals}f}".translate(_separators(get_language()))


def format_measure(value: Decimal | None, measure_unit: str, max_decimals: int = 2) -> str:
    if value is None:
        return ""
    number = format_number(value, max_decimals)
    if not measure_unit:
        return number  # a figure written without a unit (466's "4,36")
    return f"{number}%" if measure_unit == "%" else f"{number} {measure_unit}"


def format_target(comparator: str, value: Decimal | None, measure_unit: str, max_decimals: int = 2) -> str:
    if value is None:
        return ""
    symbol = COMPARATOR_SYMBOLS.get(comparator, comparator)
    return f"{symbol} {format_measure(value, measure_unit, max_decimals)}"


def decimal_to_plain(value: Decimal | None) -> str | None:
    """For the API: an exact decimal string without exponent or trailing zeros ('14.26', '100')."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text
