"""The pure choices over targets and figures, without a database."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from indicators.codes import code_sort_key, normalise_code
from indicators.figures import (
    baseline,
    by_year_and_kind,
    in_period_order,
    strategy_columns,
    target_in_force,
    targets_by_year,
    targets_disagree,
    targets_in_force,
    year_target,
)
from indicators.formatting import decimal_to_plain, format_measure, format_number, format_target
from indicators.periods import format_period, parse_period, year_is_past
from indicators.progress import Goal, choose_goal, past_goals


@dataclass
class Doc:
    issued_on: date | None
    rank: int = 0
    pk: int | None = None


@dataclass
class T:
    year: int
    value: Decimal | None
    comparator: str
    section: str
    document: Doc
    kind: str = "goal"


@dataclass
class O:  # noqa: E742
    year: int
    quarter: int
    value: Decimal
    provisional: bool
    document: Doc | None


# Legal ranks as `indicators.models.Document.Rank` numbers them: higher wins.
PRIME_MINISTER, MINISTRY, OFFICIAL_LETTER, REPORT = 40, 30, 20, 10
QD411 = Doc(date(2022, 3, 31), PRIME_MINISTER)
QD466 = Doc(date(2023, 3, 28), MINISTRY)
CV5473 = Doc(date(2024, 12, 21), OFFICIAL_LETTER)
FORUM = Doc(None, REPORT)


def test_main_text_wins_over_the_annex_of_the_same_document():
    main, annex = T(2025, Decimal(30), ">", "Mục II.1", QD466), T(2025, Decimal(50), ">", "Phụ lục 01", QD466)
    assert target_in_force([annex, main]) is main
    assert targets_disagree([main, annex])


def test_a_figure_in_the_annex_wins_over_a_delegated_text_in_the_main_text():
    text, annex = T(2023, None, "", "Mục II.1", QD466), T(2023, Decimal(8), ">=", "Phụ lục 01", QD466)
    assert target_in_force([text, annex]) is annex
    assert not targets_disagree([text, annex])


def test_of_two_documents_of_the_same_rank_the_later_wins_and_an_undated_one_is_oldest():
    older_letter, letter, undated_letter = (
        T(2030, Decimal(30), ">=", "", Doc(date(2023, 1, 1), OFFICIAL_LETTER)),
        T(2030, Decimal(30), ">=", "", CV5473),
        T(2030, Decimal(30), ">=", "", Doc(None, OFFICIAL_LETTER)),
    )
    assert target_in_force([undated_letter, letter, older_letter]) is letter
    assert not targets_disagree([older_letter, letter, undated_letter])  # 30 and 30.0000 are the same target


def test_of_two_documents_of_the_same_rank_and_date_the_one_recorded_last_wins():
    """Two adjustment proposals accepted on one day: the later record is in force, whatever the order given; a
    document not yet saved (no key) counts as recorded first."""
    day = date(2026, 12, 1)
    first, second = (
        T(2030, Decimal(30), ">=", "", Doc(day, MINISTRY, pk=7)),
        T(2030, Decimal(32), ">=", "", Doc(day, MINISTRY, pk=8)),
    )
    unsaved = T(2030, Decimal(31), ">=", "", Doc(day, MINISTRY))
    assert target_in_force([second, first]) is second and target_in_force([first, second]) is second
    assert target_in_force([first, unsaved]) is first and target_in_force([unsaved, first]) is first


def test_the_document_of_higher_legal_rank_wins_before_the_later_date():
    """The Prime Minister's decision > a minister's decision > an official letter > a report, whatever their dates:
    466's 2025 goal (a minister's decision, 2023) stays in force over 5473's (an official letter, 2024)."""
    decision = T(2025, Decimal(20), ">=", "Mục II.1", QD466)
    letter = T(2025, Decimal(21), ">=", "Mục II", CV5473)
    report = T(2025, Decimal(22), ">=", "", Doc(date(2026, 1, 1), REPORT))
    assert target_in_force([letter, report, decision]) is decision
    prime_minister = T(2025, Decimal(19), ">=", "", QD411)
    assert target_in_force([letter, prime_minister, report, decision]) is prime_minister
    assert target_in_force([report, T(2030, Decimal(30), ">=", "Đoạn mở đầu", CV5473)]).document is CV5473


