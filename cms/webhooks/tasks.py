"""Background tasks (django-tasks): inline with the default backend, on a worker otherwise."""

from django_tasks import task

from cms.webhooks import delivery


@task()
def deliver_webhook(delivery_id):
    """Send one webhook delivery (a retry is scheduled by the attempt itself when it fails)."""
    result = delivery.deliver(delivery_id)
    return result.status if result is not None else None
