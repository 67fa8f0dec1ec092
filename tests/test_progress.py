"""The gap-to-target and trend-flag method (indicators/progress.py), without a database.

Expected numbers are worked out here from the inputs (the required pace is the gap over the years left, the
projection is recomputed with numpy's weighted least squares), not copied from the module's output.
"""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from indicators.progress import (
    FAR_AHEAD_MARGIN,
    FAR_AHEAD_Q,
    PROJECTION_CAP,
    Flag,
    Goal,
    Point,
    Projection,
    Verdict,
    assess,
    choose_goal,
    is_met,
    period_time,
    series,
)

D = Decimal
HUNDRED = D(100)
QD466 = date(2023, 3, 28)
CV5473 = date(2024, 12, 21)

# Tỷ trọng kinh tế số trên GDP (1.1): Công văn 5473 gives 2021–2024 (PTIT estimates); 466 also gives 2022.
DIGITAL_ECONOMY_SHARE = [
    Point(2022, 0, D("14.26"), True, QD466),
    Point(2021, 0, D("11.91"), True, CV5473),
    Point(2022, 0, D("14.26"), True, CV5473),
    Point(2023, 0, D("16.5"), True, CV5473),
    Point(2024, 0, D("18.3"), True, CV5473),
]
DIGITAL_ECONOMY_GOALS = [Goal(2025, ">=", D(20)), Goal(2030, ">=", D(30))]
DIGITAL_ECONOMY_PLANS = [Goal(2023, ">=", D("15.5")), Goal(2024, ">=", D("17.5"))]


# The method's examples stand in mid-2025, when 2025 is the goal not yet past; the as-of-today tests below move on.
MID_2025 = date(2025, 6, 30)
LATE_2026 = date(2026, 11, 30)


def share(points, goals, plans=(), today=MID_2025, **kwargs):
    return assess(points=points, goals=goals, plans=plans, today=today, lower_bound=D(0), upper_bound=HUNDRED, **kwargs)


def weighted_trend_projection(points: list[tuple[float, float]], years_ahead: float) -> float:
    """An independent recomputation: numpy's polyfit minimises Σ (w·residual)², so w = √weight."""
    t_last, v_last = points[-1]
    xs = np.array([t for t, _v in points])
    ys = np.array([v for _t, v in points])
    weights = 0.5 ** (t_last - xs)
    slope, _intercept = np.polyfit(xs, ys, 1, w=np.sqrt(weights))
    return v_last + slope * years_ahead


# --- The real series named in the issue --------------------------------------------------------------------


def test_digital_economy_share_is_on_track_for_20_percent_in_2025():
    result = share(DIGITAL_ECONOMY_SHARE, DIGITAL_ECONOMY_GOALS, DIGITAL_ECONOMY_PLANS)

    assert result.goal == Goal(2025, ">=", D(20))  # 2025, not 2030: the first goal year not before 2024
    assert (result.latest.period, result.latest.value) == ("2024", D("18.3"))
    assert result.figures_used == 4  # 2022 is given by two documents and counted once
    assert result.gap == D(20) - D("18.3")
    assert result.years_left == 2025 - 2024
    assert result.required_pace == (D(20) - D("18.3")) / 1
    assert result.last_pace == D("18.3") - D("16.5")
    assert result.average_pace == (D("18.3") - D("11.91")) / 3
    assert result.progress == (D("18.3") - D("11.91")) / (D(20) - D("11.91"))

    expected_projection = weighted_trend_projection([(2021, 11.91), (2022, 14.26), (2023, 16.5), (2024, 18.3)], 1)
    assert result.projection == Projection.LINEAR
    assert float(result.projected_value) == pytest.approx(expected_projection, rel=1e-12)
    q = (expected_projection - 18.3) / (20 - 18.3)
    assert float(result.projected_share) == pytest.approx(q, rel=1e-12)
    assert 0.95 <= q < 1.3
    assert result.flag == Flag.ON_TRACK

    actual_cagr = (18.3 / 11.91) ** (1 / 3) - 1
    required_cagr = (20 / 11.91) ** (1 / 4) - 1
    assert float(result.ratio) == pytest.approx(actual_cagr / required_cagr, rel=1e-12)

    assert result.provisional and result.provisional_in_trend  # all PTIT estimates: the result says so
    milestone = result.milestone
    assert (milestone.plan.year, milestone.plan.value, milestone.met) == (2024, D("17.5"), True)
    assert milestone.gap == D("17.5") - D("18.3")


