"""The sitemap: an index (/sitemap.xml) of sections of at most ``SEN_SITEMAP_LIMIT`` URLs (5,000; never more than
50,000, the protocol's limit), each with ``lastmod``.

A section is one page of Wagtail's sitemap (live, public pages of the request's site, in tree order):
``/sitemap-pages.xml?p=N``. It is built in a constant number of queries whatever its length: the page rows
only (no specific pages), and each URL is the URL Wagtail gives the first page of the same language tree
with the page's own path after it (``PageSitemap.locations``). Wagtail's way, a ``get_full_url`` per page,
took 15 s for a section of 50,000 at 100,000 articles. The index costs a count and one aggregate.

``section`` is Wagtail's (Django's) section view with the XML written directly, byte for byte what
Django's ``sitemap.xml`` template writes: the template engine took 0.2 ms a URL.
"""

import functools
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page

from cms.pages import listable

# A path Django's reverse() writes as it is (no percent-encoding): only then is a URL the prefix plus the path.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/_.~-]*\Z")
# A page model overriding one of these has URLs of its own: it is asked, as Wagtail does.
_URL_METHODS = ("get_sitemap_urls", "get_url_parts", "get_full_url", "get_url", "full_url")


@functools.lru_cache(maxsize=256)
def _has_own_urls(content_type_id):
    """Whether the page type overrides how its URLs are made (decided once per type, not per row)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    return any(getattr(model, name) is not getattr(Page, name) for name in _URL_METHODS)


class PageSitemap(Sitemap):
    """Wagtail's page sitemap, split into sections, with the latest change found by one aggregate."""

    @property
    def limit(self):
        return settings.SEN_SITEMAP_LIMIT

    def items(self):
        # Wagtail's queryset without .specific(): a page type with URLs of its own is loaded on its own.
        # Public pages only (cms.pages.listable): live, not expired, not behind a view restriction.
        return (
            listable(self.get_wagtail_site().root_page.get_descendants(inclusive=True))
            .order_by("path")
            .only("id", "path", "url_path", "locale_id", "content_type_id", "last_published_at",
                  "latest_revision_created_at")
        )  # fmt: skip

    def _urls(self, page, protocol, domain):
        urls, last_mods = [], set()
        prefixes = {}
        rows = self.paginator.page(page).object_list.values_list(
            "pk", "url_path", "locale_id", "content_type_id", "last_published_at", "latest_revision_created_at"
        )
        for row in rows.iterator():
            for url_info in self.locations(row, prefixes):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # As Wagtail: last_mods might be empty if the whole site is private.
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def locations(self, row, prefixes):
        """Wagtail's ``get_sitemap_urls`` of the page in ``row`` (no model instance: 50,000 of them took
        seconds), without a URL reversal per page: the URL of the first page of each (language, site root)
        is Wagtail's own, and gives the prefix of the others."""
        pk, url_path, locale_id, content_type_id, last_published_at, latest_revision_created_at = row
        if _has_own_urls(content_type_id):
            return Page.objects.get(pk=pk).specific.get_sitemap_urls(self.request)
        lastmod = last_published_at or latest_revision_created_at
        parts = url_path.split("/")  # "/home/tin-tuc/tin-1/" -> ["", "home", "tin-tuc", "tin-1", ""]
        key = (locale_id, parts[1] if len(parts) > 2 else "")
        relative = "/".join(parts[2:])
        plain = _PLAIN_PATH.match(relative) is not None
        if plain and key in prefixes:
            return [{"location": prefixes[key] + relative, "lastmod": lastmod}]
        location = Page.objects.get(pk=pk).get_full_url(self.request)
        if plain and location and location.endswith(relative):
            prefixes[key] = location[: len(location) - len(relative)]
        return [{"location": location, "lastmod": lastmod}]

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: 100,000 pages for the index alone.
        latest = Max(Coalesce("last_published_at", "latest_revision_created_at"))
        return self.items().order_by().aggregate(latest=latest)["latest"]


SITEMAPS = {"pages": PageSitemap}

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _day(value):
    """``{{ value|date:"Y-m-d" }}``: an aware datetime in the current time zone."""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def render_urlset(urls):
    """Django's ``sitemap.xml`` template (inside ``{% spaceless %}``) for ``urls``, without the engine."""
    parts = [_HEAD]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}"'
                f' href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)


def section(request, sitemaps, **kwargs):
    """One section (``/sitemap-pages.xml?p=N``): Wagtail's view, its 404s and Last-Modified, the XML
    written by ``render_urlset``."""
    response = sitemap_views.sitemap(request, sitemaps, **kwargs)
    urls = (getattr(response, "context_data", None) or {}).get("urlset")
    if urls is not None and not response.is_rendered:
        response.content = render_urlset(urls)
    return response
