"""The site chrome, kept in the cache under the content generation instead of queried on every request.

What every page draws around its content (the site, its settings, the language homes and the
menu, the sidebar widgets) and how a URL is routed to a page change only when content changes.
Each is stored in the default cache (Redis with ``REDIS_URL``, local memory otherwise) under a
key holding the site-wide *generation* of ``cms.generation``, which every content change
replaces (a page published, unpublished, moved or deleted, a snippet, image, document, site,
locale, view restriction or setting saved or deleted: ``cms.http.middleware.connect_signals``). So a
stored piece is never read after a change: the next request builds it afresh.

Content that changes with the clock alone is stored for at most ``SEN_CHROME_TIMEOUT`` seconds
(the visitor counter's figures, which the page's beacon refreshes anyway) or less when a
builder says so (an announcement reaching its end time: ``home``'s sidebar stores until then).

What stays per request: the page itself and what only it shows, the user bar of a signed-in
editor, anything under preview. With ``SEN_CHROME_CACHE=0``, or when the cache cannot be
reached, everything is built per request as before.
"""

import contextvars
import hashlib
import logging
import pickle
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Page, Site

from cms import generation as content_generation
from cms.generation import GENERATION

logger = logging.getLogger("sen.chrome")

KEY_PREFIX = "sen:chrome"
_MISSING = object()
# After a cache failure, build per request for this many seconds rather than wait on the cache each time.
RETRY_AFTER_FAILURE = 5.0
_down_until = 0.0
# The generation read for the request being served (ChromeMiddleware), for callers that have no request at hand
# (a page's view restrictions, the language homes of a template tag): one read per request, not one per call.
_request_generation = contextvars.ContextVar("sen_chrome_generation", default=None)


def enabled():
    return getattr(settings, "SEN_CHROME_CACHE", True) and time.monotonic() >= _down_until


def _failed():
    global _down_until
    logger.warning("chrome cache unavailable: building per request", exc_info=True)
    _down_until = time.monotonic() + RETRY_AFTER_FAILURE


def generation(request=None):
    """The current content generation (remembered for the request), or None when it cannot be read."""
    if request is not None and hasattr(request, "_sen_generation"):
        return request._sen_generation
    if request is None and (value := _request_generation.get()) is not None:
        return value
    try:
        value = content_generation.current_generation()
    except Exception:
        _failed()
        value = None
    if request is not None:
        request._sen_generation = value
    return value


# With a shared cache (Redis), each process also keeps a copy of the entries it read or stored, for the current
# generation only and for at most SEN_CHROME_LOCAL_SECONDS: a page reads about ten entries, and each was a round
# trip. The generation is still read from the shared cache once per request, so a content change retires these
# copies as it retires the shared entries; only what changes with the clock alone (the counter's figures, an
# announcement's end) may be shown that much longer. Kept pickled: every request gets objects of its own.
_local = {}
_local_generation = None
LOCAL_MAX_ENTRIES = 2000


def _local_seconds():
    if GENERATION.in_file():  # the local-memory cache is this process's already
        return 0
    return min(getattr(settings, "SEN_CHROME_LOCAL_SECONDS", 5), settings.SEN_CHROME_TIMEOUT)


def _local_get(key, current):
    global _local_generation
    if current != _local_generation:
        _local.clear()
        _local_generation = current
        return _MISSING
    entry = _local.get(key)
    if entry is None or entry[0] < time.monotonic():
        return _MISSING
    return pickle.loads(entry[1])  # noqa: S301 (what this process pickled itself)


