"""Figures as people type them, without a database."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from indicators.fields import figure_error_message
from indicators.formatting import format_number
from indicators.values import (
    MAX_DECIMALS,
    FigureError,
    accepted_examples,
    check_bounds,
    is_percentage,
    parse_figure,
    read_figure,
)


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
    assert parse_figure(text, percentage=True) == Decimal(value)


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
        parse_figure(text, percentage=True)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("150", "above_maximum"), ("-3", "below_minimum"), ("100,01", "above_maximum"), ("-0,01", "below_minimum")],
)
def test_a_percentage_stays_between_0_and_100(text, code):
    with pytest.raises(FigureError) as error:
        read_figure(text, percentage=True, minimum=Decimal(0), maximum=Decimal(100))
    assert error.value.code == code
    assert error.value.params == {"minimum": Decimal(0), "maximum": Decimal(100)}


def test_the_bounds_themselves_are_allowed():
    assert read_figure("0", percentage=True, minimum=Decimal(0), maximum=Decimal(100)) == 0
    assert read_figure("100", percentage=True, minimum=Decimal(0), maximum=Decimal(100)) == 100
    check_bounds(Decimal("5"), minimum=None, maximum=None)


figures = st.decimals(min_value=Decimal("-9999999999"), max_value=Decimal("9999999999"), places=4)


def _vietnamese(value: Decimal) -> str:
    """14,26 and 1.234.567,5: the way formats/vi writes numbers."""
    english = f"{value:,f}"
    return english.replace(",", "\0").replace(".", ",").replace("\0", ".")


@given(figures)
def test_a_figure_written_the_vietnamese_way_reads_back(value):
    assert parse_figure(_vietnamese(value), percentage=True) == value


@given(figures)
def test_a_figure_written_the_english_way_or_plain_reads_back(value):
    assert parse_figure(f"{value:,f}", percentage=True) == value
    assert parse_figure(f"{value:f} %", percentage=True) == value


@given(st.text(max_size=20))
def test_any_text_is_a_figure_or_a_figure_error(text):
    try:
        value = parse_figure(text, percentage=True)
    except FigureError:
        return
    assert value.is_finite()


# ---------------------------------------------------------------- the dot groups thousands (Vietnamese)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.000", "1000"),
        ("1.234", "1234"),
        ("45.000", "45000"),
        ("999.999", "999999"),
        ("-1.500", "-1500"),
        ("1.234.567", "1234567"),
        ("1.234,5", "1234.5"),
        ("45.000 ", "45000"),
    ],
)
def test_1_000_reads_as_a_thousand_for_a_count(text, value):
    """Indicator 1.7 counts "doanh nghiệp/1.000 dân": in Vietnamese the dot groups thousands."""
    assert parse_figure(text, percentage=False) == Decimal(value)
    assert read_figure(text, percentage=False, minimum=Decimal(-10000000)) == Decimal(value)


@pytest.mark.parametrize("text", ["1.234", "12.345", "100.000", "1.234 %", "-1.500", "10.100"])
def test_a_dot_before_three_digits_in_a_percentage_is_refused_as_ambiguous(text):
    """An English 1.234% and a Vietnamese 1.234 (a thousand and more) look the same: the person writes it plainly."""
    with pytest.raises(FigureError) as error:
        parse_figure(text, percentage=True)
    assert error.value.code == "ambiguous"
    assert error.value.params == {"text": text.replace(" %", "").lstrip("-")}


@pytest.mark.parametrize("percentage", [True, False], ids=["percentage", "count"])
@pytest.mark.parametrize(
    ("text", "value"),
    [("14.26", "14.26"), ("0.7", "0.7"), ("1.2345", "1.2345"), ("0.125", "0.125"), ("1234.567", "1234.567")],
)
def test_a_dot_that_cannot_group_thousands_stays_a_decimal_mark(text, value, percentage):
    """One or two (or four) digits after the dot, or a lone 0 or four digits before it: no thousands reading."""
    assert parse_figure(text, percentage=percentage) == Decimal(value)


@pytest.mark.parametrize("percentage", [True, False], ids=["percentage", "count"])
@pytest.mark.parametrize(("text", "value"), [("1,234", "1.234"), ("12,345", "12.345"), ("12345", "12345")])
def test_the_plain_spellings_the_refusal_asks_for_read_the_same_in_both_modes(text, value, percentage):
    assert parse_figure(text, percentage=percentage) == Decimal(value)


@pytest.mark.parametrize(
    ("number", "value"),
    [(1.234, "1.234"), (45, "45"), (14.26, "14.26"), (-0.5, "-0.5"), (Decimal("1.5"), "1.5")],
)
def test_a_json_number_keeps_its_decimal_point_whatever_the_measure(number, value):
    assert read_figure(number, percentage=False) == Decimal(value)
    assert read_figure(number, percentage=True) == Decimal(value)


@pytest.mark.parametrize(
    ("number", "code"),
    [(1e-05, "too_many_decimals"), (1e20, "too_large"), (float("nan"), "not_a_number"), (True, "not_a_number")],
)
def test_a_json_number_has_the_limits_of_a_typed_figure(number, code):
    with pytest.raises(FigureError) as error:
        read_figure(number, percentage=False)
    assert error.value.code == code


def _formatted_the_vietnamese_way(value: Decimal) -> str:
    """What the interface shows (indicators.formatting, Vietnamese active): 1.234,5 and 14,26."""
    with translation.override("vi"):
        return format_number(value, MAX_DECIMALS)


@given(figures)
def test_a_count_formatted_the_vietnamese_way_reads_back(value):
    assert parse_figure(_formatted_the_vietnamese_way(value), percentage=False) == value


@given(st.decimals(min_value=Decimal("-999.9999"), max_value=Decimal("999.9999"), places=4))
def test_a_percentage_formatted_the_vietnamese_way_reads_back(value):
    """Below a thousand the Vietnamese form never groups, so it is never the ambiguous one."""
    assert parse_figure(_formatted_the_vietnamese_way(value), percentage=True) == value


@pytest.mark.parametrize("raw", ["-0", "-0,0", "-0,0000", "- 0", -0.0, Decimal("-0.00")])
def test_minus_zero_reads_as_zero_as_a_database_stores_it(raw):
    value = read_figure(raw, percentage=True, minimum=Decimal(0), maximum=Decimal(100))
    assert value == 0 and not value.is_signed() and format(value.normalize(), "f") == "0"


@pytest.mark.parametrize(("number", "value"), [(0.25, "0.25"), (0.0001, "0.0001"), (-0.75, "-0.75"), (0.5, "0.5")])
def test_a_json_number_between_0_and_1_keeps_its_fraction(number, value):
    assert read_figure(number, percentage=True) == Decimal(value)


@pytest.mark.parametrize("text", ["١٢", "１２,５", "۱۲.۵", "1٢", "12,٥"])
def test_other_scripts_digits_are_not_a_figure(text):
    """Digits of other scripts (Arabic-Indic, full-width) pass str.isdigit(): a figure is written in 0-9."""
    with pytest.raises(FigureError) as error:
        parse_figure(text, percentage=False)
    assert error.value.code == "not_a_number"


def test_only_the_percent_unit_is_a_percentage():
    assert is_percentage("%") and is_percentage(" % ")
    assert not is_percentage("doanh nghiệp/1.000 dân") and not is_percentage("điểm %") and not is_percentage("")


# The examples a refusal suggests are figures the same field reads: a percentage (0 to 100) is never told to
# write "1.234,5", which it refuses.
@pytest.mark.parametrize(
    ("percentage", "minimum", "maximum", "examples"),
    [
        (True, Decimal(0), Decimal(100), ["14,26", "85"]),
        (False, Decimal(0), None, ["14,26", "1.234,5"]),
        (False, None, None, ["14,26", "1.234,5"]),
        (True, Decimal(0), Decimal(1), ["0,5"]),
    ],
)
def test_a_refusal_suggests_figures_the_field_reads(percentage, minimum, maximum, examples):
    with pytest.raises(FigureError) as refused:
        read_figure("abc", percentage=percentage, minimum=minimum, maximum=maximum)
    assert refused.value.code == "not_a_number" and refused.value.params["examples"] == examples


@given(
    st.booleans(),
    st.one_of(st.none(), st.decimals(min_value=-2000, max_value=2000, places=2)),
    st.one_of(st.none(), st.decimals(min_value=-2000, max_value=2000, places=2)),
)
def test_every_suggested_example_is_read_by_the_field_that_suggests_it(percentage, minimum, maximum):
    for text in accepted_examples(percentage=percentage, minimum=minimum, maximum=maximum):
        read_figure(text, percentage=percentage, minimum=minimum, maximum=maximum)  # never raises


def test_the_message_gives_the_field_s_own_examples():
    with translation.override("vi"):
        for percentage, message in ((True, "Nhập một số, ví dụ 14,26 hoặc 85."), (False, "ví dụ 14,26 hoặc 1.234,5.")):
            with pytest.raises(FigureError) as refused:
                read_figure(
                    "abc", percentage=percentage, minimum=Decimal(0), maximum=Decimal(100) if percentage else None
                )
            assert message in figure_error_message(refused.value)
        with pytest.raises(FigureError) as refused:
            read_figure("x", percentage=True, minimum=Decimal(0), maximum=Decimal(1))
        assert figure_error_message(refused.value) == "Nhập một số, ví dụ 0,5."


def test_two_group_commas_are_thousands():
    assert parse_figure("1,234,567", percentage=False) == Decimal(1234567)
    assert parse_figure("1.234.567", percentage=False) == Decimal(1234567)
