"""The sitemap index (cms/sitemaps.py): sections of at most SEN_SITEMAP_LIMIT URLs with lastmod, constant queries."""

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
