"""Run daily by cron: e-mail the reminders due today (see reports.services.reminders_send)."""

from django.core.management.base import BaseCommand

from reports.services import reminders_send


class Command(BaseCommand):
    help = "E-mail the units' reporters before and after their deadline, and the reviewers the units missing."

    def handle(self, *args, **options):
        run = reminders_send()
        self.stdout.write(f"{len(run.sent)} reminder(s) sent, {len(run.failed)} failed (tried again next run)")
        for recipient, error in run.failed:
            self.stderr.write(f"{recipient}: {error}")