def test_as_of_today_the_goal_to_steer_to_is_the_next_goal_year_not_yet_past():
    """Late 2026: 2025 is over, so 1.1 steers to 2030 (≥ 30%), whatever its latest figure's year; the 2025 goal
    gets a verdict instead."""
    in_2025 = share(DIGITAL_ECONOMY_SHARE, DIGITAL_ECONOMY_GOALS, today=date(2025, 12, 31))
    assert in_2025.goal.year == 2025 and in_2025.past_goals == ()

    now = share(DIGITAL_ECONOMY_SHARE, DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    assert now.goal == Goal(2030, ">=", D(30))
    assert now.years_left == 2030 - 2024
    assert now.required_pace == (D(30) - D("18.3")) / 6
    assert [p.goal.year for p in now.past_goals] == [2025]

    reached = share([*DIGITAL_ECONOMY_SHARE, Point(2025, 0, D("20.1"))], DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    assert reached.goal.year == 2030 and not reached.provisional


def test_a_goal_year_already_past_gets_a_final_verdict_met_missed_or_pending():
    """Decision 411's 2025 goals, judged in late 2026 on the 2025 figure: met, missed, or pending until the
    statistics office publishes it, naming the figure and the trend the verdict would rest on."""
    met = share([*DIGITAL_ECONOMY_SHARE, Point(2025, 0, D("20.1"))], DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    (verdict,) = met.past_goals
    assert verdict.verdict == Verdict.MET and verdict.figure.value == D("20.1") and verdict.gap == D("-0.1")

    missed = share([*DIGITAL_ECONOMY_SHARE, Point(2025, 0, D("19.2"))], DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    assert missed.past_goals[0].verdict == Verdict.MISSED and missed.past_goals[0].gap == D("0.8")

    # For a share the Q4 figure stands at the end of the year, as the yearly figure does.
    fourth_quarter = share([*DIGITAL_ECONOMY_SHARE, Point(2025, 4, D("20.5"))], DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    assert fourth_quarter.past_goals[0].verdict == Verdict.MET

    pending = share(DIGITAL_ECONOMY_SHARE, DIGITAL_ECONOMY_GOALS, today=LATE_2026).past_goals[0]
    assert pending.verdict == Verdict.PENDING and pending.figure is None
    assert pending.basis.period == "2024" and pending.basis.value == D("18.3")
    window = [(2021, 11.91), (2022, 14.26), (2023, 16.5), (2024, 18.3)]
    assert float(pending.projected_value) == pytest.approx(weighted_trend_projection(window, 1), rel=1e-9)
    assert pending.projection == Projection.LINEAR

    # A 2026 figure does not stand in for the missing 2025 one.
    later_only = share([*DIGITAL_ECONOMY_SHARE, Point(2026, 1, D("21"))], DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    assert later_only.past_goals[0].verdict == Verdict.PENDING and later_only.past_goals[0].basis.period == "2024"

    nothing = share([], [Goal(2025, ">", D(50)), Goal(2030, ">", D(70))], today=LATE_2026).past_goals[0]
    assert nothing.verdict == Verdict.PENDING and nothing.basis is None and nothing.projected_value is None

    text_only = share([], [Goal(2025, "", None, "Theo Kế hoạch của Bộ Y tế")], today=LATE_2026).past_goals[0]
    assert text_only.verdict == Verdict.NO_NUMERIC_TARGET


def test_adults_with_a_smartphone_already_far_beyond_the_2025_goal():
    result = share([Point(2022, 0, D(85), True)], [Goal(2025, ">=", D(80)), Goal(2030, ">=", D(95))])
    assert result.goal.year == 2025
    assert result.met and result.gap == D(80) - D(85)
    assert result.required_pace is None  # nothing more is needed
    assert -result.gap >= FAR_AHEAD_MARGIN * 80
    assert result.flag == Flag.FAR_AHEAD  # one figure is enough once the goal is met
    assert result.provisional


def test_a_goal_met_by_less_than_5_percent_of_its_value_is_met_not_far_ahead():
    assert share([Point(2022, 0, D(83))], [Goal(2025, ">=", D(80))]).flag == Flag.TARGET_MET
    assert share([Point(2022, 0, D(84))], [Goal(2025, ">=", D(80))]).flag == Flag.FAR_AHEAD


def test_digital_signatures_one_figure_is_too_little_to_judge_but_the_required_pace_is_known():
    result = share([Point(2021, 0, D("0.34"))], [Goal(2025, ">", D(50))])
    assert result.flag == Flag.INSUFFICIENT_DATA
    assert result.gap == D(50) - D("0.34")
    assert result.required_pace == (D(50) - D("0.34")) / (2025 - 2021)
    assert result.projected_value is None and result.ratio is None and result.last_pace is None


def test_an_indicator_with_a_goal_and_no_figure():
    result = share([], [Goal(2025, ">", D("0.7"))])
    assert result.flag == Flag.INSUFFICIENT_DATA
    assert result.latest is None and result.gap is None


# --- Comparators ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparator", "higher_is_better", "value", "expected"),
    [
        (">=", True, "50", True), (">=", True, "49.99", False),
        (">", True, "50", False), (">", True, "50.01", True),
        ("<=", False, "50", True), ("<=", False, "50.01", False),
        ("<", False, "50", False), ("<", False, "49.99", True),
        ("=", True, "50", True), ("=", True, "49.99", False), ("=", True, "55", True),
        ("=", False, "50", True), ("=", False, "50.01", False),
        ("~", True, "47.5", True), ("~", True, "47.49", False), ("~", True, "60", True),
        ("~", False, "52.5", True), ("~", False, "52.51", False),
    ],
)  # fmt: skip
def test_each_comparator_counts(comparator, higher_is_better, value, expected):
    assert is_met(D(value), comparator, D(50), higher_is_better) is expected


def test_above_50_is_not_met_by_50():
    points = [Point(2023, 0, D(49)), Point(2024, 0, D(50))]
    strict = share(points, [Goal(2025, ">", D(50))])
    at_least = share(points, [Goal(2025, ">=", D(50))])
    assert at_least.met and at_least.flag == Flag.TARGET_MET  # projected 51: beyond 50 by less than 5%
    assert not strict.met and strict.gap == 0 and strict.projected_share is None
    assert strict.flag == Flag.ON_TRACK  # rising: it will pass 50, but nothing is met yet

    fast = [Point(2023, 0, D(45)), Point(2024, 0, D(50))]
    assert share(fast, [Goal(2025, ">=", D(50))]).flag == Flag.FAR_AHEAD  # met, and 55 in 2025 clears 50 by 10%
    assert share(fast, [Goal(2025, ">", D(50))]).flag == Flag.FAR_AHEAD


def test_an_unknown_comparator_is_an_error():
    with pytest.raises(ValueError):
        is_met(D(1), "≥", D(1), True)


# --- Direction, trend flags ----------------------------------------------------------------------------------

RISING_2_A_YEAR = [Point(2022, 0, D(10)), Point(2023, 0, D(12)), Point(2024, 0, D(14))]


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        # projected 2025 value 16 (the trend is exactly linear); Q = (16 − 14) / (goal − 14)
        ("15.2", Flag.FAR_AHEAD),  # Q = 1.67 and 16 clears 15.2 by 0.8 ≥ 5% of 15.2
        ("15.5", Flag.ON_TRACK),  # Q = 1.33 but 16 clears 15.5 by only 0.5 < 0.775
        ("16", Flag.ON_TRACK),  # Q = 1
        ("16.1", Flag.ON_TRACK),  # Q = 0.952
        ("16.2", Flag.ACCELERATE),  # Q = 0.909
        ("17.3", Flag.ACCELERATE),  # Q = 0.606
        ("17.4", Flag.OFF_TRACK),  # Q = 0.588
    ],
)
def test_the_flag_follows_the_projected_share_of_the_needed_progress(goal, expected):
    result = share(RISING_2_A_YEAR, [Goal(2025, ">=", D(goal))])
    assert result.projected_value == 16
    assert result.projected_share == (D(16) - 14) / (D(goal) - 14)
    assert result.flag == expected
    assert (result.flag == Flag.FAR_AHEAD) == (
        result.projected_share >= FAR_AHEAD_Q and result.projected_value - D(goal) >= FAR_AHEAD_MARGIN * D(goal)
    )


def test_a_falling_share_of_a_higher_is_better_indicator_is_regressing():
    result = share(reversed_values(RISING_2_A_YEAR), [Goal(2025, ">=", D(20))])
    assert result.last_pace == -2 and result.projected_share < 0
    assert result.flag == Flag.REGRESSING


def test_a_flat_share_is_off_track():
    flat = [Point(2023, 0, D(30)), Point(2024, 0, D(30))]
    result = share(flat, [Goal(2025, ">", D(50))])
    assert result.projected_share == 0 and result.flag == Flag.OFF_TRACK


def reversed_values(points):
    values = [p.value for p in points][::-1]
    return [Point(p.year, p.quarter, v) for p, v in zip(points, values, strict=True)]


def test_lower_is_better_falling_towards_its_ceiling():
    # An incident rate that must fall to at most 5 in 2025: 10, 8, 6.5 from 2022 to 2024.
    points = [Point(2022, 0, D(10)), Point(2023, 0, D(8)), Point(2024, 0, D("6.5"))]
    result = share(points, [Goal(2025, "<=", D(5))], higher_is_better=False)
    assert result.gap == D("6.5") - D(5)  # positive: still to go, downwards
    assert result.required_pace == D(5) - D("6.5")
    expected = weighted_trend_projection([(2022, 10), (2023, 8), (2024, 6.5)], 1)
    assert float(result.projected_value) == pytest.approx(expected, rel=1e-12)
    assert float(result.projected_share) == pytest.approx((expected - 6.5) / (5 - 6.5), rel=1e-12)
    assert result.flag == Flag.ON_TRACK

    rising = share(reversed_values(points), [Goal(2025, "<=", D(5))], higher_is_better=False)
    assert rising.latest.value == 10 and rising.flag == Flag.REGRESSING  # 6.5 → 10 is the wrong way
    met = share([Point(2024, 0, D("4.5"))], [Goal(2025, "<", D(5))], higher_is_better=False)
    assert met.met and met.gap == D("-0.5") and met.flag == Flag.FAR_AHEAD  # 0.5 below is 10% of 5


def test_an_equal_target_follows_the_indicator_direction():
    lower = share([Point(2024, 0, D(4))], [Goal(2025, "=", D(5))], higher_is_better=False)
    higher = share([Point(2024, 0, D(4))], [Goal(2025, "=", D(5))], higher_is_better=True)
    assert lower.met and lower.gap == -1
    assert not higher.met and higher.gap == 1


# --- Targets that cannot be judged, goals in the past ---------------------------------------------------------


def test_a_text_only_target_has_no_numeric_target_flag():
    text = Goal(2025, "", None, "Theo Kế hoạch của Bộ Y tế")
    result = share(RISING_2_A_YEAR, [text, Goal(2030, ">", D(50))])
    assert result.goal == text  # the period goal is 2025, and it is only a text
    assert result.flag == Flag.NO_NUMERIC_TARGET
    assert result.gap is None


def test_an_indicator_without_a_period_goal_has_no_numeric_target_flag():
    result = share(RISING_2_A_YEAR, [], plans=[Goal(2024, "~", D(8))])
    assert result.goal is None and result.flag == Flag.NO_NUMERIC_TARGET
    assert result.milestone.met is True  # "khoảng 8%" and the figure is beyond it
    assert result.milestone.gap == D(8) - D(14)


def test_a_goal_year_already_past_is_judged_overdue():
    points = [Point(2024, 0, D(70)), Point(2026, 0, D(75))]
    result = share(points, [Goal(2025, ">=", D(80))])
    assert result.goal.year == 2025  # no later goal: the last one, already past
    assert result.years_left == -1 and result.required_pace is None and result.projected_value is None
    assert result.overdue and result.flag == Flag.OFF_TRACK
    assert share(points, [Goal(2025, ">=", D(75))]).flag == Flag.TARGET_MET


def test_choose_goal_takes_the_first_goal_year_not_yet_past():
    goals = [Goal(2030, ">=", D(30)), Goal(2025, ">=", D(20))]
    assert choose_goal(goals, date(2024, 1, 1)).year == 2025
    assert choose_goal(goals, date(2025, 12, 31)).year == 2025  # the goal year itself is not yet past
    assert choose_goal(goals, date(2026, 1, 1)).year == 2030
    assert choose_goal(goals, date(2031, 1, 1)).year == 2030  # every goal year past: the last one, overdue
    assert choose_goal([], date(2026, 1, 1)) is None


def test_a_goal_met_today_but_projected_to_be_missed_asks_for_remedies_not_a_higher_target():
    """Principle 3 ("động, kịp thời") asks for a raised target only when the figures far exceed it for good: 95,
    90, 85 against "≥ 80% in 2030" is met today but the trend reaches about 55%: remedies to hold the gain."""
    falling = [Point(2022, 0, D(95)), Point(2023, 0, D(90)), Point(2024, 0, D(85))]
    result = share(falling, [Goal(2030, ">=", D(80))], today=LATE_2026)
    assert result.met and result.flag == Flag.AT_RISK and result.needs_action and result.needs_remedies
    expected = weighted_trend_projection([(2022, 95), (2023, 90), (2024, 85)], 6)
    assert float(result.projected_value) == pytest.approx(expected) and expected < 80

    holding = [Point(2022, 0, D(85)), Point(2023, 0, D(86)), Point(2024, 0, D(88))]
    assert share(holding, [Goal(2030, ">=", D(80))], today=LATE_2026).flag == Flag.FAR_AHEAD
    barely = [Point(2022, 0, D(84)), Point(2023, 0, D(83)), Point(2024, 0, D(82))]
    assert share(barely, [Goal(2030, ">=", D(80))], today=LATE_2026).flag == Flag.AT_RISK


def test_a_large_projection_is_capped_and_never_raises():
    """An open quantity that jumps from 10 to 100000 against 200000 in 2030: the compound trend explodes; the
    projection is capped at ten times the largest of the goal and the figures, the flag still says far ahead."""
    points = [Point(2023, 0, D(10)), Point(2024, 0, D(100000))]
    result = assess(points=points, goals=[Goal(2030, ">=", D(200000))], today=LATE_2026, share=False)
    assert result.projection == Projection.COMPOUND
    assert result.projected_value == PROJECTION_CAP * D(200000)
    assert result.flag == Flag.FAR_AHEAD
    tiny = [Point(2023, 0, D("0.0001")), Point(2024, 0, D("9999999999.9999"))]
    huge = assess(points=tiny, goals=[Goal(2030, ">=", D("0.0001"))], today=LATE_2026, share=False)
    assert huge.projected_value == PROJECTION_CAP * D("9999999999.9999")


model_values = st.decimals(min_value=D("-9999999999.9999"), max_value=D("9999999999.9999"), places=4)


@settings(max_examples=400, deadline=None)
@given(
    points=st.lists(
        st.builds(
            Point,
            year=st.integers(2000, 2100),
            quarter=st.integers(0, 4),
            value=model_values,
            provisional=st.booleans(),
            document_date=st.sampled_from([None, QD466, CV5473]),
        ),
        max_size=8,
    ),
    goals=st.lists(
        st.builds(
            Goal,
            year=st.integers(2000, 2100),
            comparator=st.sampled_from([">=", ">", "<=", "<", "=", "~"]),
            value=model_values,
        ),
        max_size=3,
        unique_by=lambda g: g.year,
    ),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    higher_is_better=st.booleans(),
    share_measure=st.booleans(),
    bounded=st.booleans(),
)
def test_no_input_in_the_models_range_raises(points, goals, today, higher_is_better, share_measure, bounded):
    bounds = {"lower_bound": D(0), "upper_bound": HUNDRED} if bounded else {}
    result = assess(
        points=points, goals=goals, today=today, higher_is_better=higher_is_better, share=share_measure, **bounds
    )
    for value in (result.projected_value, result.projected_share, result.ratio, result.gap, result.required_pace):
        assert value is None or value.is_finite()


# --- Quarters, duplicates, open-ended quantities -------------------------------------------------------------


def test_quarterly_figures_of_a_share_are_judged_on_the_latest_value_with_fractional_years():
    points = [Point(2023, 0, D("16.5")), Point(2024, 0, D("18.3")), Point(2025, 2, D("19.4"))]
    result = share(points, DIGITAL_ECONOMY_GOALS)
    assert period_time(2025, 2) == D("2024.5")
    assert result.latest.period == "2025Q2" and result.goal.year == 2025
    assert result.years_left == D("0.5")
    assert result.required_pace == (D(20) - D("19.4")) / D("0.5")
    assert result.last_pace == (D("19.4") - D("18.3")) / D("0.5")


def test_quarterly_figures_of_an_open_ended_quantity_are_left_out():
    points = [Point(2023, 0, D("0.4")), Point(2024, 0, D("0.5")), Point(2025, 1, D("0.1"))]
    result = assess(points=points, goals=[Goal(2025, ">", D("0.7"))], share=False, today=MID_2025)
    assert result.latest.period == "2024" and result.figures_used == 2


def test_an_open_ended_quantity_is_projected_at_its_compound_growth():
    # Digital-technology enterprises per 1,000 people (1.7): goal > 0.7 in 2025.
    points = [Point(2023, 0, D("0.4")), Point(2024, 0, D("0.5"))]
    result = assess(points=points, goals=[Goal(2025, ">", D("0.7"))], share=False, lower_bound=D(0), today=MID_2025)
    growth = 0.5 / 0.4 - 1
    assert result.projection == Projection.COMPOUND
    assert float(result.actual_cagr) == pytest.approx(growth)
    assert float(result.projected_value) == pytest.approx(0.5 * (1 + growth))
    assert float(result.projected_share) == pytest.approx((0.625 - 0.5) / (0.7 - 0.5))
    assert result.flag == Flag.ACCELERATE


def test_one_figure_per_period_official_first_then_the_latest_document():
    official = Point(2022, 0, D(80), False, date(2023, 1, 1))
    later_estimate = Point(2022, 0, D(90), True, date(2024, 1, 1))
    earlier_estimate = Point(2022, 0, D(70), True, date(2023, 6, 1))
    assert series([later_estimate, official, earlier_estimate]) == [official]
    assert series([earlier_estimate, later_estimate]) == [later_estimate]
    yearly, fourth_quarter = Point(2024, 0, D(18)), Point(2024, 4, D(17))
    assert series([fourth_quarter, yearly]) == [yearly]
    tie_a, tie_b = Point(2023, 0, D(10), False, QD466), Point(2023, 0, D(11), False, QD466)
    assert series([tie_a, tie_b]) == series([tie_b, tie_a]) == [tie_a]  # the less favourable one


# --- Properties ---------------------------------------------------------------------------------------------

# How good a flag is, for the monotonicity property. insufficient_data never turns into a trend flag when a value
# changes (the number of figures does not change), so its place only has to be below the "met" flags.
STANDING = {
    Flag.REGRESSING: 0,
    Flag.OFF_TRACK: 1,
    Flag.INSUFFICIENT_DATA: 1,
    Flag.ACCELERATE: 2,
    Flag.ON_TRACK: 3,
    Flag.AT_RISK: 3.5,  # met today, the trend short by the goal year: better than not met, worse than holding
    Flag.TARGET_MET: 4,
    Flag.FAR_AHEAD: 5,
}

values = st.decimals(min_value=0, max_value=100, places=2)
positive_values = st.decimals(min_value=D("0.01"), max_value=1000, places=2)
document_dates = st.sampled_from([None, QD466, CV5473, date(2025, 4, 5)])


def points_strategy(value_strategy, *, quarters=True):
    return st.lists(
        st.builds(
            Point,
            year=st.integers(2018, 2026),
            quarter=st.integers(0, 4) if quarters else st.just(0),
            value=value_strategy,
            provisional=st.booleans(),
            document_date=document_dates,
        ),
        min_size=1,
        max_size=8,
    )


@st.composite
def trending_share(draw):
    """A yearly series with a trend and some noise, and a 2025 goal near where the trend leads: the cases where
    the flag sits between on_track, accelerate and off_track, which random values seldom reach."""
    years = draw(st.integers(2, 5))
    start = draw(st.decimals(min_value=0, max_value=60, places=1))
    slope = draw(st.decimals(min_value=-3, max_value=8, places=1))
    noise = st.decimals(min_value=D("-0.5"), max_value=D("0.5"), places=2)
    first_year = 2024 - years + 1
    points = [
        Point(first_year + i, 0, max(D(0), start + slope * i + draw(noise)), draw(st.booleans())) for i in range(years)
    ]
    share_of_needed = draw(st.decimals(min_value=D("0.3"), max_value=D("2.5"), places=2))
    goal_value = min(HUNDRED, max(D(0), points[-1].value + slope / share_of_needed))
    goal = Goal(2025, draw(st.sampled_from([">=", ">", "=", "~"])), goal_value.quantize(D("0.01")))
    return points, [goal]


def goals_strategy(value_strategy, comparators):
    goal = st.builds(
        Goal, year=st.sampled_from([2025, 2030]), comparator=st.sampled_from(comparators), value=value_strategy
    )
    return st.lists(goal, min_size=1, max_size=2, unique_by=lambda g: g.year)


def raise_latest(points, *, delta, share_measure, higher_is_better=True):
    """Move every figure of the latest period by delta (all of them, so the same one stays chosen)."""
    latest_time = series(points, share=share_measure, higher_is_better=higher_is_better)[-1].time
    return [
        Point(p.year, p.quarter, p.value + delta, p.provisional, p.document_date)
        if p.time == latest_time and (share_measure or p.quarter == 0)
        else p
        for p in points
    ]


@settings(max_examples=600, deadline=None)
@given(
    case=st.one_of(st.tuples(points_strategy(values), goals_strategy(values, [">=", ">", "=", "~"])), trending_share()),
    delta=st.one_of(
        st.decimals(min_value=D("0.01"), max_value=D("0.5"), places=2),
        st.decimals(min_value=D("0.01"), max_value=50, places=2),
    ),
)
def test_raising_the_latest_value_never_worsens_the_flag_of_a_higher_is_better_share(case, delta):
    points, goals = case
    before = share(points, goals)
    after = share(raise_latest(points, delta=delta, share_measure=True), goals)
    event(f"{before.flag} → {after.flag}")
    assert STANDING.get(after.flag, -1) >= STANDING.get(before.flag, -1), (before, after)


@settings(max_examples=300, deadline=None)
@given(
    points=points_strategy(positive_values, quarters=False),
    goals=goals_strategy(positive_values, [">=", ">", "=", "~"]),
    delta=st.decimals(min_value=D("0.01"), max_value=500, places=2),
)
def test_raising_the_latest_value_never_worsens_the_flag_of_an_open_ended_quantity(points, goals, delta):
    judge = dict(goals=goals, share=False, lower_bound=D(0), today=MID_2025)
    before = assess(points=points, **judge)
    after = assess(points=raise_latest(points, delta=delta, share_measure=False), **judge)
    event(f"{before.flag} → {after.flag}")
    assert STANDING[after.flag] >= STANDING[before.flag], (before, after)


@settings(max_examples=300, deadline=None)
@given(
    points=points_strategy(values),
    goals=goals_strategy(values, ["<=", "<", "=", "~"]),
    delta=st.decimals(min_value=D("0.01"), max_value=50, places=2),
)
def test_lowering_the_latest_value_never_worsens_the_flag_of_a_lower_is_better_share(points, goals, delta):
    before = share(points, goals, higher_is_better=False)
    lowered = raise_latest(points, delta=-delta, share_measure=True, higher_is_better=False)
    after = share(lowered, goals, higher_is_better=False)
    assert STANDING[after.flag] >= STANDING[before.flag], (before, after)


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    points=points_strategy(values),
    goals=goals_strategy(values, [">=", ">", "<=", "<", "=", "~"]),
    higher_is_better=st.booleans(),
    share_measure=st.booleans(),
)
def test_the_result_never_depends_on_the_order_figures_were_entered(
    data, points, goals, higher_is_better, share_measure
):
    reordered = data.draw(st.permutations(points))
    judge = dict(
        goals=goals, higher_is_better=higher_is_better, share=share_measure, upper_bound=HUNDRED, today=MID_2025
    )
    assert assess(points=reordered, **judge) == assess(points=points, **judge)


# --- Where the method contradicted its own numbers (cross-checked against Open SDG's progress measure) -------


def yearly(first_year, *values):
    return [Point(first_year + i, 0, D(str(v))) for i, v in enumerate(values)]


def test_a_share_rising_over_its_recent_years_is_not_regressing():
    """90, 70, 74, 78 toward ≥ 80 in 2025: the old 90 dragged the weighted slope below zero ("đi lùi") while the
    sentence said it rose 4 points a year. The trend is the recent run, 70 → 74 → 78: 82 in 2025."""
    result = share(yearly(2021, 90, 70, 74, 78), [Goal(2025, ">=", D(80))])
    assert result.last_pace == 4 and result.trend_pace == 4
    assert result.trend_start.year == 2022
    assert result.projected_value == 82 and result.projected_share == 2
    assert result.flag == Flag.ON_TRACK  # 82 clears 80 by 2, less than 5% of 80: on track, not far ahead


def test_a_falling_run_is_not_pulled_up_by_an_older_low_figure():
    """The mirror image: 10, 30, 26, 22 toward ≥ 40 falls over its recent years whatever the old 10 says."""
    result = share(yearly(2021, 10, 30, 26, 22), [Goal(2025, ">=", D(40))])
    assert result.trend_pace <= -4 and result.projected_value <= 18
    assert result.flag == Flag.REGRESSING


def test_a_stalled_quantity_is_never_far_ahead():
    """1,37 → 4,94, then 4,94 and 4,94 toward ~ 9,99 in 2030: compound growth across the one jump projected far
    beyond the goal ("vượt xa"). Two years without change is a stall: nothing is projected to move."""
    result = assess(points=yearly(2021, "1.37", "4.94", "4.94", "4.94"), goals=[Goal(2030, "~", D("9.99"))],
                    today=LATE_2026, share=False, lower_bound=D(0))  # fmt: skip
    assert result.trend_pace == 0 and result.projection == Projection.LINEAR
    assert result.projected_value == D("4.94") and result.projected_share == 0
    assert result.flag == Flag.OFF_TRACK


def test_a_quantity_growing_by_a_step_then_stalling_once_is_not_compounded_across_the_step():
    result = assess(points=yearly(2022, "1.37", "4.94", "4.94"), goals=[Goal(2030, "~", D("9.99"))],
                    today=LATE_2026, share=False, lower_bound=D(0))  # fmt: skip
    assert result.projection == Projection.LINEAR and result.flag != Flag.FAR_AHEAD


def test_a_count_falling_toward_zero_is_judged_on_a_linear_path():
    """5, 4, 3, 2, 1 toward ≤ 0 in 2025: compound decay never reaches 0 ("cần đẩy nhanh"); one a year does."""
    result = assess(points=yearly(2020, 5, 4, 3, 2, 1), goals=[Goal(2025, "<=", D(0))], today=MID_2025,
                    share=False, higher_is_better=False, lower_bound=D(0))  # fmt: skip
    assert result.projection == Projection.LINEAR
    assert result.projected_value == 0 and result.projected_share == 1
    assert result.flag == Flag.ON_TRACK


def test_an_about_goal_asks_for_the_pace_to_its_nominal_value():
    """ "Khoảng 6%" is met from 5,7; the pace asked is still the one to 6 itself."""
    result = share(yearly(2023, "5.5", "5.8"), [Goal(2025, "~", D(6))])
    assert result.met and result.gap == D("0.2")
    assert result.required_pace == D("0.2")
    short = share(yearly(2023, "4.5", "5"), [Goal(2025, "~", D(6))])
    assert short.required_pace == 1 and short.projected_share == (short.projected_value - 5) / 1


def test_the_pace_the_flag_rests_on_and_a_series_slowing_year_after_year():
    """1.1 in late 2026: the flag rests on the weighted trend 2021–2024 (2,06 a year, reaching 30,66% in 2030), not
    on the last step (1,8 a year, which would reach 29,1%); the increments shrink, 2,35 → 2,24 → 1,8."""
    result = share(DIGITAL_ECONOMY_SHARE, DIGITAL_ECONOMY_GOALS, today=LATE_2026)
    window = [(2021, 11.91), (2022, 14.26), (2023, 16.5), (2024, 18.3)]
    slope = (weighted_trend_projection(window, 1) - 18.3) / 1
    assert float(result.trend_pace) == pytest.approx(slope, rel=1e-9)
    assert result.trend_start.year == 2021
    assert float(result.projected_value) == pytest.approx(18.3 + 6 * slope, rel=1e-9)
    assert result.recent_paces == (D("2.35"), D("2.24"), D("1.8"))
    assert result.slowing and result.flag == Flag.ON_TRACK
    steady = share(yearly(2021, 10, 12, 14, 16), [Goal(2030, ">=", D(30))], today=LATE_2026)
    assert not steady.slowing
    once = share(yearly(2022, 10, 13, 15), [Goal(2030, ">=", D(30))], today=LATE_2026)
    assert not once.slowing  # one smaller step is not "year after year"


# --- Edges a mutation run found untested ------------------------------------------------------------------


def test_a_share_met_but_falling_below_zero_is_held_at_zero_and_at_risk():
    """The trend of 100, 60, 20 crosses 0 before 2030: the value shown is the lower bound, and the flag asks to
    hold the gain (not far ahead: the projection misses ≥ 10)."""
    result = share(yearly(2022, 100, 60, 20), [Goal(2030, ">=", D(10))], today=LATE_2026)
    assert result.met and result.projected_value == 0
    assert result.flag == Flag.AT_RISK


def test_the_trend_window_holds_a_figure_exactly_five_years_back_and_not_six():
    five = share(yearly(2019, 10) + yearly(2024, 20), [Goal(2030, ">=", D(50))], today=LATE_2026)
    assert five.window_start.year == 2019 and five.average_pace == 2 and five.projected_value == 32
    assert five.flag == Flag.OFF_TRACK  # Q = 12 / 30
    six = share(yearly(2018, 10) + yearly(2024, 20), [Goal(2030, ">=", D(50))], today=LATE_2026)
    assert six.window_start is None and six.flag == Flag.INSUFFICIENT_DATA


@pytest.mark.parametrize(
    ("values", "goal", "expected"),
    [
        ((0, 19), 39, Flag.ON_TRACK),  # 38 in 2025: Q = 19 / 20 = 0,95 exactly
        ((0, 3), 8, Flag.ACCELERATE),  # 6 in 2025: Q = 3 / 5 = 0,6 exactly
        ((0, 13), 23, Flag.FAR_AHEAD),  # 26 in 2025: Q = 13 / 10 = 1,3 exactly, and 26 clears 23 by 3 ≥ 1,15
        ((15, 18), 20, Flag.FAR_AHEAD),  # 21 in 2025 clears 20 by 1, exactly 5% of 20 (Q = 1,5)
        ((15, 18), "20.01", Flag.ON_TRACK),  # 21 clears 20,01 by 0,99, less than 5% of it
    ],
)
def test_the_thresholds_hold_at_their_exact_values(values, goal, expected):
    result = share(yearly(2023, *values), [Goal(2025, ">=", D(goal))])
    assert result.projected_value == 2 * values[1] - values[0]
    assert result.flag == expected


def test_a_goal_of_zero_met_exactly_is_met_not_far_ahead():
    for comparator in ("<=", "=", "~"):
        result = assess(points=yearly(2023, 2, 0), goals=[Goal(2025, comparator, D(0))], today=MID_2025,
                        share=False, higher_is_better=False, lower_bound=D(0))  # fmt: skip
        assert result.met and result.gap == 0 and result.flag == Flag.TARGET_MET, comparator
    assert not is_met(D("0.0001"), "<=", D(0), False) and not is_met(D(0), "<", D(0), False)


def test_a_plan_that_is_only_a_text_keeps_its_milestone():
    plan = Goal(2024, "", None, "Theo Kế hoạch của Bộ Công Thương")
    result = share(yearly(2023, "7.5", "8"), [Goal(2025, ">", D(10))], plans=[plan])
    assert result.milestone is not None and result.milestone.plan == plan
    assert result.milestone.met is None and result.milestone.gap is None and result.milestone.figure.value == 8
    assert share(yearly(2023, "7.5"), [Goal(2025, ">", D(10))], plans=[plan]).milestone is None  # not its year


def test_a_stall_after_a_fall_is_a_stall_not_a_fall():
    result = share(yearly(2021, 10, 8, 8, 8), [Goal(2030, ">=", D(20))], today=LATE_2026)
    assert result.trend_pace == 0 and result.trend_start.year == 2022 and result.projected_value == 8
    assert result.flag == Flag.OFF_TRACK


def test_a_latest_figure_of_the_goal_year_itself_draws_no_trend():
    reached = share(yearly(2023, 18, 19, "19.5"), [Goal(2025, ">=", D(20))], today=MID_2025)
    assert reached.years_left == 0 and reached.overdue and reached.flag == Flag.OFF_TRACK
    assert reached.projection is None and reached.projected_value is None and reached.projected_share is None


def test_a_flat_series_sitting_on_a_strict_threshold_is_off_track():
    """ "> 50" at 50 and not moving: Q is undefined (no gap), and nothing takes it past 50."""
    result = share(yearly(2023, 50, 50), [Goal(2025, ">", D(50))])
    assert result.gap == 0 and result.projected_share is None and result.flag == Flag.OFF_TRACK


def test_a_stall_names_its_first_unchanged_figure_and_a_rise_after_flat_years_is_a_rise():
    flat = share(yearly(2022, 30, 30, 30), [Goal(2030, ">", D(50))], today=LATE_2026)
    assert flat.trend_pace == 0 and flat.trend_start.year == 2022
    rising = share(yearly(2020, 5, 5, 5, 5, 7), [Goal(2030, ">=", D(20))], today=LATE_2026)
    assert rising.trend_pace > 0 and rising.trend_start.year == 2020 and rising.projected_value > 7


# --- No goal ahead: an action, and a fall is still going backwards ----------------------------------------------

EARLY_DECEMBER_2026 = date(2026, 12, 7)
# 1.4 as 466 gives it (50% in 2022, an estimate) with a unit's 14,26% for Q4/2026, against "> 80%" in 2025.
FALLING_PAST_ITS_GOAL = [Point(2022, 0, D(50), True, QD466), Point(2026, 4, D("14.26"))]


def test_no_goal_ahead_is_an_action_proposing_a_new_target():
    """1.3's shape: a 2025 goal only, 2025 over. Principle 3 asks that the next goal be proposed: an action."""
    result = share([Point(2024, 0, D(70)), Point(2025, 0, D(75))], [Goal(2025, ">=", D(80))], today=LATE_2026)
    assert result.flag == Flag.NO_GOAL_AHEAD and result.new_goal_needed
    assert result.needs_action and not result.needs_remedies
    assert not result.met and result.gap == 5
    assert share([Point(2024, 0, D(70))], [Goal(2030, ">=", D(80))], today=LATE_2026).new_goal_needed is False


def test_a_fall_as_big_as_1_4s_is_going_backwards_though_no_goal_lies_ahead():
    result = share(FALLING_PAST_ITS_GOAL, [Goal(2025, ">", D(80))], today=EARLY_DECEMBER_2026)
    assert result.flag == Flag.REGRESSING and result.needs_remedies and result.new_goal_needed
    assert result.goal.year == 2025 and result.met is False and result.gap == D("65.74")
    # Two figures: the trend is the straight line through them, 2022.0 → 2026.0 (Q4/2026 stands at the year's end).
    assert result.trend_pace == (D("14.26") - 50) / 4 == result.last_pace == result.average_pace
    assert result.trend_start.year == 2022 and result.previous.year == 2022
    assert result.provisional_in_trend and result.required_pace is None and result.projected_value is None


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([Point(2023, 0, D(60)), Point(2024, 0, D(59))], Flag.REGRESSING),  # any fall away from an unmet goal
        ([Point(2023, 0, D(60)), Point(2024, 0, D(60))], Flag.NO_GOAL_AHEAD),  # flat: not going backwards
        ([Point(2023, 0, D(60)), Point(2024, 0, D(70))], Flag.NO_GOAL_AHEAD),  # rising toward it
        ([Point(2024, 0, D(60))], Flag.NO_GOAL_AHEAD),  # one figure: no trend
        ([Point(2018, 0, D(90)), Point(2024, 0, D(60))], Flag.NO_GOAL_AHEAD),  # 90 is six years back: no trend
        ([Point(2023, 0, D(95)), Point(2024, 0, D(85))], Flag.NO_GOAL_AHEAD),  # falling, but the goal is met
        ([Point(2023, 0, D(95)), Point(2024, 0, D(80))], Flag.NO_GOAL_AHEAD),  # met exactly
    ],
)
def test_going_backwards_with_no_goal_ahead_needs_an_unmet_goal_and_a_trend_away_from_it(points, expected):
    result = share(points, [Goal(2025, ">=", D(80))], today=LATE_2026)
    assert result.flag == expected and result.new_goal_needed


