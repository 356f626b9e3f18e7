"""Webhooks: subscriptions, signed deliveries of content events, retries and their log."""


def connect_signals():
    from cms.webhooks.events import connect_signals as connect

    connect()
