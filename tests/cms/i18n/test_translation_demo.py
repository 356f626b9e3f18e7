"""The demo site comes with English translations made through wagtail-localize."""

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from home.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_english_home_and_sections(client, demo_site):
    english = Locale.objects.get(language_code="en")
    home = demo_site.home
    english_home = home.get_translation(english)
    assert english_home.live and english_home.title == "Home"
    sections = home.get_children().live().filter(locale=home.locale)
    for section in sections:
        translated = section.get_translation(english)
        assert translated.live
        assert translated.slug.isascii()
        response = client.get(translated.url)
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()
    titles = set(Page.objects.filter(locale=english, depth=3).values_list("title", flat=True))
    assert {"News", "City television", "Community learning centres"} <= titles
    # Each section's newest page has an English version too, managed by wagtail-localize (synced).
    assert Page.objects.filter(locale=english, depth=4).count() == sections.count()
    assert Translation.objects.filter(target_locale=english, enabled=True).count() >= 1 + 2 * sections.count()


def test_the_english_home_page_has_the_switcher_back_to_vietnamese(client, demo_site):
    html = client.get("/en/").content.decode()
    assert '<a href="/" lang="vi" hreflang="vi">Tiếng Việt</a>' in html
    assert '<a href="/en/" lang="en" hreflang="en" aria-current="true">English</a>' in html


def test_loading_the_demo_again_translates_nothing_twice(demo_site):
    english_pages = Page.objects.filter(locale__language_code="en").count()
    again = load_demo()
    assert not [line for line in again.created if "translation" in line]
    assert Page.objects.filter(locale__language_code="en").count() == english_pages


def test_the_demos_english_article_reads_its_category_in_english(client, demo_site):
    from articles.models import NewsPage

    english_article = NewsPage.objects.filter(locale__language_code="en").live().first()
    html = client.get(english_article.url).content.decode()
    assert ">Education</a>" in html
    assert "Giáo dục" not in html
