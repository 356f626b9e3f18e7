"""Webhooks: subscriptions, signed deliveries of content events, retries and their log."""


def connect_signals():
    # Here: apps.py imports this package before the models are loaded; events needs Wagtail's models.
    from cms.webhooks.events import connect_signals as connect

    connect()
