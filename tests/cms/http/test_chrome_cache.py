"""The site chrome kept in the cache (cms/chrome.py) is never stale: every kind of change shows on the next request.

Each test renders a page (so the chrome is stored), makes one kind of change the way an
editor or the clock would, and reads the page again with the page cache off.
"""

import datetime
import types

import pytest
from django.core.cache.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction, Site

from home.models import Announcement, PortalSettings, WebsiteLink
from tests.articles.factories import at, make_bulletin, make_news, make_news_index, make_video_index


def html(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, url="/"):
    """Render twice: the second render reads the chrome from the cache (and takes fewer queries)."""
    html(client, url)
    with CaptureQueriesContext(connection) as first:
        page = html(client, url)
    return page, len(first.captured_queries)


@pytest.mark.django_db
def test_publishing_a_page_in_the_menu_shows_it_and_unpublishing_hides_it(client, home_page):
    index = make_news_index(home_page, slug="thu-vien", title="Thư viện số")
    index.show_in_menus = False
    index.save_revision().publish()
    assert "Thư viện số" not in warm(client)[0].split("</nav>")[1]
    index.show_in_menus = True
    index.save_revision().publish()
    assert 'href="/thu-vien/">Thư viện số</a>' in html(client)
    index.title = "Thư viện điện tử"
    index.save_revision().publish()
    page = html(client)
    assert "Thư viện điện tử" in page and "Thư viện số" not in page
    index.unpublish()
    assert "Thư viện điện tử" not in html(client)


@pytest.mark.django_db
def test_editing_and_deleting_a_website_link_changes_the_sidebar(client, home_page):
    link = WebsiteLink.objects.create(locale=Locale.get_default(), title="Cổng tỉnh", url="https://tinh.example.vn/")
    assert "Cổng tỉnh" in warm(client)[0]
    link.title = "Cổng thông tin tỉnh"
    link.save()
    assert "Cổng thông tin tỉnh" in html(client)
    link.delete()
    assert "Cổng thông tin tỉnh" not in html(client)


@pytest.mark.django_db
def test_portal_settings_change_the_footer_at_once(client, home_page):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.owner = "Ủy ban nhân dân phường Một"
    portal.save()
    assert "Ủy ban nhân dân phường Một" in warm(client)[0]
    portal.owner = "Ủy ban nhân dân phường Hai"
    portal.save()
    page = html(client)
    assert "Ủy ban nhân dân phường Hai" in page and "phường Một" not in page


@pytest.mark.django_db
def test_publishing_and_unpublishing_an_announcement(client, home_page):
    notice = Announcement(locale=Locale.get_default(), title="Lịch tiếp công dân tháng Mười", live=False)
    notice.save()
    assert "Lịch tiếp công dân" not in warm(client)[0]
    notice.save_revision().publish()
    assert "Lịch tiếp công dân tháng Mười" in html(client)
    notice.refresh_from_db()
    notice.unpublish()
    assert "Lịch tiếp công dân tháng Mười" not in html(client)


@pytest.mark.django_db
def test_an_announcement_disappears_when_its_time_is_up_without_any_change(client, home_page, monkeypatch):
    from django.core.cache import caches

    if not isinstance(caches["default"], locmem.LocMemCache):
        pytest.skip("moves the local-memory cache's clock")
    now = timezone.now()
    Announcement.objects.create(
        locale=Locale.get_default(),
        title="Thông báo hết hạn sau một giờ",
        live=True,
        visible_until=now + datetime.timedelta(hours=1),
    )
    Announcement.objects.create(
        locale=Locale.get_default(),
        title="Thông báo hiện sau hai giờ",
        live=True,
        visible_from=now + datetime.timedelta(hours=2),
    )
    page = warm(client)[0]
    assert "Thông báo hết hạn sau một giờ" in page and "Thông báo hiện sau hai giờ" not in page

    def later(hours):
        moved = now + datetime.timedelta(hours=hours)
        monkeypatch.setattr(timezone, "now", lambda: moved)
        monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: moved.timestamp()))

    later(1.5)
    page = html(client)
    assert "Thông báo hết hạn sau một giờ" not in page and "Thông báo hiện sau hai giờ" not in page
    later(2.5)
    assert "Thông báo hiện sau hai giờ" in html(client)


@pytest.mark.django_db
def test_a_new_article_and_bulletin_show_on_the_home_page_and_in_the_sidebar(client, home_page):
    news_index, video_index = make_news_index(home_page), make_video_index(home_page)
    make_news(news_index, "Tin cũ về khuyến học", date=at(2019, 1, 1))
    article_page = make_news(news_index, "Tin đang đọc", date=at(2019, 1, 2))
    assert "Tin cũ về khuyến học" in warm(client)[0]
    warm(client, article_page.url)
    make_news(news_index, "Tin mới nhất về học tập suốt đời", date=at(2030, 1, 1))
    make_bulletin(video_index, "Bản tin truyền hình mới", datetime.date(2030, 1, 1))
    home = html(client)
    assert "Tin mới nhất về học tập suốt đời" in home and "Bản tin truyền hình mới" in home
    assert "Bản tin truyền hình mới" in html(client, article_page.url)  # the sidebar of every page


