"""Run daily by cron: delete the write API's idempotency keys older than settings.API_IDEMPOTENCY_KEY_HOURS. Each
write purges its own person's; this purges the keys of people who have stopped writing."""

from django.core.management.base import BaseCommand

from reporting.idempotency import idempotency_keys_purge
from strategy_tracker import clock


class Command(BaseCommand):
    help = "Delete the write API's expired idempotency keys."

    def handle(self, *args, **options):
        deleted = idempotency_keys_purge(now=clock.now())
        self.stdout.write(f"{deleted} expired idempotency key(s) deleted")
