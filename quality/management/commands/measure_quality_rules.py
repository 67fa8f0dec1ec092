from django.core.management.base import BaseCommand, CommandError

from indicators.benchmark_data import GROUP_CODE
from indicators.models import Indicator, Observation
from quality.measure import Series, measure
from quality.models import Rule


class Command(BaseCommand):
    help = (
        "Measure the data-quality rules on the generated national data (manage.py generate_benchmark_data): plant "
        "decimal slips at known places in the indicators' quarterly series and report the recall and the false alarms "
        "of the active rules."
    )

    def add_arguments(self, parser):
        parser.add_argument("--share", type=float, default=0.05, help="share of the figures planted (0–1)")
        parser.add_argument("--seed", type=int, default=411)

    def handle(self, *args, share: float, seed: int, **options):
        indicators = {i.pk: i for i in Indicator.objects.filter(group__code=GROUP_CODE)}
        if not indicators:
            raise CommandError("No generated data: run manage.py generate_benchmark_data first.")
        values: dict[int, list] = {pk: [] for pk in indicators}
        rows = (
            Observation.objects.filter(indicator_id__in=indicators, quarter__gt=0, document__isnull=True)
            .order_by("indicator_id", "year", "quarter")
            .values_list("indicator_id", "value")
        )
        for indicator_id, value in rows:
            values[indicator_id].append(value)
        series = [
            Series(i.code, i.measure_unit, tuple(values[pk]), i.max_value) for pk, i in indicators.items() if values[pk]
        ]
        rules = [rule.spec() for rule in Rule.objects.active()]
        result = measure(series, rules, share=share, seed=seed)
        self.stdout.write(
            f"{len(series)} series, {result.planted + result.clean} figures judged, {result.planted} planted.\n"
            f"Recall: {result.found}/{result.planted} = {result.recall:.1%} "
            f"(by rule: {dict(sorted(result.found_by.items()))}).\n"
            f"False alarms: {result.false_alarms}/{result.clean} = {result.false_alarm_rate:.2%} "
            f"(by rule: {dict(sorted(result.alarms_by.items()))})."
        )