def test_a_plan_and_a_goal_of_the_same_year_are_each_in_force():
    """Two meanings of "in force" disagreed: an accepted yearly plan "≥ 50%" for 2030 and the 2030 goal "≥ 30%" are
    two targets, each in force for its kind; never compared with each other."""
    goal = T(2030, Decimal(30), ">=", "", CV5473, kind="goal")
    plan = T(2030, Decimal(50), ">=", "", Doc(date(2026, 11, 1), MINISTRY), kind="plan")
    assert targets_in_force([goal, plan]) == {(2030, "plan"): plan, (2030, "goal"): goal}
    assert list(by_year_and_kind([goal, plan])) == [(2030, "plan"), (2030, "goal")]
    with pytest.raises(ValueError):
        target_in_force([goal, plan])


def test_no_target_in_force_without_targets():
    assert target_in_force([]) is None


def test_targets_by_year_puts_the_one_in_force_first():
    main, annex = T(2025, Decimal(30), ">", "Mục II.1", QD466), T(2025, Decimal(50), ">", "Phụ lục 01", QD466)
    plan = T(2023, Decimal(10), ">=", "Phụ lục 01", QD466)
    assert targets_by_year([annex, plan, main]) == {2023: [plan], 2025: [main, annex]}


def _keys(*pairs: str) -> set[tuple[int, str]]:
    return {(int(p.split()[1]), p.split()[0]) for p in pairs}


REFERENCE_KEYS = _keys("plan 2023", "plan 2024", "goal 2025", "goal 2030")


def _shown(columns) -> list[str]:
    return [f"{c.kind} {c.year}{' past' if c.past else ''}" for c in columns]


def test_the_home_columns_follow_the_strategy_period_in_force_from_the_data():
    """Late 2026 with the reference data: the 2022 baseline, 466's yearly plans, the 2025 goal (past: a verdict)
    and the 2030 goal to steer to. No year is written in code."""
    assert _shown(strategy_columns(REFERENCE_KEYS, date(2026, 11, 30))) == [
        "baseline 2022", "plan 2023", "plan 2024", "goal 2025 past", "goal 2030"
    ]  # fmt: skip
    assert _shown(strategy_columns(REFERENCE_KEYS, date(2024, 6, 1))) == [
        "baseline 2022", "plan 2023", "plan 2024", "goal 2025", "goal 2030"
    ]  # fmt: skip


def test_a_document_with_yearly_plans_for_2026_to_2030_moves_the_columns_to_the_new_period():
    keys = REFERENCE_KEYS | _keys("plan 2026", "plan 2027", "plan 2028", "plan 2029", "plan 2030")
    assert _shown(strategy_columns(keys, date(2026, 11, 30))) == [
        "baseline 2025", "goal 2025 past", "plan 2026", "plan 2027", "plan 2028", "plan 2029", "plan 2030",
        "goal 2030",
    ]  # fmt: skip
    # After 2030, with no later goal: the last period stays, its goal past.
    assert _shown(strategy_columns(keys, date(2031, 3, 1)))[-1] == "goal 2030 past"


def test_columns_with_no_goal_or_no_target_at_all():
    assert strategy_columns(set(), date(2026, 11, 30)) == []
    assert _shown(strategy_columns(_keys("plan 2023"), date(2026, 11, 30))) == ["plan 2023"]
    assert _shown(strategy_columns(_keys("goal 2030"), date(2026, 11, 30))) == ["baseline 2029", "goal 2030"]


def test_a_year_is_past_once_it_is_over():
    assert year_is_past(2025, date(2026, 1, 1)) and not year_is_past(2026, date(2026, 12, 31))
    assert not year_is_past(2030, date(2026, 11, 30))


@given(st.sets(st.integers(2020, 2035), max_size=4), st.dates(date(2020, 1, 1), date(2036, 12, 31)))
def test_the_columns_and_the_assessment_agree_on_which_goal_years_are_past(years, today):
    """The home table's columns mark a goal past exactly when the assessment judges it (one rule, `year_is_past`),
    and the goal to steer to is never past unless every goal is."""
    goals = [Goal(year, ">=", Decimal(1)) for year in years]
    judged = {g.year for g in past_goals(goals, today)}
    for column in strategy_columns({(year, "goal") for year in years}, today):
        if column.kind == "goal":
            assert column.past == (column.year in judged)
    steered = choose_goal(goals, today)
    if steered is not None and steered.year in judged:
        assert judged == years


