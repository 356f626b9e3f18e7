"""Send webhook deliveries that are due: retries after a failure, and any a lost task left behind."""

import time

from django.core.management.base import BaseCommand

from cms.webhooks.models import WebhookDelivery
from cms.webhooks.tasks import deliver_due


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due (retries with backoff). Use --loop to keep running."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks with --loop.")
        parser.add_argument("--limit", type=int, default=100, help="At most this many deliveries per check.")

    def handle(self, *args, loop=False, interval=30, limit=100, **options):
        while True:
            sent = deliver_due(limit=max(limit, 1))
            if sent or options["verbosity"] > 1:
                delivered = sum(1 for delivery in sent if delivery.status == WebhookDelivery.SUCCEEDED)
                self.stdout.write(f"Webhooks: {len(sent)} attempted, {delivered} delivered.")
            if not loop:
                return
            time.sleep(max(interval, 1))
