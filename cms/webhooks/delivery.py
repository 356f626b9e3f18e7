"""Signing and sending webhook deliveries, with retries and exponential backoff."""

import datetime
import hashlib
import hmac
import json
import logging
import time

import requests
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from cms.webhooks.models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger("sen.webhooks")

USER_AGENT = "Sen-Webhooks/1.0"
EXCERPT_LENGTH = 1000
# Fields an attempt records, written only while the attempt still holds its claim.
OUTCOME_FIELDS = ["status", "status_code", "response_excerpt", "error", "next_retry_at", "delivered_at"]


def sign(secret, timestamp, body):
    """The X-Sen-Signature value: HMAC-SHA256 of ``"<timestamp>.<raw body>"`` with the shared secret."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, signature, tolerance=300, now=None):
    """What a receiver does: check the signature and that the timestamp is recent (no replay)."""
    try:
        age = abs((now or time.time()) - int(timestamp))
    except (TypeError, ValueError):
        return False
    return age <= tolerance and hmac.compare_digest(sign(secret, timestamp, body), signature or "")


def encode(payload):
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def retry_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed attempt: the base delay, doubled each time."""
    return settings.SEN_WEBHOOK_RETRY_DELAY * 2 ** max(attempts - 1, 0)


def create_deliveries(event, payload):
    """One delivery per active subscription that wants ``event``."""
    subscriptions = [s for s in WebhookSubscription.objects.filter(active=True) if s.wants(event)]
    return [WebhookDelivery.objects.create(subscription=s, event=event, payload=payload) for s in subscriptions]


def lease_seconds():
    """A delivery still pending or sending after this long was lost (its worker died): it may be sent again."""
    return max(settings.SEN_WEBHOOK_LEASE, 1)


def attempt(delivery):
    """POST a claimed delivery once; record the outcome and when to retry. Never raises.

    ``delivery`` comes from `claim`, which counted the attempt. The outcome is recorded only if no other
    worker has claimed the delivery since (its lease ran out): ``attempts`` is the fencing token, so a
    slow or resumed worker can never overwrite a newer attempt or record one twice.
    """
    subscription = delivery.subscription
    body = encode(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Sen-Event": delivery.event,
        "X-Sen-Delivery": str(delivery.uuid),
        "X-Sen-Timestamp": str(timestamp),
        "X-Sen-Signature": sign(subscription.secret, timestamp, body),
    }
    now = delivery.last_attempt_at or timezone.now()
    delivery.status_code = None
    delivery.response_excerpt = ""
    delivery.error = ""
    try:
        response = requests.post(
            subscription.url,
            data=body,
            headers=headers,
            timeout=settings.SEN_WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
        delivery.status_code = response.status_code
        delivery.response_excerpt = response.text[:EXCERPT_LENGTH]
        succeeded = 200 <= response.status_code < 300
        if not succeeded:
            delivery.error = f"HTTP {response.status_code}"
    except requests.RequestException as exc:
        succeeded = False
        delivery.error = f"{type(exc).__name__}: {exc}"[:EXCERPT_LENGTH]
    except Exception as exc:  # a broken URL or anything else: log it, never break the caller
        logger.exception("Webhook delivery %s failed unexpectedly", delivery.uuid)
        succeeded = False
        delivery.error = f"{type(exc).__name__}: {exc}"[:EXCERPT_LENGTH]
    if succeeded:
        delivery.status = WebhookDelivery.SUCCEEDED
        delivery.delivered_at = timezone.now()
        delivery.next_retry_at = None
    elif delivery.attempts < delivery.max_attempts:
        delivery.status = WebhookDelivery.RETRYING
        delivery.next_retry_at = now + datetime.timedelta(seconds=retry_delay(delivery.attempts))
    else:
        delivery.status = WebhookDelivery.FAILED
        delivery.next_retry_at = None
    recorded = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=WebhookDelivery.SENDING, attempts=delivery.attempts
    ).update(**{field: getattr(delivery, field) for field in OUTCOME_FIELDS})
    if not recorded:
        logger.warning("Webhook delivery %s was taken over by another worker: outcome not recorded", delivery.uuid)
        return delivery
    return delivery


def _due(now):
    """Deliveries to send now: retries whose time has come, and ones a lost task left behind."""
    stale = now - datetime.timedelta(seconds=lease_seconds())
    return (
        Q(status=WebhookDelivery.RETRYING, next_retry_at__lte=now)
        | Q(status=WebhookDelivery.PENDING, created_at__lte=stale)
        | Q(status=WebhookDelivery.SENDING, last_attempt_at__lte=stale)
    )


def claim(delivery_id, fresh=False):
    """Take a delivery for sending, so that two workers never send it at the same time.

    One atomic UPDATE both takes the delivery (status "sending", for one lease) and counts the attempt;
    a worker that dies holding it leaves it "sending" until the lease runs out, then `deliver_due` sends it
    again, with the same X-Sen-Delivery id.
    """
    now = timezone.now()
    condition = _due(now) | Q(status=WebhookDelivery.PENDING) if fresh else _due(now)
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id)
        .filter(condition)
        .update(
            status=WebhookDelivery.SENDING,
            last_attempt_at=now,
            next_retry_at=None,
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()


def deliver(delivery_id, fresh=True):
    """Claim and send one delivery; the delivery with its outcome, or None if it was not due.
    (``cms.webhooks.tasks`` calls this and schedules the retry.)"""
    delivery = claim(delivery_id, fresh=fresh)
    if delivery is None:
        return None
    return attempt(delivery)


def due_ids(limit=100):
    """The deliveries whose retry time has come, oldest first."""
    due = WebhookDelivery.objects.filter(_due(timezone.now())).order_by("created_at")
    return list(due.values_list("pk", flat=True)[:limit])