def test_the_year_is_held_to_its_plan_else_its_goal():
    in_force = {(2025, "plan"): "plan 2025", (2025, "goal"): "goal 2025", (2030, "goal"): "goal 2030"}
    assert year_target(in_force, 2025) == "plan 2025"
    assert year_target(in_force, 2030) == "goal 2030"
    assert year_target(in_force, 2027) is None


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


@given(
    st.decimals(min_value=Decimal("-99999999999.9999"), max_value=Decimal("99999999999.9999"), places=6),
    st.integers(min_value=0, max_value=6),
)
def test_numbers_read_as_django_formats_them_in_both_languages(value, decimals):
    """format_number joins the language's separators itself: the same text as Django's number_format with
    grouping, for large, tiny, negative and zero values, "-0" never shown."""
    from decimal import ROUND_HALF_UP

    from django.utils.formats import number_format

    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP).normalize()
    places = max(0, -rounded.as_tuple().exponent)
    for language in ("vi", "en"):
        with translation.override(language):
            expected = number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)
            shown = format_number(value, decimals)
            assert shown == expected or (shown == expected.lstrip("-") and rounded.is_zero())
            assert not shown.startswith("-0") or shown.strip("-0,.") != ""


def test_a_value_that_rounds_to_zero_shows_no_minus_sign():
    with translation.override("vi"):
        assert format_number(Decimal("-0.001"), 2) == "0"
        assert format_number(Decimal("-0"), 0) == "0"
        assert format_number(Decimal("-0.005"), 2) == "-0,01"


def test_on_a_day_inside_a_goal_year_its_goal_is_not_yet_past():
    for today in (date(2025, 1, 1), date(2025, 6, 30), date(2025, 12, 31)):
        assert _shown(strategy_columns(REFERENCE_KEYS, today)) == [
            "baseline 2022", "plan 2023", "plan 2024", "goal 2025", "goal 2030"
        ], today  # fmt: skip
    assert _shown(strategy_columns(REFERENCE_KEYS, date(2030, 7, 1)))[-1] == "goal 2030"


def test_yearly_plans_and_one_goal_year():
    keys = _keys("plan 2023", "plan 2024", "goal 2025")
    assert _shown(strategy_columns(keys, date(2024, 6, 1))) == ["baseline 2022", "plan 2023", "plan 2024", "goal 2025"]
    assert _shown(strategy_columns(keys, date(2026, 11, 30))) == [
        "baseline 2022", "plan 2023", "plan 2024", "goal 2025 past"
    ]  # fmt: skip
    later = _keys("plan 2026", "plan 2027", "goal 2030")
    assert _shown(strategy_columns(later, date(2026, 11, 30))) == [
        "baseline 2025",
        "plan 2026",
        "plan 2027",
        "goal 2030",
    ]


def test_a_period_is_written_in_ascii_digits():
    for text in ("٢٠٢٦", "２０２６Q4", "2026Q٤"):
        with pytest.raises(ValueError):
            parse_period(text)


def test_targets_by_year_takes_one_kind_only():
    plan, goal = T(2025, Decimal(18), ">=", "", QD466, kind="plan"), T(2025, Decimal(20), ">=", "", QD466)
    with pytest.raises(ValueError):
        targets_by_year([plan, goal])
    assert targets_by_year([goal]) == {2025: [goal]}


def test_a_period_whose_only_plan_is_its_first_year_keeps_its_columns():
    """A period (2023–2025) with a plan for its first year only is the last one with plans in late 2026."""
    keys = _keys("plan 2023", "goal 2025", "goal 2030")
    assert _shown(strategy_columns(keys, date(2026, 6, 1))) == ["baseline 2022", "plan 2023", "goal 2025 past",
                                                                 "goal 2030"]  # fmt: skip


def test_a_column_is_a_value_named_by_its_kind_and_year():
    from dataclasses import FrozenInstanceError

    from indicators.figures import Column

    column = Column("goal", 2030)
    assert column.key == "goal_2030" and {column, Column("goal", 2030)} == {column}
    with pytest.raises(FrozenInstanceError):
        column.year = 2031  # type: ignore[misc]
