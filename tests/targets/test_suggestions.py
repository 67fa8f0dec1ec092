"""The next period's suggestion (targets/suggestions.py), without a database: each year's value, its method and the
numbers behind it."""

from datetime import date
from decimal import Decimal

from indicators.progress import Point
from targets.suggestions import DOCUMENT, DOCUMENT_PATH, GOAL, PACE, PLAN, TREND, InForce, Measure, suggest

D = Decimal
LATE_2026 = date(2026, 12, 7)
SHARE = Measure(higher_is_better=True, share=True, decimals=2, lower_bound=D(0), upper_bound=D(100))
FORUM = "Báo cáo Diễn đàn Kinh tế số 2023"


def _suggest(points, in_force):
    return suggest(points=points, in_force=in_force, first_year=2026, goal_year=2030, today=LATE_2026, measure=SHARE)


def test_with_no_figure_the_plans_run_from_the_last_goal_to_the_higher_documents_end_goal():
    """1.2.2 (the other sectors): no figure; ≥ 10% in 2025 (466) and ≥ 20% in 2030 (the forum report). The plans
    rise 2 points a year from the 2025 goal, not a flat 10% under a 20% goal."""
    in_force = {
        (2025, GOAL): InForce(">=", D(10), "Tối thiểu 10%", "QĐ 466"),
        (2030, GOAL): InForce(">=", D(20), "đến năm 2030 đạt tối thiểu 20%", FORUM),
        (2023, PLAN): InForce("", None, "Ngành, lĩnh vực khác theo Kế hoạch của ngành, lĩnh vực."),
    }
    values = _suggest([], in_force)
    assert [(v.year, v.method, v.comparator, v.value) for v in values] == [
        (2026, DOCUMENT_PATH, ">=", D(12)),
        (2027, DOCUMENT_PATH, ">=", D(14)),
        (2028, DOCUMENT_PATH, ">=", D(16)),
        (2029, DOCUMENT_PATH, ">=", D(18)),
        (2030, DOCUMENT, ">=", D(20)),
    ]
    basis = values[0].basis
    assert (basis.start, basis.start_year, basis.goal, basis.step, basis.document) == (D(10), 2025, D(20), D(2), FORUM)


def test_with_a_figure_the_path_starts_from_the_figure():
    in_force = {(2025, GOAL): InForce(">=", D(20), "20%"), (2030, GOAL): InForce(">=", D(30), "30%", "QĐ 411")}
    values = _suggest([Point(2024, 0, D("18.3"), True)], in_force)
    assert values[0].method == DOCUMENT_PATH and values[0].basis.latest.value == D("18.3")
    assert values[0].value == D("22.20")  # 18,3 + 2 × (30 − 18,3) / 6


def test_without_an_end_goal_the_trend_else_the_last_pace():
    in_force = {(2023, PLAN): InForce(">=", D(50), "50%"), (2025, GOAL): InForce(">=", D(90), "90%")}
    assert {v.method for v in _suggest([], in_force)} == {PACE}
    trend = _suggest([Point(2023, 0, D(40)), Point(2024, 0, D(50))], in_force)
    assert {v.method for v in trend} == {TREND} and all(v.value <= 100 for v in trend)