@pytest.mark.django_db
def test_routes_follow_a_moved_renamed_unpublished_or_deleted_page(client, home_page):
    news_index = make_news_index(home_page)
    other_index = make_news_index(home_page, slug="tin-khac", title="Tin khác")
    article = make_news(news_index, "Tin được chuyển", date=at(2019, 1, 1))
    old_url = article.url
    warm(client, old_url)
    article.move(other_index, pos="last-child")
    article.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, or a 404: never the old route
    assert moved.status_code == 404 or (moved.status_code == 301 and moved["Location"] == article.url)
    assert "Tin được chuyển" in html(client, article.url)
    before_rename = article.url
    article.slug = "ten-moi"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.url.endswith("/ten-moi/") and client.get(article.url).status_code == 200
    assert client.get(before_rename).status_code != 200
    article.unpublish()
    assert client.get(article.url).status_code == 404
    article.save_revision().publish()
    article.refresh_from_db()
    assert client.get(article.url).status_code == 200
    url = article.url
    article.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_view_restriction_applies_at_once(client, home_page):
    news_index = make_news_index(home_page)
    article = make_news(news_index, "Tin nội bộ", date=at(2019, 1, 1))
    warm(client, article.url)
    assert "Tin nội bộ" in warm(client, "/")[0]
    restriction = PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(article.url).status_code == 302  # to the login page
    assert "Tin nội bộ" not in html(client, "/")
    restriction.delete()
    assert client.get(article.url).status_code == 200


@pytest.mark.django_db
def test_a_signed_in_editor_gets_the_user_bar_not_a_visitor(client, home_page, django_user_model):
    news_index = make_news_index(home_page)
    article = make_news(news_index, "Tin cho biên tập viên", date=at(2019, 1, 1))
    page = warm(client, article.url)[0]
    assert "wagtail-userbar" not in page
    editor = django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-dai-123")
    client.force_login(editor)
    page = html(client, article.url)
    assert "wagtail-userbar" in page
    client.logout()
    assert "wagtail-userbar" not in html(client, article.url)


@pytest.mark.django_db
def test_with_the_chrome_cache_off_pages_render_the_same(client, home_page, settings):
    news_index = make_news_index(home_page)
    article = make_news(news_index, "Tin giống nhau", date=at(2019, 1, 1))
    WebsiteLink.objects.create(locale=Locale.get_default(), title="Bộ Giáo dục", url="https://moet.example.vn/")
    cached, cached_queries = warm(client, article.url)
    settings.SEN_CHROME_CACHE = False
    with CaptureQueriesContext(connection) as uncached_queries:
        uncached = html(client, article.url)
    assert "Bộ Giáo dục" in cached and "Bộ Giáo dục" in uncached
    assert cached_queries < len(uncached_queries.captured_queries)


# With Redis: each process keeps its own copy of what it read, for the current generation only. -----------


def _redis_commands(monkeypatch):
    """The commands sent to Redis from now on, as a list that fills up."""
    from django_redis import get_redis_connection

    connection_ = get_redis_connection("default")
    sent = []
    original = connection_.execute_command

    def execute_command(*args, **kwargs):
        sent.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(connection_, "execute_command", execute_command)
    return sent


@pytest.mark.redis
@pytest.mark.django_db
def test_with_redis_an_article_read_again_costs_a_few_round_trips_and_still_shows_each_publish(
    client, home_page, settings, monkeypatch
):
    settings.SEN_PAGE_CACHE = False  # every request renders the page
    index = make_news_index(home_page)
    article = make_news(index, "Bài viết thứ nhất", date=at(2020, 1, 1))
    html(client, article.url)
    html(client, article.url)

    sent = _redis_commands(monkeypatch)
    html(client, article.url)
    # The generation, the visitor counter's and the renditions' own reads: not one per chrome entry (about ten).
    assert len(sent) <= 6, sent

    article.title = "Bài viết đã sửa"
    article.save_revision().publish()
    page = html(client, article.url)
    assert "Bài viết đã sửa" in page and "Bài viết thứ nhất" not in page
    make_news(index, "Bài viết mới hơn", date=at(2021, 1, 1))
    assert "Bài viết mới hơn" in html(client, article.url)  # the related articles, a chrome fragment


@pytest.mark.redis
@pytest.mark.django_db
def test_with_redis_a_copy_kept_by_the_process_lasts_no_longer_than_its_entry(monkeypatch):
    import time

    from cms import chrome

    built = []

    def build():
        built.append(len(built) + 1)
        return built[-1]

    assert chrome.cached("test-clock", ["a"], build, timeout=1) == 1
    sent = _redis_commands(monkeypatch)
    assert chrome.cached("test-clock", ["a"], build, timeout=1) == 1
    assert sent == ["GET"]  # the generation only (no request to remember it): the entry is the process's own copy
    time.sleep(1.2)
    assert chrome.cached("test-clock", ["a"], build, timeout=1) == 2  # gone here and in Redis: built again
