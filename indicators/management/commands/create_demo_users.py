from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators.services import DEMO_PEOPLE, demo_users_create


class Command(BaseCommand):
    help = "Create the demo people (password 'demo'). Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("Demo people are only for trying the tracker: set DEBUG=1 to create them."))
        try:
            demo_users_create()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Demo people ready (password “demo”): %(names)s") % {"names": ", ".join(p.username for p in DEMO_PEOPLE)}
        )
