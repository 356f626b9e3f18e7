"""Admin registrations of the webhooks."""

from wagtail import hooks

from cms import hooks as sen_hooks
from cms.webhooks.admin import WebhookViewSetGroup
from cms.webhooks.tasks import deliver_due


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return WebhookViewSetGroup()


@hooks.register(getattr(sen_hooks, "PERIODIC_TASKS", "sen_periodic_tasks"))
def retry_due_webhooks(now=None):
    """The worker's round: send deliveries whose retry time has come."""
    deliver_due()
