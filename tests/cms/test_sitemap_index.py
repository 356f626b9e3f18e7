"""The sitemap index (cms/sitemaps.py): sections of at most SEN_SITEMAP_LIMIT URLs with lastmod, constant queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import make_news, make_news_index


@pytest.fixture
def news(home_page):
    index = make_news_index(home_page)
    return index, [make_news(index, f"Tin số {number}") for number in range(5)]


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_the_index_splits_the_pages_into_sections_of_at_most_the_limit(client, news, settings):
    settings.SEN_SITEMAP_LIMIT = 3
    index, articles = news  # 7 pages with the home page and the news index
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<sitemapindex" in xml
    sections = locations(xml)
    assert [section.rsplit("/", 1)[-1] for section in sections] == [
        "sitemap-pages.xml",
        "sitemap-pages.xml?p=2",
        "sitemap-pages.xml?p=3",
    ]
    assert xml.count("<lastmod>") == 3

    listed = []
    for section in sections:
        part = client.get(section.replace("http://testserver", "").replace("&amp;", "&"))
        assert part.status_code == 200
        urls = locations(part.content.decode())
        assert 1 <= len(urls) <= 3
        assert part.content.decode().count("<lastmod>") == len(urls)
        listed += urls
    expected = [page.full_url for page in [index.get_parent(), index, *reversed(articles)]]
    assert sorted(listed) == sorted(expected)
    assert client.get("/sitemap-pages.xml?p=4").status_code == 404


def test_a_section_and_the_index_take_the_same_number_of_queries_whatever_their_length(client, news, settings):
    settings.SEN_SITEMAP_LIMIT = 50
    index, _articles = news

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get("/sitemap-pages.xml")  # the portal settings and caches are made on the first request
    few_section, few_index = queries("/sitemap-pages.xml"), queries("/sitemap.xml")
    for number in range(20):
        make_news(index, f"Tin thêm {number}")
    client.get("/sitemap-pages.xml")  # the new pages changed the content: the chrome is built again once
    assert queries("/sitemap-pages.xml") == few_section
    assert queries("/sitemap.xml") == few_index


def test_a_section_lists_exactly_the_urls_wagtail_gives_each_page(client, demo_site, settings):
    """The section derives most URLs from a prefix (no reverse() per page) and writes its XML without the
    template engine: it must still say what Wagtail says for every page of the demo, in the same order,
    in the bytes of Django's template."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from wagtail.models import Site

    from articles.models import NewsIndexPage
    from cms.sitemaps import render_urlset

    settings.SEN_SITEMAP_LIMIT = 50_000
    index = NewsIndexPage.objects.filter(locale__language_code="vi").first()
    make_news(index, "Tin đặc biệt")
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/sitemap-pages.xml")
    pages = site.root_page.get_descendants(inclusive=True).live().public().order_by("path").specific()
    expected = [info["location"] for page in pages for info in page.get_sitemap_urls(request)]

    response = client.get("/sitemap-pages.xml")

    assert response.status_code == 200
    listed = locations(response.content.decode())
    assert len(listed) > 20
    assert listed == expected
    assert any(url.endswith("/tin-dac-biet/") for url in listed)

    # Written without the template engine, byte for byte what Django's sitemap.xml template writes.
    assert response["Content-Type"] == "application/xml"
    assert response.has_header("Last-Modified")
    assert response.content.decode() == render_to_string("sitemap.xml", {"urlset": response.context_data["urlset"]})
    # Every optional part of the template too: escaping, change frequency, priority, alternates.
    odd = [
        {"location": "http://x.test/a?b=1&c=<2>", "lastmod": datetime.date(2026, 1, 2), "changefreq": "daily",
         "priority": "0.5", "alternates": [{"lang_code": "en", "location": "http://x.test/en/a/"}]},
        {"location": "http://x.test/b/", "lastmod": None},
    ]  # fmt: skip
    assert render_urlset(odd) == render_to_string("sitemap.xml", {"urlset": odd})
    assert render_urlset([]) == render_to_string("sitemap.xml", {"urlset": []})
    assert client.get("/sitemap-pages.xml?p=99").status_code == 404
