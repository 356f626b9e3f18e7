"""Nothing points to a page a visitor cannot open (cms.pages.public_q), and a page past its expiry time is gone
at once, not at the worker's next round: pages, the language switcher, hreflang, body links, mentions, the
sitemap, feeds and the API, with the page cache on."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms import generation, mentions
from cms.i18n.translations import translate
from home.models import Announcement
from tests.articles.factories import make_news, make_news_index
from tests.centers import factories as centre_factories

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/sitemap-pages.xml", "/feeds/news/rss/", "/feeds/news/atom/", "/en/feeds/news/rss/"]


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def body_link(page, text):
    return [("paragraph", f'<p>Xem <a linktype="page" id="{page.pk}">{text}</a> để biết thêm.</p>')]


@pytest.fixture
def site(home_page):
    """A Vietnamese article whose English translation is for signed-in staff only, and whose body links to
    a restricted page and to a page never published."""
    english = Locale.objects.get(language_code="en")
    translate(home_page, english, {"title": "Home"})
    index = make_news_index(home_page)
    translate(index, english, {"title": "News", "slug": "news"})
    internal = make_news(index, "Tin nội bộ của phòng")
    restrict(internal)
    draft = make_news(index, "Bản nháp chưa duyệt", publish=False)
    body = body_link(internal, "tin nội bộ") + body_link(draft, "bản nháp")
    article = make_news(index, "Hội thi tin học trẻ", body=body)
    english_article = translate(article, english, {"title": "Young IT contest", "slug": "young-it-contest"})
    restrict(english_article)
    return {"article": article, "english": english_article, "internal": internal, "draft": draft}


def test_a_restricted_translation_is_in_neither_the_switcher_nor_hreflang(client, site):
    html = client.get(site["article"].url).content.decode()
    assert "young-it-contest" not in html
    assert 'hreflang="en" href' not in html  # no alternate: the only translation is private
    assert client.get(f"/api/v2/pages/{site['article'].pk}/").json()["meta"].get("translations", []) == []


def test_links_in_the_body_to_pages_visitors_cannot_open_are_plain_text(client, site):
    html = client.get(site["article"].url).content.decode()
    assert "Xem <a>tin nội bộ</a> để biết thêm." in html
    assert "Xem <a>bản nháp</a> để biết thêm." in html
    assert site["internal"].slug not in html
    assert site["draft"].slug not in html
    detail = client.get(f"/api/v2/pages/{site['article'].pk}/").content.decode()
    assert site["internal"].slug not in detail
    assert site["draft"].slug not in detail


def test_the_sitemap_and_feeds_leave_out_restricted_pages_and_translations(client, site):
    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "young-it-contest" not in content, url
        assert site["internal"].slug not in content, url


def test_a_restricted_centre_is_never_linked_by_its_name(client, home_page):
    mentions.forget_targets()
    places = centre_factories.seeded_places()
    index = centre_factories.center_index(home_page)
    name = "Trung tâm học tập cộng đồng xã Điền Công"
    centre = centre_factories.center(index, name, places["uong_bi"])
    restrict(centre)
    article = make_news(make_news_index(home_page), "Hội thi gia đình học tập", body=[("paragraph", f"<p>{name}</p>")])
    html = client.get(article.url).content.decode()
    assert name in html
    assert f'href="{centre.url}"' not in html


# Expiry at serve time ----------------------------------------------------------------------------


@pytest.fixture
def cached(settings, tmp_path):
    """The page cache on, with a fresh generation."""
    settings.SEN_PAGE_CACHE = True
    settings.VAR_DIR = tmp_path
    generation.bump_generation()


def later(hours):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(hours=hours))


@pytest.fixture
def expiring(home_page):
    """A news article that expires in an hour, and an English translation of another that expires too."""
    index = make_news_index(home_page)
    expiry = timezone.now() + datetime.timedelta(hours=1)
    article = make_news(index, "Thông báo tuyển sinh lớp tin học", expire_at=expiry)
    assert article.live and article.expire_at == expiry
    return {"index": index, "article": article}


def urls_showing(page):
    return [
        page.url,
        page.get_parent().url,
        "/feeds/news/rss/",
        "/feeds/news/json/",
        "/sitemap-pages.xml",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=articles.NewsPage",
    ]


def test_a_page_past_its_expiry_is_gone_before_the_worker_unpublishes_it(client, expiring, cached):
    article = expiring["article"]
    for url in urls_showing(article):  # stored in the page cache before the expiry
        assert client.get(url).status_code == 200, url
        assert article.slug in client.get(url).content.decode() or url.endswith("/json/"), url
    assert client.get(article.url).headers["X-Sen-Page-Cache"] == "hit"

    with later(hours=2):
        assert client.get(article.url).status_code == 404
        assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404
        for url in urls_showing(article)[1:5] + urls_showing(article)[6:]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert article.slug not in response.content.decode(), url
            assert article.title not in response.content.decode(), url
    article.refresh_from_db()
    assert article.live  # the worker has not been round yet


def test_a_page_before_its_expiry_is_served_and_cached(client, expiring, cached):
    article = expiring["article"]
    assert client.get(article.url).status_code == 200
    with later(hours=0.5):
        response = client.get(article.url)
        assert response.status_code == 200
        assert response.headers["X-Sen-Page-Cache"] == "hit"


def test_an_expired_translation_leaves_the_switcher_at_once(client, home_page, cached):
    english = Locale.objects.get(language_code="en")
    translate(home_page, english, {"title": "Home"})
    index = make_news_index(home_page)
    translate(index, english, {"title": "News", "slug": "news"})
    article = make_news(index, "Hội thi tin học trẻ")
    translated = translate(article, english, {"title": "Young IT contest", "slug": "young-it-contest"})
    translated.expire_at = timezone.now() + datetime.timedelta(hours=1)
    translated.save_revision().publish()
    assert "young-it-contest" in client.get(article.url).content.decode()
    with later(hours=2):
        assert "young-it-contest" not in client.get(article.url).content.decode()


def test_an_announcement_past_its_expiry_is_gone_at_once(client, home_page, cached):
    locale = Locale.objects.get(language_code="vi")
    announcement = Announcement.objects.create(title="Lịch tiếp công dân tháng 12", locale=locale)
    announcement.expire_at = timezone.now() + datetime.timedelta(hours=1)
    announcement.save_revision().publish()
    url = "/api/sen/announcements"
    assert [item["title"] for item in client.get(url).json()] == ["Lịch tiếp công dân tháng 12"]
    assert "Lịch tiếp công dân" in client.get("/").content.decode()
    with later(hours=2):
        assert client.get(url).json() == []
        assert "Lịch tiếp công dân" not in client.get("/").content.decode()
