"""HTTP behaviour of every public GET: validators (ETag, Last-Modified), 304s, Cache-Control, the API rate limit.

Anonymous reads of the API, feeds and public pages are cacheable by browsers, proxies
and CDNs (``public, max-age``) and cheap to revalidate: the ETag is a hash of the body,
so ``If-None-Match`` can never produce a stale 304; Last-Modified is the time Sen's
content last changed (any page published, unpublished, moved or deleted, any snippet,
image, document or setting saved), kept in the database (one row every process reads)
and moved on after every committed change, so ``If-Modified-Since`` cannot either. It is
never later than the response's Date: while the last change is in the current second, no
Last-Modified is sent at all (the ETag still validates).
Anything personal (a signed-in user, a session, an Authorization header, a response
that sets a cookie) is ``private, no-store``. Errors and non-GET/HEAD requests are never
cacheable.
"""

import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from cms import chrome
from cms.api.problems import problem_response
from cms.http import pagecache
from cms.http.models import ContentChange, RateLimitCount
from cms.http.paths import API_PREFIXES, PREVIEW_PREFIXES, UNCACHED_PREFIXES
from cms.renditions.tasks import renditions_made

# After this many seconds without a change Last-Modified moves on by itself, so content that
# changes with the clock alone (an announcement reaching its end time) is revalidated too.
CONTENT_CHANGED_TTL = 300

logger = logging.getLogger("sen.http")


def _effective_changed_at(stored, now):
    """The stored change time, moved on in whole ``CONTENT_CHANGED_TTL`` steps: the same in every process."""
    if now <= stored:
        return stored
    return stored + int((now - stored) // CONTENT_CHANGED_TTL) * CONTENT_CHANGED_TTL


def content_changed_at(request=None):
    """When the site's content last changed (Unix seconds), as far as HTTP validators know; None if unknown.

    The time is the first whole second after the last change, so it can be later than now: see
    ``last_modified_now``.

    One primary-key read of the shared row (``cms.ContentChange``), so every process agrees: a
    change made in another process (the worker's scheduled publish) is seen on the next request.
    """

    def read():
        stored = ContentChange.objects.filter(pk=1).values_list("changed_at", flat=True).first()
        return stored if stored is not None else _first_content_change()

    try:
        # Kept in the chrome cache under the content generation, which bump_content_changed replaces
        # after it moved the row on: a stored time is never older than the row's.
        stored = chrome.cached("content-changed", [], read, request)
    except DatabaseError:
        # Without the time, send no Last-Modified (the ETag still validates): never a stale 304.
        logger.warning("content change time unavailable", exc_info=True)
        return None
    return float(_effective_changed_at(stored, time.time()))


def last_modified_now(request=None):
    """The Last-Modified a response read now may carry (Unix seconds), or None: none while the last change's
    second has not begun (it would be later than the response's Date, which HTTP forbids)."""
    changed_at = content_changed_at(request)
    if changed_at is None or changed_at > math.floor(time.time()):
        return None
    return changed_at


def bump_content_changed():
    """Record a change now: the next Last-Modified is later, to the second, than any sent before."""
    stored = _move_content_changed()
    # After the row moved on: the chrome cache (cms/chrome.py) keeps the time under the generation.
    pagecache.content_changed_now()
    return stored


def _move_content_changed():
    # HTTP dates have whole seconds: store the first second after the change. A response carries it
    # only once that second has begun (``last_modified_now``), that is after the change, and every
    # Last-Modified sent before the change is at most the second the change happened in: older.
    # Never moved back (a process whose clock is behind), never ahead of the clock by more than a second.
    return _store_content_change(int(math.floor(time.time())) + 1)


def _first_content_change():
    # No change recorded yet: the content is as old as now, as far as any client can know.
    return _store_content_change(int(math.floor(time.time())))


def _store_content_change(at):
    changes = ContentChange.objects.filter(pk=1)
    if not changes.update(changed_at=Greatest(F("changed_at"), Value(at))):
        try:
            with transaction.atomic():
                ContentChange.objects.create(pk=1, changed_at=at)
        except IntegrityError:  # created by another process meanwhile
            changes.update(changed_at=Greatest(F("changed_at"), Value(at)))
    return changes.values_list("changed_at", flat=True).first()


class _PendingBump:
    """One bump registered for the current transaction (savepoint); later changes in it need no other."""

    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        bump_content_changed()


def content_changed(**kwargs):
    """Signal receiver: bump once the change is committed (once per transaction, outside its locks).

    A reader before the bump gets the old Last-Modified, with old or new content: either way the
    bump makes its Last-Modified older than the current one, so it revalidates to a 200.
    """
    pagecache.content_changed()  # first: it never raises
    connection = transaction.get_connection()
    pending = getattr(connection, "_sen_pending_bump", None)
    here = set(connection.savepoint_ids)
    if (
        connection.in_atomic_block
        and pending is not None
        and not pending.done
        # Still to run (not dropped by a rollback), registered in this same savepoint.
        and any(func is pending and sids == here for sids, func, _robust in connection.run_on_commit)
    ):
        return
    pending = _PendingBump()
    connection._sen_pending_bump = pending
    transaction.on_commit(pending, robust=True)


def _is_content_model(instance):
    if isinstance(instance, Page | AbstractImage | AbstractDocument | Site | Locale | BaseViewRestriction):
        return True
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return True
    return type(instance) in get_snippet_models()


def _holds_only_defaults(instance):
    """A settings row as Wagtail creates it on first read (``for_site``/``load``): nothing changed."""
    if not isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return False
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key and f.name != "site"]
    return all(f.value_from_object(instance) == f.get_default() for f in fields)


