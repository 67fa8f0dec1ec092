"""The measurement of the rules: planted slips at known places are counted found or missed, recorded figures
flagged are counted false alarms; the command runs it on generated data."""

import random
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command

from indicators.benchmark_data import SIZES, benchmark_data_generate
from quality.defaults import DEFAULT_RULES
from quality.measure import Series, measure, slip
from quality.rules import RuleSpec

RULES = [RuleSpec(**rule) for rule in DEFAULT_RULES]


def test_a_slip_moves_the_decimal_point_within_the_bounds():
    rng = random.Random(1)
    for _ in range(50):
        assert slip(D("81.2"), D(100), rng) == D("8.12")  # 812 would leave the share's bounds
        assert slip(D(1200), None, rng) in (D(12000), D(120))


def test_a_steady_series_has_no_false_alarm_and_its_slips_are_found():
    steady = Series("9.1", "%", tuple(D(50) + D(i) / 4 + (D(1) if i % 2 else D(0)) for i in range(40)), D(100))
    result = measure([steady], RULES, share=0.2, seed=7)
    assert result.planted > 0 and result.found == result.planted
    assert result.false_alarms == 0 and result.clean == 39 - result.planted


def test_nothing_planted_nothing_found():
    flat = Series("9.2", "doanh nghiệp", (D(1000),) * 12)
    result = measure([flat], RULES, share=0.0)
    assert (result.planted, result.found, result.false_alarms, result.recall) == (0, 0, 0, 0.0)


@pytest.mark.django_db
def test_the_command_reports_recall_and_false_alarms_on_generated_data(quality_rules):
    from datetime import date

    benchmark_data_generate(size=SIZES["small"], today=date(2026, 11, 20))
    out = StringIO()
    call_command("measure_quality_rules", "--share", "0.2", stdout=out)
    text = out.getvalue()
    assert text.startswith("6 series, 42 figures judged")
    assert "Recall: " in text and "False alarms: " in text


@pytest.mark.django_db
def test_the_command_asks_for_generated_data_first():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="generate_benchmark_data"):
        call_command("measure_quality_rules")
