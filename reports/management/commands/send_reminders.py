"""Run daily by a timer: e-mail the reminders due today (see reports.services.reminders_send) and say what became
of each. Exits non-zero when a mail failed, so that the timer's status shows it."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.models import Reminder
from reports.services import reminders_send


def _line(reminder: Reminder) -> str:
    who = f"{reminder.recipient.get_username()} <{reminder.address or 'no address'}>" if reminder.recipient else "-"
    unit = reminder.unit.name if reminder.unit else "reviewers"
    line = f"{who}, {unit}, {reminder.year}Q{reminder.quarter} ({reminder.kind})"
    return f"{line}: {reminder.reason}" if reminder.reason else f"{line}, {reminder.link}"


class Command(BaseCommand):
    help = "E-mail the units' reporters before and after their deadline, and the reviewers the units missing."

    def handle(self, *args, **options):
        if not settings.SITE_URL:
            raise CommandError("SITE_URL must be set (the site's address, e.g. https://kts.example.gov.vn).")
        run = reminders_send()
        for heading, reminders in (("sent", run.sent), ("failed", run.failed), ("skipped", run.skipped)):
            for reminder in reminders:
                (self.stderr if heading == "failed" else self.stdout).write(f"{heading}: {_line(reminder)}")
        self.stdout.write(
            f"{len(run.sent)} reminder(s) sent, {len(run.failed)} failed (tried again next run), "
            f"{len(run.skipped)} skipped (no e-mail address or no active reporter)"
        )
        if run.failed:
            raise CommandError(f"{len(run.failed)} reminder(s) could not be sent: see the lines above.")
