"""generate_benchmark_data on a small size: what it writes, that the pages read it, that the same seed gives the
same data, and that it refuses a database holding real submissions."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from indicators.models import Indicator, Membership, Observation, Target, Unit
from reporting.models import Submission, SubmissionValue

SMALL = {"units": 4, "indicators": 5, "quarters": 8, "submission_quarters": 2}


def _generate(**options):
    out = StringIO()
    call_command("generate_benchmark_data", size="small", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def _fingerprint():
    return (
        sorted(
            Observation.objects.filter(indicator__code__startswith="9.").values_list(
                "indicator__code", "year", "quarter", "value"
            )
        ),
        sorted(
            Target.objects.filter(indicator__code__startswith="9.").values_list("indicator__code", "year", "wording")
        ),
        sorted(
            Submission.objects.filter(unit__slug__startswith="bench-").values_list(
                "unit__slug", "year", "quarter", "status"
            )
        ),
    )


@pytest.mark.django_db
def test_small_data_set_has_units_reporters_indicators_figures_and_submissions():
    output = _generate()

    assert " 4 " in output
    units = Unit.objects.filter(slug__startswith="bench-")
    assert units.count() == 4
    assert Membership.objects.filter(unit__in=units, role="reporter").count() == 4
    added = Indicator.objects.filter(code__startswith="9.")
    assert added.count() == 5
    assert {i.measure_unit for i in added} >= {"%", "doanh nghiệp"}
    assert {i.direction for i in added} == {"higher", "lower"}
    # 8 quarters each, and a yearly figure for each full year before the current one.
    assert Observation.objects.filter(indicator__in=added, quarter__gt=0).count() == 5 * 8
    # Goals for 2025 and 2030 from the Prime Minister's decision, plans every year from 2023 to 2030.
    assert Target.objects.filter(indicator__in=added, kind="goal", document__rank=40).count() == 5 * 2
    assert Target.objects.filter(indicator__in=added, kind="plan", document__slug="bench-plan").count() >= 5 * 8
    assert Submission.objects.filter(unit__in=units).count() == 4 * 2
    assert SubmissionValue.objects.filter(submission__unit__in=units).count() == 5 * 2
    # Every write is on record, as real data is.
    assert Observation.history.filter(indicator__code__startswith="9.").count() >= 5 * 8
    assert Submission.history.filter(unit__slug__startswith="bench-").count() == 4 * 2


@pytest.mark.django_db
def test_the_pages_read_the_generated_data(client_for, leader):
    _generate()

    page = client_for(leader).get("/")
    assert page.status_code == 200
    assert "9.5" in page.content.decode()
    assert client_for(leader).get("/indicators/9.1/").status_code == 200


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    def generated(seed):
        with transaction.atomic():
            _generate(seed=seed)
            fingerprint = _fingerprint()
            transaction.set_rollback(True)
        return fingerprint

    first, again, other = generated(7), generated(7), generated(8)
    assert first == again
    assert first[0] and first != other


@pytest.mark.django_db
def test_refuses_a_database_with_real_submissions_unless_forced():
    Submission.objects.create(unit=Unit.objects.get(slug="cuc-vt"), year=2026, quarter=4, status="draft")

    with pytest.raises(CommandError, match="báo cáo của các đơn vị"):
        _generate()
    assert not Unit.objects.filter(slug__startswith="bench-").exists()

    _generate(force=True)
    assert Unit.objects.filter(slug__startswith="bench-").count() == 4


@pytest.mark.django_db
def test_refuses_to_generate_twice_and_refuses_a_size_of_zero():
    _generate()
    with pytest.raises(CommandError, match="đã có"):
        _generate()
    with pytest.raises(CommandError):
        _generate(units=0)
    assert Observation.objects.filter(indicator__code="9.1", year=2026, quarter=4).get().value > Decimal(0)


@pytest.mark.django_db
def test_the_communes_size_from_the_command_line_at_a_tiny_scale(client_for, leader):
    out = StringIO()
    small = {**SMALL, "indicators": 3, "quarters": 4}
    call_command("generate_benchmark_data", size="communes", communes=5, commune_indicators=2, stdout=out, **small)
    figures = Observation.breakdowns.filter(commune__isnull=False)
    assert figures.count() == 5 * 2 * 4  # 5 communes × 2 indicators × 4 quarters, the provinces' 34 × 3 × 4 beside
    assert Observation.breakdowns.filter(province__isnull=False).count() == 34 * 3 * 4
    assert f" {3 * 4 + 34 * 3 * 4 + 5 * 2 * 4} số liệu" in out.getvalue()  # the four quarters of 2026: no full year
    page = client_for(leader).get("/indicators/9.1/communes/").content.decode()
    assert page.count('<td class="num">') == 5
