"""Purging the proxy cache (deploy/nginx/sen.conf) on publish: every URL that shows the page, not only the page.

Wagtail's frontend cache (``wagtail.contrib.frontend_cache``) does the delivery: its
``purge_urls_from_cache`` task (a django-tasks task: the worker runs it, or it runs inline with the
immediate backend) hands the URLs to the configured backends. Its own signal handlers purge only the
page's URLs (``get_cached_paths``), so the app is not installed; Sen connects its handlers here
instead and, once the change is committed, purges:

- the page in each of its live languages (and its ``get_cached_paths``);
- its ancestors up to the home page: the listings that show it, the home page;
- the feeds of every language, the sitemap index and its sections;
- the API responses about it: its detail, the page list, the list filtered by its type, by its parent.

A move purges the old address and the old parent too; a delete, what showed the page before it went.

Debian's nginx has no cache_purge module, so ``NginxRefreshBackend`` does not delete: it asks nginx
for the URL again with ``X-Sen-Purge: <token>``, which nginx sends to Sen bypassing its cache
(``proxy_cache_bypass``) and stores in place of the old copy. URLs not listed here (other API
queries, pages showing a changed snippet) are kept by nginx only briefly (``proxy_cache_valid``).
"""

import contextlib
import logging
import math
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from cms import hooks as sen_hooks

logger = logging.getLogger("sen.purge")

PURGE_HEADER = "X-Sen-Purge"


class NginxRefreshBackend(BaseBackend):
    """A Wagtail frontend-cache backend for stock nginx: re-fetch each URL through nginx, bypassing its cache."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.token = params.get("TOKEN", "")
        self.timeout = params.get("TIMEOUT", 10)
        self.concurrency = params.get("CONCURRENCY", 4)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = Request(  # noqa: S310 - the scheme comes from the configured LOCATION
            urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, "")),
            headers={"Host": host, PURGE_HEADER: self.token, "User-Agent": "Sen-purger"},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except HTTPError as error:
            if error.code >= 500:
                logger.error("refreshing %s in the proxy cache: HTTP %s", url, error.code)
        except (URLError, OSError) as error:
            logger.error("refreshing %s in the proxy cache failed: %s", url, error)

    def purge_batch(self, urls):
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            list(pool.map(self.purge, urls))


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _localised(route_name, **kwargs):
    paths = []
    for language in _languages():
        with translation.override(language), contextlib.suppress(NoReverseMatch):
            paths.append(reverse(route_name, kwargs=kwargs or None))
    return paths


def _feed_paths():
    paths = []
    for pattern in sen_hooks.collect(sen_hooks.FEED_URLS):
        if pattern.name and "<" not in str(pattern.pattern):
            paths += _localised(pattern.name)
    return paths


def _sitemap_paths():
    sections = max(math.ceil(Page.objects.live().public().count() / max(settings.SEN_SITEMAP_LIMIT, 1)), 1)
    return ["/sitemap.xml", "/sitemap-pages.xml"] + [f"/sitemap-pages.xml?p={n}" for n in range(2, sections + 1)]


def _api_paths(page):
    model = page.specific_class or type(page)
    listing = "/api/v2/pages/"
    paths = [listing, f"{listing}{page.pk}/", f"{listing}?type={model._meta.label}"]
    for locale in {page.locale.language_code, settings.LANGUAGE_CODE}:
        paths.append(f"{listing}?type={model._meta.label}&locale={locale}")
    parent_id = page.get_parent().pk if page.depth > 1 else None
    if parent_id:
        paths.append(f"{listing}?child_of={parent_id}")
    return paths


def page_urls(page):
    """The full URLs that show ``page``: the page in every live language, its ancestors, feeds, sitemap, API."""
    batch = PurgeBatch()
    page = page.specific_deferred
    pages = [page, *page.get_translations().live()]
    for each in pages:
        batch.add_page(each)
        batch.add_pages(each.get_ancestors().filter(depth__gt=1).live().specific())
    site = page.get_site()
    if site is not None:
        root = site.root_url.rstrip("/")
        batch.add_urls(root + path for path in _feed_paths() + _sitemap_paths() + _api_paths(page))
    return batch.urls


def purge_urls(urls):
    """Hand the URLs to Wagtail's frontend cache (a task: the worker delivers it, or it runs inline)."""
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(sorted(urls))


def _purge_after_commit(urls):
    urls = set(urls)
    transaction.on_commit(lambda: purge_urls(urls), robust=True)


def _safe_urls(page):
    try:
        return page_urls(page)
    except Exception:  # a purge must never fail a publish
        logger.exception("could not list the URLs of page %s to purge", page.pk)
        return set()


def page_changed(sender, instance, **kwargs):
    """page_published / page_unpublished: purge once committed."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _purge_after_commit(_safe_urls(instance))


def page_moving(sender, instance, **kwargs):
    """pre_page_move: what showed the page at its old address (purged once the move is committed)."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _purge_after_commit(_safe_urls(instance))


def page_moved(sender, instance, **kwargs):
    """post_page_move: what shows it at its new address."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _purge_after_commit(_safe_urls(instance))


def page_deleting(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _purge_after_commit(_safe_urls(instance))


def connect_signals():
    page_published.connect(page_changed, dispatch_uid="sen-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="sen-purge-unpublished")
    pre_page_move.connect(page_moving, dispatch_uid="sen-purge-moving")
    post_page_move.connect(page_moved, dispatch_uid="sen-purge-moved")
    pre_delete.connect(page_deleting, dispatch_uid="sen-purge-deleting")
