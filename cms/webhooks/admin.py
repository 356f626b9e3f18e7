"""The admin: webhook subscriptions (secrets write-only) and the delivery log editors can read."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cms.webhooks.models import EVENT_CHOICES, WebhookDelivery, WebhookSubscription


class WebhookSubscriptionForm(WagtailAdminModelForm):
    """The secret is never shown again once saved; leaving it empty keeps it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "secret" in self.fields:
            self.fields["secret"].widget = forms.PasswordInput(
                render_value=False, attrs={"autocomplete": "new-password"}
            )
            if self.instance.pk and self.instance.secret:
                self.fields["secret"].required = False

    def clean_secret(self):
        secret = self.cleaned_data.get("secret")
        if not secret and self.instance.pk:
            return self.instance.secret
        return secret


def _events_label(subscription):
    labels = dict(EVENT_CHOICES)
    return ", ".join(str(labels.get(event, event)) for event in subscription.events or [])


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = _("Subscriptions")
    url_prefix = "webhooks/subscriptions"
    name = "webhook_subscriptions"
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("url"),
            FieldPanel("secret"),
            FieldPanel("events"),
            FieldPanel("active"),
            FieldPanel("description"),
        ],
        base_form_class=WebhookSubscriptionForm,
    )
    list_display = [
        "url",
        "description",
        Column("events", label=_("events"), accessor=_events_label),
        "active",
    ]
    list_filter = ["active"]
    search_fields = ["url", "description"]


class WebhookDeliveryViewSet(ModelViewSet):
    """Read only: deliveries are written by Sen, never by hand."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Delivery log")
    url_prefix = "webhooks/deliveries"
    name = "webhook_deliveries"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never used: the log has no add or edit view
    list_display = [
        "event",
        Column("object_summary", label=_("content")),
        "subscription",
        StatusTagColumn("status", label=_("status"), primary=False),
        "status_code",
        "attempts",
        DateColumn("created_at", label=_("created at")),
        DateColumn("next_retry_at", label=_("next retry")),
    ]
    list_filter = ["status", "event", "subscription"]
    inspect_view_fields = [
        "uuid",
        "subscription",
        "event",
        "payload",
        "status",
        "status_code",
        "response_excerpt",
        "error",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_retry_at",
        "delivered_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name", "usage_url_name"):
            kwargs[name] = None
        return kwargs

    def get_urlpatterns(self):
        allowed = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in allowed]


class WebhookViewSetGroup(ModelViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 900
    items = (WebhookSubscriptionViewSet, WebhookDeliveryViewSet)