def test_a_lower_is_better_count_rising_past_its_goal_is_going_backwards():
    points = [Point(2023, 0, D(10)), Point(2024, 0, D(12))]
    assert share(points, [Goal(2025, "<=", D(5))], today=LATE_2026).flag == Flag.REGRESSING
    assert share(points, [Goal(2025, "=", D(5))], higher_is_better=False, today=LATE_2026).flag == Flag.REGRESSING
    falling = [Point(2023, 0, D(12)), Point(2024, 0, D(10))]
    assert share(falling, [Goal(2025, "<=", D(5))], today=LATE_2026).flag == Flag.NO_GOAL_AHEAD


@settings(max_examples=300, deadline=None)
@given(
    points=points_strategy(values),
    goals=goals_strategy(values, [">=", ">", "=", "~"]),
    delta=st.decimals(min_value=D("0.01"), max_value=50, places=2),
)
def test_raising_the_latest_value_never_turns_no_goal_ahead_into_going_backwards(points, goals, delta):
    """In 2031 every goal year is past: the flag is no_goal_ahead or regressing, and a higher figure never makes a
    series go backwards."""
    standing = {Flag.REGRESSING: 0, Flag.NO_GOAL_AHEAD: 1}
    before = share(points, goals, today=date(2031, 1, 1))
    after = share(raise_latest(points, delta=delta, share_measure=True), goals, today=date(2031, 1, 1))
    event(f"{before.flag} → {after.flag}")
    assert before.new_goal_needed and after.new_goal_needed
    assert standing[after.flag] >= standing[before.flag], (before, after)