def _model_changed(sender, instance, **kwargs):
    if kwargs.get("created") and _holds_only_defaults(instance):
        return
    if _is_content_model(instance):
        content_changed()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"sen-http-content-changed-{id(signal)}")
    # Renditions made by the worker after an upload or publish: the pages and API answers showing the image change.
    renditions_made.connect(content_changed, dispatch_uid="sen-http-renditions-made")
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
        # Only where it can be used: no query for the admin, the counter beacon, POSTs.
        last_modified = None
        if request.method in ("GET", "HEAD") and not request.path_info.startswith(UNCACHED_PREFIXES):
            last_modified = last_modified_now(request)
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
        if response.has_header("Cache-Control"):
            # The view chose its own policy (never-cache, private…, a rendition's year).
            return response
        if response.streaming:
            # A public file (a document, a bulletin video): may be kept, but asked about on every use, since an
            # editor can replace it under the same address (its ETag and Last-Modified make that a 304).
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            return response
        response["Cache-Control"] = f"public, max-age={max(settings.SEN_HTTP_MAX_AGE, 0)}"
        if not response.has_header("ETag"):
            response["ETag"] = '"%s"' % hashlib.sha256(response.content).hexdigest()[:40]
        if not response.has_header("Last-Modified") and last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(last_modified) if last_modified is not None else None,
            response=response,
        )


def client_id(request):
    """The client's address; behind ``SEN_TRUSTED_PROXY_COUNT`` proxies, the one they saw."""
    count = settings.SEN_TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count][:64]
    return request.META.get("REMOTE_ADDR", "")[:64] or "unknown"


def _count_in_cache(key, timeout):
    try:
        cache.add(key, 0, timeout)
        return cache.incr(key)  # None when Redis is down and its errors are ignored
    except ValueError:  # evicted between add and incr, or never added (Redis down)
        return None
    except Exception:  # a cache outage must not fail the request
        logger.warning("rate-limit cache unavailable", exc_info=True)
        return None


def _count_in_database(key, expires_at):
    counts = RateLimitCount.objects.filter(key=key)
    try:
        # One transaction: the row stays locked from the increment to the read (PostgreSQL), and
        # SQLite serialises writers, so no two requests read the same count.
        with transaction.atomic():
            if not counts.update(count=F("count") + 1):
                # This client's first request in the window: forget the windows that are over.
                RateLimitCount.objects.filter(expires_at__lt=int(time.time())).delete()
                try:
                    with transaction.atomic():
                        RateLimitCount.objects.create(key=key, count=1, expires_at=expires_at)
                    return 1
                except IntegrityError:  # a concurrent first request created it
                    counts.update(count=F("count") + 1)
            return counts.values_list("count", flat=True).first()
    except DatabaseError:
        logger.warning("rate-limit counts unavailable", exc_info=True)
        return None


def count_request(key, expires_at):
    """Count one request under ``key``; the count so far in its window, or None if nothing can count it.

    With Redis (``REDIS_URL``) the count is an atomic INCR in the shared cache; without Redis,
    or while Redis is down, it is an atomic UPDATE of a row in the database, which every app
    server process shares (a per-process cache would multiply the budget by the workers).
    """
    if settings.REDIS_URL:
        count = _count_in_cache(key, max(int(expires_at - time.time()), 1))
        if count is not None:
            return count
    return _count_in_database(key, expires_at)


def client_ip(request):
    """``client_id`` as an IP address, or None: django-axes counts failed sign-ins by it."""
    try:
        return str(ipaddress.ip_address(client_id(request)))
    except ValueError:
        return None


class RateLimitMiddleware:
    """A per-client request budget on the API, counted where every app server sees it (Redis or the database).

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
                return self.add_headers(request, limited)
            return self.add_headers(request, self.get_response(request))
        return self.get_response(request)

    def add_headers(self, request, response):
        """The IETF draft's ``RateLimit-Limit``, ``RateLimit-Remaining`` and ``RateLimit-Reset`` (seconds)."""
        budget = getattr(request, "sen_rate_limit", None)
        if budget is not None:
            for name, value in zip(("Limit", "Remaining", "Reset"), budget, strict=True):
                response[f"RateLimit-{name}"] = str(value)
        return response

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
        count = count_request(key, expires_at=(slot + 1) * window + 5)
        retry_after = max(int(math.ceil((slot + 1) * window - now)), 1)
        if count is not None:
            request.sen_rate_limit = (limit, max(limit - count, 0), retry_after)
        if count is None or count <= limit:
            return None
        response = problem_response(
            429,
            "rate_limited",
            _("Too many requests: wait %(seconds)s seconds before trying again.") % {"seconds": retry_after},
            retry_after=retry_after,
        )
        response["Retry-After"] = str(retry_after)
        add_never_cache_headers(response)
        return response


pagecache.RATE_LIMITER = RateLimitMiddleware(None)  # a page-cache hit under /api/ is counted too
