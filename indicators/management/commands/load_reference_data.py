from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.reference_data import ReferenceDataError, reference_data_load
from places.management.commands.load_places import report_lines
from places.reference_data import former_provinces_load, sectors_load
from places.services import places_load
from plans.reference_data import plans_reference_data_load
from quality.services import rules_seed


class Command(BaseCommand):
    help = "Load the indicators, targets, figures, documents and units from the CSV files in fixtures/."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=Path(settings.BASE_DIR) / "fixtures")

    def handle(self, *args, directory: Path, **options):
        try:
            with transaction.atomic():  # the tasks after the indicators, all or nothing
                report = plans_reference_data_load(directory=directory, report=reference_data_load(directory=directory))
                report = sectors_load(directory=directory, report=report)
                places = places_load()
                former = former_provinces_load(directory=directory)
                rules_seed()  # the data-quality rules of a database emptied since its migration
        except ReferenceDataError as exc:
            raise CommandError(_("Reference data not loaded, nothing changed: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            _("Reference data loaded: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
        )
        for line in report_lines(places, former):
            self.stdout.write(line)