# --- What a mutation run over the engine showed untested ----------------------------------------------------------


def test_a_goal_is_numeric_only_with_both_a_comparator_and_a_value():
    assert Goal(2030, ">=", D(5)).is_numeric
    assert not Goal(2030, "", D(5)).is_numeric and not Goal(2030, ">=", None, "Theo kế hoạch").is_numeric


def test_of_two_figures_of_one_period_a_lower_is_better_indicator_keeps_the_higher_one():
    """The less favourable value: the higher one when lower is better, the lower one when higher is better."""
    same = [Point(2024, 0, D(5), False, QD466), Point(2024, 0, D(7), False, QD466)]
    assert series(same, higher_is_better=False)[0].value == 7
    assert series(same, higher_is_better=True)[0].value == 5


def test_a_first_figure_of_zero_draws_a_linear_trend_and_never_raises():
    result = assess(points=yearly(2022, 0, 5, 10), goals=[Goal(2030, ">=", D(50))], today=LATE_2026, share=False)
    assert result.actual_cagr is None and result.projection == Projection.LINEAR and result.projected_value == 40


def test_a_long_stall_names_its_first_unchanged_figure():
    result = share(yearly(2020, 1, 5, 5, 5, 5), [Goal(2030, ">=", D(50))], today=LATE_2026)
    assert result.trend_pace == 0 and result.trend_start == Point(2021, 0, D(5))


