from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from places.services import PlacesReport, package_source, places_load


def report_lines(report: PlacesReport) -> list[str]:
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
        }
    ]
    if report.not_in_package:
        codes = ", ".join(f"{code:02d}" for code in report.not_in_package)
        lines.append(_("In force here but no longer in the package, left unchanged: %(codes)s.") % {"codes": codes})
    return lines


class Command(BaseCommand):
    help = "Load the provinces and communes from the installed package vietnam-provinces (again after an upgrade)."

    def handle(self, *args, **options):
        for line in report_lines(places_load()):
            self.stdout.write(line)
