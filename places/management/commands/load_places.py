from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.reference_data import LoadReport, ReferenceDataError
from places.reference_data import FORMER_PROVINCES, former_provinces_load
from places.services import PlacesReport, package_source, places_load


def report_lines(report: PlacesReport, former: LoadReport) -> list[str]:
    lines = [
        _(
            "Provinces, their units and communes from %(source)s: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged."
        )
        % {
            "source": package_source(),
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
        _("Former provinces from %(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {
            "file": FORMER_PROVINCES.filename,
            "created": former.created,
            "updated": former.updated,
            "unchanged": former.unchanged,
        },
    ]
    if report.not_in_package:
        codes = ", ".join(f"{code:02d}" for code in report.not_in_package)
        lines.append(_("In force here but no longer in the package, left unchanged: %(codes)s.") % {"codes": codes})
    return lines


class Command(BaseCommand):
    help = (
        "Load the provinces and communes from the installed package vietnam-provinces (again after an upgrade), and "
        "the former provinces of fixtures/former_provinces.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=Path(settings.BASE_DIR) / "fixtures")

    def handle(self, *args, directory: Path, **options):
        try:
            with transaction.atomic():  # the former provinces name the provinces in force: all or nothing
                places = places_load()
                former = former_provinces_load(directory=directory)
        except ReferenceDataError as exc:
            raise CommandError(_("Provinces not loaded, nothing changed: %(error)s") % {"error": exc}) from exc
        for line in report_lines(places, former):
            self.stdout.write(line)
