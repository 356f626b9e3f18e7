"""A server-side page cache for anonymous GETs of pages, API responses and feeds.

The middleware is the outermost one: a hit runs no other middleware, view or query, and
costs one cache round trip with Redis (the generation and the entry are read together). The
response stored is the finished one, with every header the other middleware added; only
the API rate limit's headers are the request's own (its budget is counted on a hit too).

A response is stored in the default cache (Redis when REDIS_URL is set, local memory
otherwise) under a key made of the request's host, path and query, its language (found as
``LocaleMiddleware`` finds it), its ``Origin`` (CORS answers vary on it), whether it accepts gzip
(``cms.http.compress`` compresses text answers inside this middleware) and, for the APIs,
its ``Accept`` header (the API's responses vary on it), with the site-wide *generation* it
was rendered under. Every content change (the signals wired in ``cms.http.middleware.connect_signals``:
a page published, unpublished, moved or deleted, a snippet, image, document, site or
setting saved) replaces the generation, so a stored response is never served after a
change: the next request renders afresh and stores over it. The generation is a random
token, never reused, so a lost or evicted generation can only cause misses.

With Redis the generation lives there, shared by every app server. With the local-memory
cache each process has its own entries but the generation is kept in a file under
``SEN_VAR_DIR``, shared by the processes of the machine (gunicorn workers), so a
publish through one worker invalidates the others' entries too.

Never cached: a request with a session cookie, an Authorization header or a preview
token, the admin, the visitor-counter beacon and its figures, anything but a 200 that
``cms.http.HttpCachingMiddleware`` made ``public``, a response that sets a cookie or
varies on a header the key does not hold. A hit costs no database query; a conditional
request that matches the stored validators gets a 304 without rendering. When the cache
cannot be reached, requests are rendered as if there were no cache (never an error).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

from cms.generation import (  # noqa: F401 (the generation is the core's; read through here too)
    GENERATION,
    GENERATION_KEY,
    bump_generation,
    content_changed,
    content_changed_now,
    current_generation,
    generation_file,
    generation_in_use,
    is_past,
)
from cms.http.compress import accepts_gzip
from cms.http.paths import API_PREFIXES, NEGOTIATED_PREFIXES, UNCACHED_PREFIXES
from cms.languages import negotiated_language

logger = logging.getLogger("sen.pagecache")

KEY_PREFIX = "sen:page:v2"
HIT_HEADER = "X-Sen-Page-Cache"
# Headers a stored response may vary on: Cookie (requests with a session are never
# served from the cache, and a response that sets or uses a cookie is never stored),
# Accept-Language (the key holds the language chosen for the request), Origin (the key holds it),
# Accept-Encoding (the key holds whether the request accepts gzip: cms.http.compress).
VARY_ALLOWED = {"cookie", "accept-language", "origin", "accept-encoding"}
# The APIs vary on Accept (the browsable API): the key holds the header there.
VARY_ALLOWED_API = VARY_ALLOWED | {"accept"}
# After a cache failure, skip the cache for this many seconds rather than wait on it for every request.
RETRY_AFTER_FAILURE = 5.0

_down_until = 0.0


def _excluded(path):
    return path.startswith(UNCACHED_PREFIXES) or any(
        path.startswith(prefix) for prefix in settings.SEN_PAGE_CACHE_EXCLUDE
    )


def cacheable_request(request):
    """May this request be answered from, or stored in, the shared page cache?"""
    if request.method != "GET" or _excluded(request.path_info):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES:
        return False
    if "HTTP_RANGE" in request.META:  # answered by cms.ranges.RangeMiddleware from a rendered response
        return False
    return "token" not in request.GET  # a preview token: the draft is for that one reader


def request_language(request):
    """The language the answer to ``request`` will be in: under /api/ the one negotiated from ``Accept-Language``
    (``cms.api.middleware``), elsewhere the one ``LocaleMiddleware`` will activate (it runs after this middleware)."""
    if request.path_info.startswith(NEGOTIATED_PREFIXES):
        return negotiated_language(request)
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
    if (
        i18n_patterns_used
        and not prefixed_default_language
        and not translation.get_language_from_path(request.path_info)
    ):
        language = settings.LANGUAGE_CODE
    return language


def api_accept_variant(request):
    """What an API answer varies on in ``Accept``: only a client that may take text (``text/html``, ``text/*``)
    can get the browsable API (v2); every other one (no Accept, ``*/*``, ``application/json``, a fetch() or axios
    default) gets the same JSON, so they share one stored copy instead of one per spelling of the header."""
    accept = request.META.get("HTTP_ACCEPT", "")
    lowered = accept.lower()
    return accept if "text/html" in lowered or "text/*" in lowered else ""


def cache_key(request, language):
    parts = [request.scheme, request.get_host(), request.get_full_path(), language]
    parts.append(request.META.get("HTTP_ORIGIN", ""))
    parts.append("gzip" if accepts_gzip(request) else "")
    if request.path_info.startswith(API_PREFIXES):
        parts.append(api_accept_variant(request))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return f"{KEY_PREFIX}:{digest}"


def storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a nonce is for one response only
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    allowed = VARY_ALLOWED_API if request.path_info.startswith(API_PREFIXES) else VARY_ALLOWED
    return vary <= allowed


# The API rate limit's headers are the request's own: never stored, set again on a hit.
_PER_REQUEST_HEADERS = ("ratelimit-", HIT_HEADER.lower())


def _entry(generation, response):
    headers = [(name, value) for name, value in response.items() if not name.lower().startswith(_PER_REQUEST_HEADERS)]
    return (generation, response.status_code, headers, response.content)


def _response(entry):
    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _read(key):
    """(the current generation, the entry stored under ``key`` or None): one round trip with Redis."""
    if GENERATION.in_file():
        return current_generation(), cache.get(key)
    values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY)
    if generation is None or is_past(generation):  # made on first use; replaced once its scheduled change came
        generation = current_generation()
    return generation, values.get(key)


# The API rate limiter (a ``cms.http.middleware.RateLimitMiddleware``), set by that module, which imports this
# one: a hit under /api/ is counted against the client's budget too.
RATE_LIMITER = None


def _rate_limited(request, language):
    """On a hit under /api/: the request counted against its budget, as ``RateLimitMiddleware`` does. Returns
    (the 429 response or None, a function adding the budget's headers to a response)."""
    limiter = RATE_LIMITER
    if limiter is None:
        return None, lambda response: response
    with translation.override(language):
        limited = limiter.check(request)
        if limited is not None:
            limited = limiter.add_headers(request, limited)
    return limited, lambda response: limiter.add_headers(request, response)


class PageCacheMiddleware:
    """Serve anonymous GETs from the shared page cache; store the finished responses that
    ``HttpCachingMiddleware`` made public.

    The outermost middleware: a hit costs one cache round trip and runs no other middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _down_until
        if not settings.SEN_PAGE_CACHE or not cacheable_request(request) or time.monotonic() < _down_until:
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:  # answered with a 400 by the usual path
            return self.get_response(request)
        language = request_language(request)
        try:
            key = cache_key(request, language)
            generation, entry = _read(key)
        except Exception:
            logger.warning("page cache unavailable: rendering", exc_info=True)
            _down_until = time.monotonic() + RETRY_AFTER_FAILURE
            return self.get_response(request)
        request._sen_generation = generation  # the chrome cache reads it too (cms/chrome.py)
        if entry is not None and entry[0] == generation:
            if request.path_info.startswith(API_PREFIXES):
                limited, add_budget = _rate_limited(request, language)
                if limited is not None:
                    return limited
            else:
                add_budget = None
            response = _response(entry)
            response[HIT_HEADER] = "hit"
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
            return add_budget(response) if add_budget else response
        response = self.get_response(request)
        if storable(request, response):
            try:
                cache.set(key, _entry(generation, response), settings.SEN_PAGE_CACHE_TIMEOUT)
            except Exception:
                logger.warning("page cache unavailable: response not stored", exc_info=True)
                _down_until = time.monotonic() + RETRY_AFTER_FAILURE
            response[HIT_HEADER] = "miss"
        return response
