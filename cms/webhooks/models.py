"""Webhook subscriptions and the log of their deliveries."""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENT_CHOICES = [
    ("page.published", _("Page published")),
    ("page.unpublished", _("Page unpublished")),
    ("page.deleted", _("Page deleted")),
    ("page.moved", _("Page moved")),
    ("snippet.published", _("Announcement published")),
    ("snippet.unpublished", _("Announcement unpublished")),
    ("snippet.deleted", _("Announcement deleted")),
]
EVENTS = [name for name, _label in EVENT_CHOICES]
MIN_SECRET_LENGTH = 16


class EventListField(models.JSONField):
    """A list of event names, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=EVENT_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class WebhookSubscription(models.Model):
    """A site that wants to hear when content changes: where to send events, and the secret that signs them."""

    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("The address Sen sends events to with an HTTP POST, e.g. https://portal.example.gov.vn/hooks/sen"),
    )
    secret = models.CharField(
        _("secret"),
        max_length=255,
        help_text=_(
            "Shared with the receiving site, which uses it to check the X-Sen-Signature header. "
            "At least 16 characters. Leave empty when editing to keep the current secret."
        ),
    )
    events = EventListField(
        _("events"),
        default=list,
        help_text=_("What to send to this address."),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive subscriptions receive nothing."))
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("Who receives these events and why, e.g. 'Cổng thông tin tỉnh'."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "cms_webhooksubscription"  # made by the cms app before it had its own label
        ordering = ["url"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return self.description or self.url

    def clean(self):
        super().clean()
        if self.secret and len(self.secret) < MIN_SECRET_LENGTH:
            raise ValidationError({"secret": _("The secret must have at least 16 characters.")})
        unknown = [event for event in self.events or [] if event not in EVENTS]
        if unknown:
            raise ValidationError({"events": _("Unknown event: %(events)s.") % {"events": ", ".join(unknown)}})

    def wants(self, event):
        return self.active and event in (self.events or [])


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one subscription: what was sent, what came back, what happens next."""

    PENDING = "pending"
    SENDING = "sending"
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, _("Pending")),
        (SENDING, _("Sending")),
        (RETRYING, _("Waiting to retry")),
        (SUCCEEDED, _("Delivered")),
        (FAILED, _("Failed")),
    ]

    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=64, choices=EVENT_CHOICES)
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    status_code = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_retry_at = models.DateTimeField(_("next retry"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        db_table = "cms_webhookdelivery"  # made by the cms app before it had its own label
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} → {self.subscription}"

    @property
    def object_summary(self):
        payload = self.payload or {}
        return payload.get("title") or f"{payload.get('type', '')} #{payload.get('id', '')}"

    @property
    def max_attempts(self):
        return max(settings.SEN_WEBHOOK_MAX_ATTEMPTS, 1)
