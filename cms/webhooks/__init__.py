"""Webhooks: subscriptions, signed deliveries of content events, retries and their log."""


def connect_signals():
    # Here: cms.models imports this package (webhooks.models) while models load; events needs Wagtail's models.
    from cms.webhooks.events import connect_signals as connect

    connect()
