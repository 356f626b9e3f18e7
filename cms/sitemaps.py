"""The sitemap: an index (/sitemap.xml) of sections of at most ``SEN_SITEMAP_LIMIT`` URLs (50,000, the protocol's
limit), each with ``lastmod``.

A section is one page of Wagtail's sitemap (live, public pages of the request's site, in tree order):
``/sitemap-pages.xml?p=N``. It is built in a constant number of queries whatever its length (the slice,
then one query per page type for the specific pages); the index costs a count and one aggregate.
"""

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap


class PageSitemap(Sitemap):
    """Wagtail's page sitemap, split into sections, with the latest change found by one aggregate."""

    @property
    def limit(self):
        return settings.SEN_SITEMAP_LIMIT

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: 100,000 pages for the index alone.
        latest = Max(Coalesce("last_published_at", "latest_revision_created_at"))
        return self.items().order_by().aggregate(latest=latest)["latest"]


SITEMAPS = {"pages": PageSitemap}
