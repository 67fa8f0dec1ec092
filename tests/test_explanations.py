"""The method's result in words (indicators/explanations.py), without a database: the sentence names the pace the
flag rests on, says when a series slows, and a verdict line resting on an estimate says so."""

from datetime import date
from decimal import Decimal

from django.utils import translation

from indicators.explanations import explain, flag_label, past_goal_line
from indicators.models import Indicator
from indicators.progress import Flag, Goal, Point, assess

D = Decimal
LATE_2026 = date(2026, 11, 30)
SHARE = Indicator(code="1.1", name="Tỷ trọng kinh tế số trên GDP", measure_unit="%", decimals=2)
# 1.1 as Công văn 5473 gives it: PTIT estimates, 2021–2024.
DIGITAL_ECONOMY_SHARE = [
    Point(2021, 0, D("11.91"), True),
    Point(2022, 0, D("14.26"), True),
    Point(2023, 0, D("16.5"), True),
    Point(2024, 0, D("18.3"), True),
]
GOALS = [Goal(2025, ">=", D(20)), Goal(2030, ">=", D(30))]


def _judge(points, goals, **kwargs):
    return assess(points=points, goals=goals, today=LATE_2026, lower_bound=D(0), upper_bound=D(100), **kwargs)


def test_the_sentence_names_the_trend_the_flag_rests_on_and_its_slowing():
    """Not the last step (1,8 a year, which reaches 29,1% by 2030, short of 30%) beside "đúng tiến độ", but the
    weighted trend 2021–2024 (2,06 a year, 30,66% in 2030), and the steps shrinking 2,35 → 2,24 → 1,8."""
    with translation.override("vi"):
        sentence = explain(_judge(DIGITAL_ECONOMY_SHARE, GOALS), SHARE)
    assert sentence == (
        "Cần tăng 1,95 điểm %/năm đến 2030; xu hướng 2021–2024 tăng 2,06 điểm %/năm, chậm dần qua từng năm "
        "(2,35 → 2,24 → 1,8), theo xu hướng này năm 2030 đạt khoảng 30,66%: đúng tiến độ (số liệu tạm ước tính)."
    )


def test_a_rising_run_is_named_from_where_it_starts():
    points = [Point(2021 + i, 0, D(v)) for i, v in enumerate((90, 70, 74, 78))]
    with translation.override("vi"):
        sentence = explain(_judge(points, [Goal(2030, ">=", D(95))]), SHARE)
    assert sentence.startswith("Cần tăng 2,83 điểm %/năm đến 2030; xu hướng 2022–2024 tăng 4 điểm %/năm,")


def test_a_stall_and_a_compound_growth_in_words():
    unit = Indicator(code="9.9", name="thử", measure_unit="doanh nghiệp", decimals=2)
    stalled = [Point(2021 + i, 0, D(v)) for i, v in enumerate(("1.37", "4.94", "4.94", "4.94"))]
    growing = [Point(2022, 0, D(100)), Point(2023, 0, D(110)), Point(2024, 0, D(121))]
    with translation.override("vi"):
        flat = explain(_judge(stalled, [Goal(2030, "~", D("9.99"))], share=False), unit)
        compound = explain(_judge(growing, [Goal(2030, ">=", D(300))], share=False), unit)
    assert "; 2022–2024 không thay đổi, theo xu hướng này năm 2030 đạt khoảng 4,94 doanh nghiệp" in flat
    assert "xu hướng 2022–2024 tăng bình quân 10%/năm (tăng trưởng kép)" in compound


def test_a_verdict_line_resting_on_an_estimate_says_so():
    """1.1's 2025 goal waits for its figure, the line rests on the estimate 18,3% of 2024; 2.1's rests on 85%."""
    with translation.override("vi"):
        (pending,) = _judge(DIGITAL_ECONOMY_SHARE, GOALS).past_goals
        line = past_goal_line(pending, SHARE)
        smartphones = _judge([Point(2022, 0, D(85), True)], [Goal(2025, ">=", D(80)), Goal(2030, ">=", D(95))])
        passed = past_goal_line(smartphones.past_goals[0], SHARE)
        official = _judge([Point(2024, 0, D("18.3"))], GOALS).past_goals[0]
        official_line = past_goal_line(official, SHARE)
    assert line.startswith("Mục tiêu 2025 (≥ 20%): chờ số liệu năm 2025; số liệu gần nhất trước đó là 18,3% (năm 2024)")
    assert line.endswith(" (số liệu tạm ước tính)")
    assert passed == ("Mục tiêu 2025 (≥ 80%): chờ số liệu năm 2025; đã vượt từ năm 2022 (85%) (số liệu tạm ước tính)")
    assert "tạm ước tính" not in official_line


def test_an_indicator_with_yearly_plans_only_says_it_has_no_goal():
    plans = [Goal(2023, "~", D(6)), Goal(2024, "~", D(8))]
    with translation.override("vi"):
        sentence = explain(_judge([Point(2024, 0, D(7))], [], plans=plans), SHARE)
    assert sentence == "Chỉ tiêu này chưa có mục tiêu chiến lược."


def test_no_goal_ahead_is_stated_as_the_action_in_both_languages():
    """The chip says what to do, in Vietnamese as in English: propose a new target."""
    with translation.override("vi"):
        assert flag_label(Flag.NO_GOAL_AHEAD) == "Cần đề xuất mục tiêu mới"
    with translation.override("en"):
        assert flag_label(Flag.NO_GOAL_AHEAD) == "Propose a new target"


def test_going_backwards_with_no_goal_ahead_says_the_fall_and_the_new_goal():
    """1.4: 50% in 2022 (466's estimate), 14,26% in Q4/2026, against "> 80%" in 2025 and nothing after."""
    points = [Point(2022, 0, D(50), True), Point(2026, 4, D("14.26"))]
    result = assess(points=points, goals=[Goal(2025, ">", D(80))], today=date(2026, 12, 7), upper_bound=D(100))
    with translation.override("vi"):
        sentence = explain(result, SHARE)
    assert sentence == (
        "Quý 4/2026 đạt 14,26%, còn thiếu 65,74 điểm % so với mục tiêu 2025 (> 80%); xu hướng 2022–Quý 4/2026 giảm "
        "8,94 điểm %/năm: đi lùi, cần có giải pháp; chưa có mục tiêu nào sau năm 2025: cần đề xuất mục tiêu mới "
        "(số liệu tạm ước tính)."
    )
