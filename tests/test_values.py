"""Figures as people type them, without a database."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.values import FigureError, check_bounds, parse_figure, read_figure


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("14,26", "14.26"),
        ("14.26", "14.26"),
        ("14,26 %", "14.26"),
        ("14,26%", "14.26"),
        ("1.234,5", "1234.5"),
        ("1 234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.234.567", "1234567"),
        (" 85 ", "85"),
        ("0,7", "0.7"),
        ("-3", "-3"),
        ("+2,5", "2.5"),
        ("\u00a081,2\u00a0%", "81.2"),
    ],
)
def test_the_spellings_people_use(text, value):
    assert parse_figure(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc", "not_a_number"),
        ("", "empty"),
        ("   ", "empty"),
        ("%", "empty"),
        ("1e5", "not_a_number"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("12,", "not_a_number"),
        ("1,2,3", "not_a_number"),
        ("1.23.4", "not_a_number"),
        ("14,26,5.1", "not_a_number"),
        ("--3", "not_a_number"),
        ("0,00001", "too_many_decimals"),
        ("12345678901", "too_large"),
    ],
)
def test_what_is_not_a_figure(text, code):
    with pytest.raises(FigureError) as error:
        parse_figure(text)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("150", "above_maximum"), ("-3", "below_minimum"), ("100,01", "above_maximum"), ("-0,01", "below_minimum")],
)
def test_a_percentage_stays_between_0_and_100(text, code):
    with pytest.raises(FigureError) as error:
        read_figure(text, minimum=Decimal(0), maximum=Decimal(100))
    assert error.value.code == code
    assert error.value.params == {"minimum": Decimal(0), "maximum": Decimal(100)}


def test_the_bounds_themselves_are_allowed():
    assert read_figure("0", minimum=Decimal(0), maximum=Decimal(100)) == 0
    assert read_figure("100", minimum=Decimal(0), maximum=Decimal(100)) == 100
    check_bounds(Decimal("5"), minimum=None, maximum=None)


figures = st.decimals(min_value=Decimal("-9999999999"), max_value=Decimal("9999999999"), places=4)


def _vietnamese(value: Decimal) -> str:
    """14,26 and 1.234.567,5: the way formats/vi writes numbers."""
    english = f"{value:,f}"
    return english.replace(",", "\0").replace(".", ",").replace("\0", ".")


@given(figures)
def test_a_figure_written_the_vietnamese_way_reads_back(value):
    assert parse_figure(_vietnamese(value)) == value


@given(figures)
def test_a_figure_written_the_english_way_or_plain_reads_back(value):
    assert parse_figure(f"{value:,f}") == value
    assert parse_figure(f"{value:f} %") == value


@given(st.text(max_size=20))
def test_any_text_is_a_figure_or_a_figure_error(text):
    try:
        value = parse_figure(text)
    except FigureError:
        return
    assert value.is_finite()
