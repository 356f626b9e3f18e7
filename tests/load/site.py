"""What the simulated visitors read and the editors publish, found on a running site."""

import re
from urllib.parse import urlsplit

import requests


def site_paths(base, limit=20):
    """Public paths a visitor reads: pages from the sitemap (both languages), API listings and details."""
    sitemap = requests.get(f"{base}/sitemap-pages.xml", timeout=60)  # the first section of the index
    sitemap.raise_for_status()
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.text)]
    listing = requests.get(f"{base}/api/v2/pages/?type=articles.NewsPage&limit=3", timeout=60).json()
    details = [f"/api/v2/pages/{item['id']}/" for item in listing["items"]]
    api = ["/api/v2/pages/?limit=10", "/api/v2/pages/?type=articles.NewsPage&fields=*&limit=5", *details]
    return ["/", *pages[:limit], *api]


def news_pages(base, count):
    """(id, slug) of ``count`` published news pages, for the editors."""
    listing = requests.get(f"{base}/api/v2/pages/?type=articles.NewsPage&fields=slug&limit={count}", timeout=60)
    listing.raise_for_status()
    items = listing.json()["items"]
    assert len(items) >= count, "the demo has too few news pages"
    return [(item["id"], item["meta"]["slug"]) for item in items]


def news_form(title, slug):
    """The admin edit form of a news page, as the browser posts it."""
    from tests.articles.test_pages import news_form_data

    return news_form_data(title=title, slug=slug)
