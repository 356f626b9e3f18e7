"""What happened to which content: event payloads, built from the signals Wagtail sends.

The core never imports a content app: a page's type is read from its content type
("articles.newspage" -> "articles.NewsPage"), so every plugin's pages are covered.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.webhooks.tasks import deliver_webhook

logger = logging.getLogger("sen.webhooks")

API_PAGE_PATH = "/api/v2/pages/{id}/"
# A snippet model says where consumers read it (it has no detail endpoint of its own) in this
# class attribute, e.g. ``webhook_api_path = "/api/sen/announcements?locale={locale}"``.
SNIPPET_API_PATH_ATTRIBUTE = "webhook_api_path"


def _base_url(page=None):
    site = None
    if page is not None:
        try:
            site = page.get_site()
        except Exception:  # a page being deleted may no longer reach a site
            site = None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _type_name(instance):
    model = instance.specific_class if hasattr(instance, "specific_class") and instance.specific_class else None
    model = model or type(instance)
    return f"{model._meta.app_label}.{model.__name__}"


def _locale(instance):
    locale_id = getattr(instance, "locale_id", None)
    if not locale_id:
        return None

    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def _now():
    return timezone.localtime().isoformat()


def page_payload(event, page, **extra):
    base = _base_url(page)
    try:
        url = page.get_full_url()
    except Exception:
        url = None
    payload = {
        "event": event,
        "id": page.pk,
        "type": _type_name(page),
        "locale": _locale(page),
        "title": page.title,
        "url": url,
        "api_url": base + API_PAGE_PATH.format(id=page.pk),
        "time": _now(),
    }
    payload.update(extra)
    return payload


def snippet_payload(event, instance):
    type_name, locale = _type_name(instance), _locale(instance)
    api_path = getattr(type(instance), SNIPPET_API_PATH_ATTRIBUTE, None)
    return {
        "event": event,
        "id": instance.pk,
        "type": type_name,
        "locale": locale,
        "title": str(instance),
        "url": getattr(instance, "url", None) or None,
        "api_url": _base_url() + api_path.format(locale=locale or "") if api_path else None,
        "time": _now(),
    }


def dispatch(event, payload):
    """Create the deliveries and hand them to the background task. Never raises."""
    # per call: tests patch delivery.create_deliveries; a top-level import would bind it once
    from cms.webhooks.delivery import create_deliveries

    try:
        deliveries = create_deliveries(event, payload)
    except Exception:
        logger.exception("Could not record the %s webhook deliveries", event)
        return
    for delivery in deliveries:
        try:
            deliver_webhook.enqueue(delivery.pk)
        except Exception:
            # The delivery stays pending; `deliver_webhooks` sends it later.
            logger.exception("Could not enqueue webhook delivery %s", delivery.uuid)


def emit(event, payload):
    """Send ``event`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(dispatch, event, payload), robust=True)


def _safely(build):
    """Run a signal receiver without ever letting a webhook problem break publishing."""

    def receiver(*args, **kwargs):
        try:
            build(*args, **kwargs)
        except Exception:
            logger.exception("Webhook event not sent")

    return receiver


def _is_page(instance):
    return isinstance(instance, Page) and not instance.is_root()


def _is_publishable_snippet(instance):
    return isinstance(instance, DraftStateMixin) and not isinstance(instance, Page)


@_safely
def on_page_published(sender, instance, **kwargs):
    if _is_page(instance):
        emit("page.published", page_payload("page.published", instance))


@_safely
def on_page_unpublished(sender, instance, **kwargs):
    if _is_page(instance):
        emit("page.unpublished", page_payload("page.unpublished", instance))


def _url_for_path(page, url_path):
    """The public URL a page had at ``url_path`` (its tree path before a move)."""
    for root in page._get_site_root_paths():
        if url_path.startswith(root.root_path):
            with translation.override(root.language_code):
                return root.root_url + reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
    return None


@_safely
def on_page_moved(sender, instance, url_path_before=None, **kwargs):
    if not _is_page(instance):
        return
    try:
        old_url = _url_for_path(instance, url_path_before) if url_path_before else None
    except Exception:
        old_url = None
    emit("page.moved", page_payload("page.moved", instance, old_url=old_url))


@_safely
def on_page_pre_delete(sender, instance, **kwargs):
    if _is_page(instance):
        instance._sen_webhook_payload = page_payload("page.deleted", instance)


@_safely
def on_page_deleted(sender, instance, **kwargs):
    payload = getattr(instance, "_sen_webhook_payload", None)
    if payload is not None:
        payload["time"] = _now()
        emit("page.deleted", payload)


@_safely
def on_published(sender, instance, **kwargs):
    if _is_publishable_snippet(instance):
        emit("snippet.published", snippet_payload("snippet.published", instance))


@_safely
def on_unpublished(sender, instance, **kwargs):
    if _is_publishable_snippet(instance):
        emit("snippet.unpublished", snippet_payload("snippet.unpublished", instance))


@_safely
def on_snippet_deleted(sender, instance, **kwargs):
    if _is_publishable_snippet(instance):
        emit("snippet.deleted", snippet_payload("snippet.deleted", instance))


def connect_signals():
    page_published.connect(on_page_published, dispatch_uid="sen-webhooks-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="sen-webhooks-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="sen-webhooks-page-moved")
    pre_delete.connect(on_page_pre_delete, sender=Page, dispatch_uid="sen-webhooks-page-pre-delete")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="sen-webhooks-page-deleted")
    published.connect(on_published, dispatch_uid="sen-webhooks-published")
    unpublished.connect(on_unpublished, dispatch_uid="sen-webhooks-unpublished")
    post_delete.connect(on_snippet_deleted, dispatch_uid="sen-webhooks-snippet-deleted")