def test_a_rise_then_one_still_year_is_a_rising_run_from_its_low():
    """20, 10, 14, 14: the run 10 → 14 → 14 rises (its last step still), drawn from 10, not from the older 20."""
    points = yearly(2021, 20, 10, 14, 14)
    result = share(points, [Goal(2030, ">=", D(50))], today=LATE_2026)
    run = weighted_trend_projection([(2022, 10), (2023, 14), (2024, 14)], 1) - 14
    assert result.trend_start.year == 2022 and abs(float(result.trend_pace) - run) < 1e-9


def test_a_still_year_inside_a_rising_run_does_not_cut_it():
    """20, 10, 10, 14, 18: the run rises from the first 10 (2022), a still year inside it included."""
    result = share(yearly(2021, 20, 10, 10, 14, 18), [Goal(2030, ">=", D(50))], today=LATE_2026)
    run = weighted_trend_projection([(2022, 10), (2023, 10), (2024, 14), (2025, 18)], 1) - 18
    assert result.trend_start.year == 2022 and abs(float(result.trend_pace) - run) < 1e-9


def test_two_figures_measure_the_way_covered():
    result = share([Point(2023, 0, D(10)), Point(2024, 0, D(20))], [Goal(2030, ">=", D(60))], today=LATE_2026)
    assert result.progress == D("0.2")  # (20 − 10) / (60 − 10)


