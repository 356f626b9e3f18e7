"""Background tasks (django-tasks): inline with the default backend, on a worker otherwise.

Sending is ``cms.webhooks.delivery``'s; deciding when (now, as a deferred retry, or in the
periodic sweep) is this module's, so that delivery never needs to import its own task.
"""

import logging

from django_tasks import task

from cms.webhooks import delivery
from cms.webhooks.models import WebhookDelivery

logger = logging.getLogger("sen.webhooks")


@task()
def deliver_webhook(delivery_id):
    """Send one webhook delivery (a retry is scheduled when the attempt fails)."""
    result = deliver(delivery_id)
    return result.status if result is not None else None


def deliver(delivery_id, fresh=True):
    """Send one delivery now and, if it failed but may be tried again, schedule the retry."""
    result = delivery.deliver(delivery_id, fresh=fresh)
    if result is not None and result.status == WebhookDelivery.RETRYING:
        schedule_retry(result)
    return result


def schedule_retry(webhook_delivery):
    """With a worker backend that can defer tasks, enqueue the retry; otherwise `deliver_webhooks` picks it up."""
    try:
        backend = deliver_webhook.get_backend()
        if backend.supports_defer:
            deliver_webhook.using(run_after=webhook_delivery.next_retry_at).enqueue(webhook_delivery.pk)
    except Exception:
        logger.exception("Could not enqueue the retry of webhook delivery %s", webhook_delivery.uuid)


def deliver_due(limit=100):
    """Send every delivery whose retry time has come (run by `manage.py deliver_webhooks` and the worker)."""
    results = (deliver(pk, fresh=False) for pk in delivery.due_ids(limit))
    return [result for result in results if result is not None]
