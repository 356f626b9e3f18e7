"""HTTP behaviour of every public GET: validators (ETag, Last-Modified), 304s, Cache-Control, the API rate limit.

Anonymous reads of the API, feeds and public pages are cacheable by browsers, proxies
and CDNs (``public, max-age``) and cheap to revalidate: the ETag is a hash of the body,
so ``If-None-Match`` can never produce a stale 304; Last-Modified is the time Sen's
content last changed (any page published, unpublished, moved or deleted, any snippet,
image, document or setting saved), kept in the shared cache and bumped on every
change, so ``If-Modified-Since`` cannot either. Anything personal (a signed-in user, a
session, an Authorization header, a response that sets a cookie) is
``private, no-store``. Errors and non-GET/HEAD requests are never cacheable.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

# Paths that manage their own caching and must never be stored: the admin, the
# visitor-counter beacon, draft preview.
PREVIEW_PREFIXES = ("/api/preview/", "/en/api/preview/")
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/counter/", *PREVIEW_PREFIXES)
API_PREFIXES = ("/api/", "/en/api/")

CONTENT_CHANGED_KEY = "sen:http:content-changed"
# After this many seconds without a change the timestamp is renewed, so content that
# changes with the clock alone (an announcement reaching its end time) is revalidated too.
CONTENT_CHANGED_TTL = 300


def content_changed_at():
    """When the site's content last changed (a Unix time), as far as HTTP validators know."""
    value = cache.get(CONTENT_CHANGED_KEY)
    if value is None:
        value = float(math.ceil(time.time()))
        cache.add(CONTENT_CHANGED_KEY, value, CONTENT_CHANGED_TTL)
        value = cache.get(CONTENT_CHANGED_KEY, value)
    return value


def bump_content_changed():
    """Record a change now: the next Last-Modified is later, to the second, than any sent before."""
    previous = cache.get(CONTENT_CHANGED_KEY) or 0
    # HTTP dates have whole seconds: move on by at least one so that a client holding
    # the previous Last-Modified never gets a 304 for the changed content.
    value = max(float(math.ceil(time.time())), math.floor(previous) + 1.0)
    cache.set(CONTENT_CHANGED_KEY, value, CONTENT_CHANGED_TTL)
    return value


def content_changed(**kwargs):
    """Signal receiver: bump now and again after commit (a reader between the two sees the old content)."""
    from cms import pagecache

    pagecache.content_changed()  # first: it never raises
    bump_content_changed()
    transaction.on_commit(bump_content_changed, robust=True)


def _is_content_model(instance):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Locale, Page, Site
    from wagtail.snippets.models import get_snippet_models

    if isinstance(instance, Page | AbstractImage | AbstractDocument | Site | Locale | BaseViewRestriction):
        return True
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return True
    return type(instance) in get_snippet_models()


def _model_changed(sender, instance, **kwargs):
    if _is_content_model(instance):
        content_changed()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"sen-http-content-changed-{id(signal)}")
    post_save.connect(_model_changed, dispatch_uid="sen-http-model-saved")
    post_delete.connect(_model_changed, dispatch_uid="sen-http-model-deleted")


def _is_personal(request, response):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return True
    if getattr(request, "is_preview", False):
        return True
    return bool(response.cookies)


class HttpCachingMiddleware:
    """ETag, Last-Modified, 304 and Cache-Control for every GET/HEAD (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read the validator before the view runs: a change during rendering makes it older, never newer.
        last_modified = content_changed_at()
        response = self.get_response(request)
        return self.process(request, response, last_modified)

    def process(self, request, response, last_modified):
        path = request.path_info
        if path.startswith(UNCACHED_PREFIXES):
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            if path.startswith(PREVIEW_PREFIXES):
                patch_vary_headers(response, ("Cookie",))
            return response
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            if not response.has_header("Cache-Control") and (
                request.method not in ("GET", "HEAD") or response.status_code >= 400
            ):
                add_never_cache_headers(response)
            return response
        patch_vary_headers(response, ("Cookie",))
        if _is_personal(request, response):
            response["Cache-Control"] = "private, no-store"
            for header in ("ETag", "Last-Modified", "Expires"):
                if response.has_header(header):
                    del response[header]
            return response
        if response.has_header("Cache-Control") or response.streaming:
            # The view chose its own policy (never-cache, private…) or the body is a stream (files).
            return response
        response["Cache-Control"] = f"public, max-age={max(settings.SEN_HTTP_MAX_AGE, 0)}"
        if not response.has_header("ETag"):
            response["ETag"] = '"%s"' % hashlib.sha256(response.content).hexdigest()[:40]
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=int(last_modified), response=response
        )


def client_id(request):
    """The client's address; behind ``SEN_TRUSTED_PROXY_COUNT`` proxies, the one they saw."""
    count = settings.SEN_TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count][:64]
    return request.META.get("REMOTE_ADDR", "")[:64] or "unknown"


class RateLimitMiddleware:
    """A per-client request budget on the API, counted in the shared cache (Redis with several app servers).

    Anonymous clients get ``SEN_API_RATE_LIMIT`` requests per ``SEN_API_RATE_WINDOW``
    seconds; signed-in users (session) are exempt unless
    ``SEN_API_RATE_LIMIT_AUTHENTICATED`` sets their own budget. Over the budget: 429,
    ``Retry-After`` and a JSON message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIXES) and request.method != "OPTIONS":
            limited = self.check(request)
            if limited is not None:
                return limited
        return self.get_response(request)

    def check(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            limit = settings.SEN_API_RATE_LIMIT_AUTHENTICATED
            who = f"user:{user.pk}"
        else:
            limit = settings.SEN_API_RATE_LIMIT
            who = "ip:" + hashlib.sha256(client_id(request).encode()).hexdigest()[:32]
        if limit <= 0:
            return None
        window = max(settings.SEN_API_RATE_WINDOW, 1)
        now = time.time()
        slot = int(now // window)
        key = f"sen:ratelimit:{who}:{slot}"
        try:
            cache.add(key, 0, window + 5)
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, window + 5)
            count = 1
        if count <= limit:
            return None
        retry_after = max(int(math.ceil((slot + 1) * window - now)), 1)
        response = JsonResponse(
            {
                "message": _("Too many requests: wait %(seconds)s seconds before trying again.")
                % {"seconds": retry_after},
                "retry_after": retry_after,
            },
            status=429,
        )
        response["Retry-After"] = str(retry_after)
        add_never_cache_headers(response)
        return response
