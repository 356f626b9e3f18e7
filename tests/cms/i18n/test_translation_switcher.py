"""The language switcher in the site header: every link leads to a page that exists."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale

from cms.i18n.templatetags.sen_i18n import language_switcher
from cms.i18n.translations import translate
from tests.articles.factories import make_news, make_news_index

pytestmark = pytest.mark.django_db

SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)


def english():
    return Locale.objects.get(language_code="en")


def english_news_site(home):
    """An English home and news section, a translated article and one in Vietnamese only."""
    translate(home, english(), {"title": "Home"})
    news_index = make_news_index(home)
    translate(news_index, english(), {"title": "News", "slug": "news"})
    translated = make_news(news_index, "Hội thi tin học trẻ")
    english_article = translate(translated, english(), {"title": "Young IT contest", "slug": "young-it-contest"})
    untranslated = make_news(news_index, "Chỉ có bản tiếng Việt")
    return translated, english_article, untranslated


def switcher_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    match = SWITCHER.search(response.content.decode())
    assert match, f"no language switcher on {url}"
    return match.group(0)


def links(html):
    """(href, lang, hreflang, is current) of each link of the switcher."""
    found = re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="(\w+)"( aria-current="true")?', html)
    return [(href, lang, hreflang, bool(current)) for href, lang, hreflang, current in found]


def test_a_translated_page_links_to_its_translation(client, home_page):
    original, english_article, _untranslated = english_news_site(home_page)
    assert links(switcher_of(client, original.url)) == [
        (original.url, "vi", "vi", True),
        ("/en/news/young-it-contest/", "en", "en", False),
    ]
    assert links(switcher_of(client, english_article.url)) == [
        (original.url, "vi", "vi", False),
        ("/en/news/young-it-contest/", "en", "en", True),
    ]


def test_an_untranslated_page_links_to_the_english_home_and_says_why(client, home_page):
    _original, _english, untranslated = english_news_site(home_page)
    html = switcher_of(client, untranslated.url)
    assert links(html) == [(untranslated.url, "vi", "vi", True), ("/en/", "en", "en", False)]
    assert 'class="is-untranslated">English</a>' in html
    assert "Trang này chưa có bản tiếng Anh: liên kết dẫn đến trang chủ tiếng Anh." in html


def test_no_switcher_link_leads_to_a_missing_page(client, home_page):
    original, english_article, untranslated = english_news_site(home_page)
    for url in (original.url, english_article.url, untranslated.url, "/", "/en/", "/search/?q=hoi+thi"):
        for href, *_rest in links(switcher_of(client, url)):
            assert client.get(href).status_code == 200, f"{href} (from {url})"


def test_search_links_to_the_same_search_in_english(client, home_page):
    english_news_site(home_page)
    assert links(switcher_of(client, "/search/?q=hoi+thi")) == [
        ("/search/?q=hoi+thi", "vi", "vi", True),
        ("/en/search/?q=hoi+thi", "en", "en", False),
    ]


def test_a_missing_page_links_to_both_home_pages(client, home_page):
    english_news_site(home_page)
    html = switcher_of(client, "/khong-co-trang-nay/", status=404)
    assert links(html) == [("/", "vi", "vi", True), ("/en/", "en", "en", False)]
    assert "language-note" not in html


def test_without_an_english_home_the_switcher_still_has_no_dead_link(client, home_page):
    news_index = make_news_index(home_page)
    article = make_news(news_index, "Tin chỉ có tiếng Việt")
    html = switcher_of(client, article.url)
    assert [href for href, *_rest in links(html)] == [article.url, article.url]
    assert "Chưa có bản tiếng Anh: hiển thị bản gốc." in html


def test_the_switcher_costs_a_fixed_number_of_queries(home_page, django_assert_max_num_queries):
    original, english_article, untranslated = english_news_site(home_page)
    for page in (original, english_article, untranslated, home_page):
        request = RequestFactory().get(page.url)
        with translation.override(page.locale.language_code), django_assert_max_num_queries(3):
            result = language_switcher({"request": request, "page": page})
        assert len(result["links"]) == 2
