"""Run by a timer every few minutes: e-mail the notifications whose mail has not gone yet (the request's own
attempt failed, or the server stopped before it), each at most once (see notifications.services). Exits non-zero
when a mail failed, so that the timer's status shows it."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from notifications.models import Notification
from notifications.services import MAX_ATTEMPTS, notifications_mail


def _line(notification: Notification) -> str:
    person = notification.recipient
    line = f"#{notification.pk} {person.get_username()} <{person.email}>, {notification.kind}"
    return f"{line}: {notification.mail_error}" if notification.mail_error else line


class Command(BaseCommand):
    help = "E-mail the notifications not yet mailed (failed ones are tried again, each at most once sent)."

    def handle(self, *args, **options):
        if not settings.SITE_URL:
            raise CommandError("SITE_URL must be set (the site's address, e.g. https://kts.example.gov.vn).")
        run = notifications_mail()
        for notification in run.sent:
            self.stdout.write(f"sent: {_line(notification)}")
        for notification in run.failed:
            self.stderr.write(
                f"failed (attempt {notification.mail_attempts + 1} of {MAX_ATTEMPTS}): {_line(notification)}"
            )
        for notification in run.stuck:
            self.stderr.write(
                f"not known whether sent (a run stopped while sending; not sent again): {_line(notification)}"
            )
        self.stdout.write(
            f"{len(run.sent)} notification e-mail(s) sent, {len(run.failed)} failed (tried again next run)"
        )
        if run.failed:
            raise CommandError(f"{len(run.failed)} notification e-mail(s) could not be sent: see the lines above.")
