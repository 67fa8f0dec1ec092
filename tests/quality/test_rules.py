"""The data-quality rules, pure: one test per rule with its threshold at its exact value, and the properties of
the series test."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from quality.defaults import DEFAULT_RULES
from quality.rules import (
    MIN_SERIES,
    FigureFacts,
    Flag,
    Kind,
    RuleSpec,
    Severity,
    describe,
    deviation,
    evaluate,
    quarters_between,
)


def rule(kind: Kind, **params) -> RuleSpec:
    return RuleSpec(kind=kind, message=f"{kind}", **params)


def kinds(flags: list[Flag]) -> list[Kind]:
    return [f.rule for f in flags]


# ---- far from the series (k median absolute deviations)

SERIES = (D("10"), D("11"), D("12"), D("13"), D("14"))  # median 12, deviations 2 1 0 1 2: MAD 1
MAD_5 = rule(Kind.SERIES_DEVIATION, k=D(5))


def test_a_figure_exactly_k_deviations_away_does_not_flag_and_one_beyond_does():
    assert evaluate([MAD_5], FigureFacts(value=D("17"), recent=SERIES)) == []
    assert evaluate([MAD_5], FigureFacts(value=D("7"), recent=SERIES)) == []
    flags = evaluate([MAD_5], FigureFacts(value=D("17.01"), recent=SERIES))
    assert kinds(flags) == [Kind.SERIES_DEVIATION]
    assert flags[0].details["median"] == D(12) and flags[0].details["mad"] == D(1)


def test_a_series_shorter_than_the_minimum_is_not_judged():
    assert evaluate([MAD_5], FigureFacts(value=D("1000"), recent=SERIES[: MIN_SERIES - 1])) == []


def test_a_series_that_never_moved_still_flags_a_jump_but_not_a_small_wobble():
    flat = (D(50),) * 6  # deviation floored at 1% of 50: 0.5, so k=5 allows 2.5
    assert evaluate([MAD_5], FigureFacts(value=D("52.5"), recent=flat)) == []
    assert kinds(evaluate([MAD_5], FigureFacts(value=D("14.26"), recent=flat))) == [Kind.SERIES_DEVIATION]
    assert deviation(D(1), (D(0),) * 6) is None  # zero throughout: nothing to measure against


def test_only_the_recent_quarters_count():
    old_then_recent = (D(1000),) * 10 + SERIES * 2  # the last 8 quarters are about 12
    assert kinds(evaluate([MAD_5], FigureFacts(value=D(900), recent=old_then_recent))) == [Kind.SERIES_DEVIATION]


values = st.decimals(min_value=D("0.01"), max_value=D(1000), places=2, allow_nan=False, allow_infinity=False)
series = st.lists(values, min_size=MIN_SERIES, max_size=12).map(tuple)


@given(series)
def test_a_figure_equal_to_the_series_median_never_flags(recent):
    from statistics import median

    facts = FigureFacts(value=D(median(recent[-8:])), measure_unit="doanh nghiệp", recent=recent)
    assert evaluate([MAD_5], facts) == []


@given(series, values, st.sampled_from([D("0.5"), D(2), D(10), D("1000")]))
def test_scaling_a_whole_series_and_its_figure_keeps_the_flags(recent, value, factor):
    facts = FigureFacts(value=value, measure_unit="doanh nghiệp", recent=recent)
    scaled = FigureFacts(value=value * factor, measure_unit="doanh nghiệp", recent=tuple(v * factor for v in recent))
    assert kinds(evaluate([MAD_5], facts)) == kinds(evaluate([MAD_5], scaled))


# ---- a share moving more than N points in a quarter

JUMP_20 = rule(Kind.SHARE_JUMP, n=D(20))


def test_fibre_broadband_falling_from_81_2_to_8_12_is_asked_about():
    flags = evaluate([JUMP_20], FigureFacts(value=D("8.12"), recent=(D("81.2"),)))
    assert kinds(flags) == [Kind.SHARE_JUMP] and flags[0].details["points"] == D("73.08")


def test_a_share_moving_exactly_n_points_does_not_flag_and_one_beyond_does():
    assert evaluate([JUMP_20], FigureFacts(value=D("70"), recent=(D("50"),))) == []
    assert evaluate([JUMP_20], FigureFacts(value=D("30"), recent=(D("50"),))) == []
    assert kinds(evaluate([JUMP_20], FigureFacts(value=D("70.01"), recent=(D("50"),)))) == [Kind.SHARE_JUMP]


def test_the_jump_is_for_shares_only_and_needs_a_previous_quarter():
    assert evaluate([JUMP_20], FigureFacts(value=D("70.01"), measure_unit="doanh nghiệp", recent=(D(50),))) == []
    assert evaluate([JUMP_20], FigureFacts(value=D("99"), recent=())) == []


# ---- a parent row against its sub-rows (1.2 against 1.2.1 and 1.2.2)

SUBROWS = rule(Kind.SUBROW_PARENT, n=D(0))


def test_a_share_of_the_whole_lies_between_its_parts_bounds_included():
    parts = (D("4.36"), D("12"))
    for whole in (D("4.36"), D("8"), D("12")):
        assert evaluate([SUBROWS], FigureFacts(value=whole, siblings=parts)) == []
    flags = evaluate([SUBROWS], FigureFacts(value=D("12.01"), siblings=parts))
    assert kinds(flags) == [Kind.SUBROW_PARENT] and flags[0].details == {"low": D("4.36"), "high": D("12")}
    assert kinds(evaluate([SUBROWS], FigureFacts(value=D("4.35"), siblings=parts))) == [Kind.SUBROW_PARENT]


def test_a_count_is_the_sum_of_its_parts_within_n():
    parts = (D(3), D(4))
    tolerant = rule(Kind.SUBROW_PARENT, n=D(1))
    assert evaluate([tolerant], FigureFacts(value=D(8), measure_unit="doanh nghiệp", siblings=parts)) == []
    too_far = FigureFacts(value=D("8.01"), measure_unit="doanh nghiệp", siblings=parts)
    assert kinds(evaluate([tolerant], too_far)) == [Kind.SUBROW_PARENT]


def test_a_sub_row_alone_is_checked_on_its_parent_figure():
    assert evaluate([SUBROWS], FigureFacts(value=D(99), parent=D(1))) == []


# ---- the plausible range of a measure

PER_THOUSAND = rule(Kind.PLAUSIBLE_RANGE, measure_unit="doanh nghiệp/1.000 dân", low=D(0), high=D(10))


def test_outside_the_plausible_range_flags_its_bounds_do_not():
    facts = FigureFacts(value=D(10), measure_unit="doanh nghiệp/1.000 dân")
    assert evaluate([PER_THOUSAND], facts) == []
    assert evaluate([PER_THOUSAND], FigureFacts(value=D(0), measure_unit="doanh nghiệp/1.000 dân")) == []
    flags = evaluate([PER_THOUSAND], FigureFacts(value=D("10.01"), measure_unit="doanh nghiệp/1.000 dân"))
    assert kinds(flags) == [Kind.PLAUSIBLE_RANGE]


def test_the_plausible_range_is_of_its_own_measure_only():
    assert evaluate([PER_THOUSAND], FigureFacts(value=D(90), measure_unit="%")) == []


def test_a_refusing_rule_says_so():
    refusing = RuleSpec(Kind.PLAUSIBLE_RANGE, "x", Severity.REFUSE, low=D(0), high=D(10))
    [flag] = evaluate([refusing], FigureFacts(value=D(11), measure_unit="%"))
    assert flag.refuses and flag.severity == Severity.REFUSE


# ---- a provisional figure not replaced after two quarters

PROVISIONAL_2 = rule(Kind.PROVISIONAL_AGE, n=D(2))


def test_a_provisional_figure_waiting_two_quarters_flags_one_quarter_does_not():
    assert evaluate([PROVISIONAL_2], FigureFacts(value=D(1), provisional_quarters=1)) == []
    assert kinds(evaluate([PROVISIONAL_2], FigureFacts(value=D(1), provisional_quarters=2))) == [Kind.PROVISIONAL_AGE]
    assert evaluate([PROVISIONAL_2], FigureFacts(value=D(1), provisional_quarters=None)) == []
    assert quarters_between((2026, 2), (2026, 4)) == 2 and quarters_between((2025, 4), (2026, 1)) == 1


# ---- an international comparison older than three years

COMPARISON_3 = rule(Kind.COMPARISON_AGE, n=D(3))


def test_a_comparison_three_years_old_passes_four_years_flags():
    assert evaluate([COMPARISON_3], FigureFacts(value=D(1), comparison_age=3)) == []
    assert kinds(evaluate([COMPARISON_3], FigureFacts(value=D(1), comparison_age=4))) == [Kind.COMPARISON_AGE]
    assert evaluate([COMPARISON_3], FigureFacts(value=D(1), comparison_age=None)) == []


# ---- a figure without a source

NO_SOURCE = rule(Kind.MISSING_SOURCE)


def test_a_figure_without_a_source_flags():
    assert kinds(evaluate([NO_SOURCE], FigureFacts(value=D(1), has_source=False))) == [Kind.MISSING_SOURCE]
    assert evaluate([NO_SOURCE], FigureFacts(value=D(1), has_source=True)) == []


def test_an_empty_figure_is_asked_nothing():
    assert evaluate([NO_SOURCE, JUMP_20], FigureFacts(value=None, has_source=False, recent=(D(50),))) == []


# ---- the message


def test_the_message_names_the_numbers_and_survives_a_typo():
    [flag] = evaluate([JUMP_20], FigureFacts(value=D("8.12"), recent=(D("81.2"),)))
    shown = describe(Flag(Kind.SHARE_JUMP, "{points} điểm từ {previous}% {unknown}", flag.severity, flag.details), str)
    assert shown == "73.08 điểm từ 81.2% {unknown}"
    assert describe(Flag(Kind.MISSING_SOURCE, "Chưa ghi nguồn {", Severity.CONFIRM), str) == "Chưa ghi nguồn {"


def test_every_default_message_reads_with_its_rules_numbers():
    for default in DEFAULT_RULES:
        spec = RuleSpec(**default)
        facts = {
            Kind.SERIES_DEVIATION: FigureFacts(value=D(100), recent=SERIES),
            Kind.SHARE_JUMP: FigureFacts(value=D("8.12"), recent=(D("81.2"),)),
            Kind.SUBROW_PARENT: FigureFacts(value=D(50), siblings=(D(1), D(2))),
            Kind.PLAUSIBLE_RANGE: FigureFacts(value=D(11), measure_unit="doanh nghiệp/1.000 dân"),
            Kind.PROVISIONAL_AGE: FigureFacts(value=D(1), provisional_quarters=3),
            Kind.COMPARISON_AGE: FigureFacts(value=D(1), comparison_age=5),
            Kind.MISSING_SOURCE: FigureFacts(value=D(1), has_source=False),
        }[spec.kind]
        [flag] = evaluate([spec], facts)
        shown = describe(flag, str)
        assert "{" not in shown, shown
