from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators.benchmark_data import SIZES, AlreadyGenerated, RealDataPresent, Size, benchmark_data_generate
from strategy_tracker import clock


class Command(BaseCommand):
    help = (
        "Generate a synthetic data set at national scale for the benchmark (load the reference data first). "
        "Refuses a database that holds submissions unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="national")
        parser.add_argument("--units", type=int, help="reporting units, one reporter each")
        parser.add_argument("--indicators", type=int, help="indicators added")
        parser.add_argument("--quarters", type=int, help="quarters of figures, up to today's")
        parser.add_argument("--submission-quarters", type=int, help="quarters of submissions per unit")
        parser.add_argument("--communes", type=int, help="communes with figures (the size communes: 3,321)")
        parser.add_argument("--commune-indicators", type=int, help="indicators with every commune's figures")
        parser.add_argument("--seed", type=int, default=411)
        parser.add_argument("--force", action="store_true", help="also into a database that holds submissions")

    def handle(self, *args, size, seed, force, **options):
        base = SIZES[size]
        chosen = Size(
            units=options["units"] or base.units,
            indicators=options["indicators"] or base.indicators,
            quarters=options["quarters"] or base.quarters,
            submission_quarters=options["submission_quarters"] or base.submission_quarters,
            provinces=base.provinces,
            communes=base.communes if options["communes"] is None else options["communes"],
            commune_indicators=(
                base.commune_indicators if options["commune_indicators"] is None else options["commune_indicators"]
            ),
        )
        if min(chosen.units, chosen.indicators, chosen.quarters, chosen.submission_quarters) < 1:
            raise CommandError(_("Every size must be at least 1."))
        try:
            report = benchmark_data_generate(size=chosen, today=clock.today(), seed=seed, force=force)
        except (RealDataPresent, AlreadyGenerated) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Benchmark data generated: %(units)d units, %(users)d reporters, %(indicators)d indicators, "
                "%(targets)d targets, %(observations)d figures, %(submissions)d submissions."
            )
            % report.__dict__
        )
