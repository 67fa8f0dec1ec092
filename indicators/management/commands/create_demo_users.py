from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators.services import DEMO_PEOPLE, demo_users_create
from places.services import DEMO_PROVINCIAL_REPORTER, demo_provincial_reporter_create


class Command(BaseCommand):
    help = "Create the demo people (password 'demo'). Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("Demo people are only for trying the tracker: set DEBUG=1 to create them."))
        try:
            demo_users_create()
            demo_provincial_reporter_create()  # after load_reference_data, which loads the provinces too
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        names = ", ".join(p.username for p in (*DEMO_PEOPLE, DEMO_PROVINCIAL_REPORTER))
        self.stdout.write(_("Demo people ready (password “demo”): %(names)s") % {"names": names})