def test_r_is_the_actual_growth_rate_over_the_required_one():
    """100 in 2022, 121 in 2024: 10% a year; the goal 100 × 1,1⁸ in 2030 asks 10% a year from 2022: R = 1."""
    goal = D(100) * D("1.1") ** 8
    result = assess(points=[Point(2022, 0, D(100)), Point(2024, 0, D(121))], goals=[Goal(2030, ">=", goal)],
                    today=LATE_2026, share=False)  # fmt: skip
    assert abs(result.actual_cagr - D("0.1")) < D("1e-20") and abs(result.ratio - 1) < D("1e-20")


def test_equal_paces_are_not_slowing():
    assert not share(yearly(2021, 0, 3, 5, 7), [Goal(2030, ">=", D(50))], today=LATE_2026).slowing
    assert share(yearly(2021, 0, 3, 5, 6), [Goal(2030, ">=", D(50))], today=LATE_2026).slowing


def test_a_goal_past_with_no_figure_still_needs_a_new_goal():
    result = share([], [Goal(2025, ">=", D(80))], today=LATE_2026)
    assert result.flag == Flag.NO_GOAL_AHEAD and result.new_goal_needed and result.needs_action


def test_a_quantity_falling_to_zero_has_no_growth_rate():
    result = assess(points=yearly(2022, 10, 5, 0), goals=[Goal(2030, ">=", D(50))], today=LATE_2026, share=False)
    assert result.actual_cagr is None and result.ratio is None and result.flag == Flag.REGRESSING


def test_the_way_covered_is_measured_however_small_the_distance_to_the_goal():
    result = share([Point(2023, 0, D("59.5")), Point(2024, 0, D("59.8"))], [Goal(2030, ">=", D(60))], today=LATE_2026)
    assert result.progress == D("0.6")  # (59,8 − 59,5) / (60 − 59,5)