def _local_put(key, value, seconds):
    if seconds <= 0:
        return
    if len(_local) >= LOCAL_MAX_ENTRIES:
        _local.clear()
    try:
        _local[key] = (time.monotonic() + seconds, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 (not picklable: the shared cache would refuse it too)
        _local.pop(key, None)


def cached(name, parts, build, request=None, timeout=None):
    """``build()``, stored under ``name`` and ``parts`` for the current generation.

    ``timeout`` is seconds, or a callable given the built value that returns seconds (content
    that changes with the clock); at most ``SEN_CHROME_TIMEOUT``.
    """
    if not enabled():
        return build()
    current = generation(request)
    if current is None:
        return build()
    digest = hashlib.sha256("\n".join(str(part) for part in parts).encode()).hexdigest()[:32]
    key = f"{KEY_PREFIX}:{current}:{name}:{digest}"
    local_seconds = _local_seconds()
    if local_seconds > 0:
        value = _local_get(key, current)
        if value is not _MISSING:
            return value
    try:
        value = cache.get(key, _MISSING)
    except Exception:
        _failed()
        return build()
    if value is not _MISSING:
        _local_put(key, value, local_seconds)
        return value
    value = build()
    seconds = settings.SEN_CHROME_TIMEOUT
    if timeout is not None:
        seconds = min(seconds, timeout(value) if callable(timeout) else timeout)
    if seconds > 0:
        try:
            cache.set(key, value, seconds)
        except Exception:
            _failed()
            return value
        _local_put(key, value, min(seconds, local_seconds))
    return value


def _applies(request):
    return request.method in ("GET", "HEAD") and not request.path_info.startswith(("/admin/", "/django-admin/"))


def _site_and_settings(request):
    """(site, {setting model: instance}) for the request's host, in one cache read (a page-cache hit
    pays every round trip made before it)."""

    def build():
        site = Site._find_for_request(request)
        return site, (_site_settings(site) if site is not None else {})

    host, port = request._get_raw_host(), request.get_port()
    return cached("site-and-settings", [host, port], build, request)


def _site_settings(site):
    """Every site setting (wagtail.contrib.settings) of ``site``, made on first read as Wagtail does."""
    return {model: model.for_site(site) for model in registry if issubclass(model, BaseSiteSetting)}


class ChromeMiddleware:
    """Give a public GET its site and site settings from the chrome cache (no query on a hit).

    Sets what Wagtail itself caches on the request (``Site.find_for_request``,
    ``BaseSiteSetting.for_request``), so templates, context processors and views read them as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if enabled() and _applies(request):
            try:
                site, site_settings = _site_and_settings(request)
            except Exception:  # e.g. a bad Host: answered by the usual path
                site, site_settings = None, {}
            if site is not None:
                request._wagtail_site = site
                for model, instance in site_settings.items():
                    instance._request = request
                    setattr(request, model.get_cache_attr_name(), instance)
            token = _request_generation.set(generation(request))
            try:
                return self.get_response(request)
            finally:
                _request_generation.reset(token)
        return self.get_response(request)


# Routing ------------------------------------------------------------------------------------------


def _route_key(request, path):
    return [request._wagtail_site.pk, get_language() or "", path]


def _locate(request, path):
    """(page id, content type id) Wagtail routes ``path`` to, when the route has no arguments; else None."""
    try:
        result = Page.route_for_request(request, path)
    except Http404:
        result = None
    if result is None:
        return ("404",)
    page, args, kwargs = result
    if args or kwargs:
        return None  # a sub-route (RoutablePageMixin): not stored
    return (page.pk, page.content_type_id)


def serve(request, path):
    """Wagtail's page view, with the route (path to page) kept in the chrome cache.

    On a hit the page is read in one query (its own model's row); a miss routes as Wagtail does
    and stores the result. Routes with arguments and previews are never stored.
    """
    # here: wagtail.views loads the Page model at import; home.models loads chrome (via cms.pages)
    from wagtail import views as wagtail_views

    if enabled() and _applies(request) and getattr(request, "_wagtail_site", None) is not None:
        found = {}

        def build():
            located = _locate(request, path)
            found["route"] = getattr(request, "_wagtail_route_for_request", None)
            return located

        located = cached("route", _route_key(request, path), build, request)
        if located == ("404",):
            raise Http404
        if located is not None and "route" not in found:
            page_id, content_type_id = located
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            # A page model may name the relations its template always reads (``serve_select_related``).
            related = getattr(model, "serve_select_related", ()) if model is not None else ()
            page = model.objects.filter(pk=page_id).select_related(*related).first() if model is not None else None
            if page is None or not page.live:
                # Only after a change the generation has not retired yet (between commit and bump): route afresh.
                if hasattr(request, "_wagtail_route_for_request"):
                    del request._wagtail_route_for_request
            else:
                request._wagtail_route_for_request = (page, (), {})
    return wagtail_views.serve(request, path)
