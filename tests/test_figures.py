"""The pure choices over targets and figures, without a database."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from indicators.codes import code_sort_key, normalise_code
from indicators.figures import baseline, in_period_order, target_in_force, targets_by_year, targets_disagree
from indicators.formatting import decimal_to_plain, format_measure, format_number, format_target
from indicators.periods import format_period, parse_period


@dataclass
class Doc:
    issued_on: date | None


@dataclass
class T:
    year: int
    value: Decimal | None
    comparator: str
    section: str
    document: Doc


@dataclass
class O:  # noqa: E742
    year: int
    quarter: int
    value: Decimal
    provisional: bool
    document: Doc | None


QD466 = Doc(date(2023, 3, 28))
CV5473 = Doc(date(2024, 12, 21))
FORUM = Doc(None)


def test_main_text_wins_over_the_annex_of_the_same_document():
    main, annex = T(2025, Decimal(30), ">", "Mục II.1", QD466), T(2025, Decimal(50), ">", "Phụ lục 01", QD466)
    assert target_in_force([annex, main]) is main
    assert targets_disagree([main, annex])


def test_a_figure_in_the_annex_wins_over_a_delegated_text_in_the_main_text():
    text, annex = T(2023, None, "", "Mục II.1", QD466), T(2023, Decimal(8), ">=", "Phụ lục 01", QD466)
    assert target_in_force([text, annex]) is annex
    assert not targets_disagree([text, annex])


def test_a_later_document_wins_and_an_undated_one_is_oldest():
    old, new, undated = (
        T(2030, Decimal(30), ">=", "", QD466),
        T(2030, Decimal(30), ">=", "", CV5473),
        T(2030, Decimal(30), ">=", "", FORUM),
    )
    assert target_in_force([undated, new, old]) is new
    assert not targets_disagree([old, new, undated])  # 30 and 30.0000 are the same target


def test_no_target_in_force_without_targets():
    assert target_in_force([]) is None


def test_targets_by_year_puts_the_one_in_force_first():
    main, annex = T(2025, Decimal(30), ">", "Mục II.1", QD466), T(2025, Decimal(50), ">", "Phụ lục 01", QD466)
    plan = T(2023, Decimal(10), ">=", "Phụ lục 01", QD466)
    assert targets_by_year([annex, plan, main]) == {2023: [plan], 2025: [main, annex]}


def test_baseline_is_the_latest_yearly_figure_not_after_2022():
    f2021 = O(2021, 0, Decimal("74.63"), False, QD466)
    assert baseline([f2021], up_to_year=2022) is f2021
    later = O(2023, 0, Decimal("80"), False, QD466)
    quarter = O(2022, 3, Decimal("79"), False, None)
    assert baseline([f2021, later, quarter], up_to_year=2022) is f2021


def test_baseline_prefers_official_then_the_later_document():
    estimate = O(2022, 0, Decimal("14.26"), True, QD466)
    ptit = O(2022, 0, Decimal("14.26"), True, CV5473)
    official = O(2022, 0, Decimal("14.1"), False, None)
    assert baseline([estimate, ptit], up_to_year=2022) is ptit
    assert baseline([estimate, official, ptit], up_to_year=2022) is official


def test_figures_list_oldest_period_first_those_without_a_document_first():
    plain, ptit, decision = O(2022, 0, 1, True, None), O(2022, 0, 2, True, CV5473), O(2022, 0, 3, True, QD466)
    q3 = O(2021, 3, 4, False, None)
    assert in_period_order([ptit, decision, plain, q3]) == [q3, plain, decision, ptit]


@given(st.permutations(range(5)))
def test_choices_do_not_depend_on_the_order_figures_were_entered(order):
    items = [
        O(2021, 0, Decimal("11.91"), True, CV5473),
        O(2022, 0, Decimal("14.26"), True, QD466),
        O(2022, 0, Decimal("14.26"), True, CV5473),
        O(2023, 0, Decimal("16.5"), True, CV5473),
        O(2024, 0, Decimal("18.3"), True, CV5473),
    ]
    shuffled = [items[i] for i in order]
    assert baseline(shuffled, up_to_year=2022) is items[2]


@pytest.mark.parametrize(
    ("codes", "ordered"),
    [(["2.10", "2.9", "1.2.1", "1.3", "1.2", "2.11", "2.1"], ["1.2", "1.2.1", "1.3", "2.1", "2.9", "2.10", "2.11"])],
)
def test_codes_order_as_numbers(codes, ordered):
    assert sorted(codes, key=code_sort_key) == ordered


def test_annex_codes_with_a_comma_are_read():
    assert normalise_code(" 2,10 ") == "2.10"
    with pytest.raises(ValueError):
        code_sort_key("2.x")


@given(st.integers(2000, 2100), st.integers(0, 4))
def test_period_round_trip(year, quarter):
    assert parse_period(format_period(year, quarter)) == (year, quarter)


@pytest.mark.parametrize("bad", ["2024Q5", "2024Q0", "24Q1", "2024-3", "", "Q3"])
def test_periods_that_do_not_exist(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


@pytest.mark.parametrize(
    ("value", "decimals", "vi", "en"),
    [
        ("14.26", 2, "14,26", "14.26"),
        ("85.0000", 2, "85", "85"),
        ("0.34", 2, "0,34", "0.34"),
        ("1234.5", 2, "1.234,5", "1,234.5"),
        ("16.555", 2, "16,56", "16.56"),
    ],
)
def test_numbers_read_the_vietnamese_way(value, decimals, vi, en):
    with translation.override("vi"):
        assert format_number(Decimal(value), decimals) == vi
    with translation.override("en"):
        assert format_number(Decimal(value), decimals) == en


def test_measures_and_targets():
    with translation.override("vi"):
        assert format_measure(Decimal("14.26"), "%") == "14,26%"
        assert format_measure(Decimal("0.7"), "doanh nghiệp/1.000 dân") == "0,7 doanh nghiệp/1.000 dân"
        assert format_target(">", Decimal("50"), "%") == "> 50%"
        assert format_target(">=", Decimal("17.5"), "%") == "≥ 17,5%"
        assert format_target("", None, "%") == ""
    assert decimal_to_plain(Decimal("80.0000")) == "80"
    assert decimal_to_plain(Decimal("14.2600")) == "14.26"
    assert decimal_to_plain(None) is None
