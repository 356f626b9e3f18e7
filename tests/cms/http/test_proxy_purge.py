"""Purging the proxy cache (cms/http/purge.py): a publish purges every URL that shows the page, once committed."""

import pytest

from tests.articles.factories import make_news, make_news_index

PURGED = []


class RecordingBackend:
    """A Wagtail frontend-cache backend that records what it is asked to purge."""

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        PURGED.extend(urls)


@pytest.fixture
def recorded(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.cms.http.test_proxy_purge.RecordingBackend"}}
    PURGED.clear()
    return PURGED


@pytest.fixture
def site(home_page):
    index = make_news_index(home_page)
    other = make_news_index(home_page, slug="thong-bao", title="Thông báo chung")
    return {"home": home_page, "index": index, "other": other, "article": make_news(index, "Hội nghị khuyến học")}


def paths(urls):
    return {"/" + url.split("/", 3)[3] for url in urls}


def test_a_publish_purges_the_page_its_listings_home_feeds_sitemap_and_api_after_commit(
    site, recorded, django_capture_on_commit_callbacks
):
    article = site["article"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.title = "Hội nghị khuyến học năm 2025"
        article.save_revision().publish()
    assert recorded == []  # nothing before the commit: the proxy would fetch the old page
    for callback in callbacks:
        callback()
    purged = paths(recorded)
    expected = {
        "/tin-tuc/hoi-nghi-khuyen-hoc/",
        "/tin-tuc/",
        "/",
        "/feeds/news/rss/",
        "/feeds/news/atom/",
        "/feeds/news/json/",
        "/en/feeds/news/rss/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/pages/?type=articles.NewsPage",
        "/api/v2/pages/?type=articles.NewsPage&locale=vi",
        f"/api/v2/pages/?child_of={site['index'].pk}",
    }
    assert expected <= purged, expected - purged
    assert all(url.startswith(site["home"].get_site().root_url) for url in recorded)


def test_unpublish_purges_the_page_and_its_listing(site, recorded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].unpublish()
    assert {"/tin-tuc/hoi-nghi-khuyen-hoc/", "/tin-tuc/", "/"} <= paths(recorded)


def test_a_move_purges_the_old_and_the_new_address_and_both_listings(
    site, recorded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].move(site["other"], pos="last-child")
    assert {"/tin-tuc/hoi-nghi-khuyen-hoc/", "/tin-tuc/", "/thong-bao/hoi-nghi-khuyen-hoc/", "/thong-bao/"} <= paths(
        recorded
    )


def test_a_delete_purges_what_showed_the_page(site, recorded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].delete()
    assert {"/tin-tuc/hoi-nghi-khuyen-hoc/", "/tin-tuc/", "/", "/sitemap.xml"} <= paths(recorded)


def test_nothing_is_purged_without_a_proxy(site, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = None
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].save_revision().publish()
    assert PURGED == []
