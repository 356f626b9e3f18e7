"""The server-side page cache (cms/http/pagecache.py): hits, what is never cached, invalidation by each change."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.http import pagecache
from tests.articles.factories import make_news, make_news_index

HIT = pagecache.HIT_HEADER


pytestmark = pytest.mark.usefixtures("page_cache")  # tests/cms/http/conftest.py


@pytest.fixture
def site(home_page):
    from wagtail.models import Site

    from home.models import PortalSettings

    PortalSettings.for_site(Site.objects.get(is_default_site=True))  # made on first use: a change of its own
    index = make_news_index(home_page)
    other_index = make_news_index(home_page, slug="thong-bao", title="Thông báo chung")
    article = make_news(index, "Tổng kết năm học 2017-2018", summary="Trung tâm tổng kết năm học.")
    return {"home": home_page, "index": index, "other_index": other_index, "article": article}


def warm(client, url):
    """Request twice: the second answer must come from the page cache."""
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    assert second[HIT] == "hit", url
    return second


def replaced(client, url):
    """The next answer for ``url`` was rendered afresh (not the stored one)."""
    response = client.get(url)
    assert response.get(HIT) == "miss", url
    return response


def test_an_anonymous_page_is_served_from_the_cache_unchanged(client, site):
    first = client.get(site["article"].url)
    assert first[HIT] == "miss"
    second = client.get(site["article"].url)
    assert second[HIT] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"] and second["Last-Modified"] == first["Last-Modified"]
    assert second["Content-Type"] == first["Content-Type"]
    # The middleware outside the cache still runs on a hit.
    assert "accept-language" in second["Vary"].lower() and second["Content-Language"] == "vi"


@pytest.mark.parametrize(
    "url",
    ["article", "/", "/api/v2/pages/?type=articles.NewsPage", "/feeds/news/rss/", "/sitemap.xml", "/api/sen/links"],
)
def test_a_cached_hit_makes_no_database_query(client, site, url):
    url = site["article"].url if url == "article" else url
    with CaptureQueriesContext(connection) as rendering:
        client.get(url)
    assert len(rendering) > 0  # the miss renders from the database
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and response[HIT] == "hit"
    assert len(queries) == 0, [query["sql"] for query in queries]


def test_a_matching_conditional_request_gets_304_without_rendering(client, site):
    url = site["article"].url
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert len(queries) == 0
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_languages_are_cached_apart(client, site):
    article = site["article"]
    english = article.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0], copy_parents=True)
    english.title = "End of the school year"
    english.save_revision().publish()
    assert "End of the school year" in warm(client, english.url).content.decode()
    vi = warm(client, article.url)
    assert "Tổng kết năm học" in vi.content.decode() and vi["Content-Language"] == "vi"
    assert client.get(english.url)["Content-Language"] == "en"


def test_the_api_is_cached_per_accept_header(client, site):
    json_response = warm(client, "/api/v2/pages/")
    assert json_response["Content-Type"].startswith("application/json")
    browsable = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    # Not the stored JSON (the browsable page sets the CSRF cookie for its forms, so it is never stored).
    assert browsable.get(HIT) != "hit" and browsable["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("accept", ["*/*", "application/json", "application/json, text/plain, */*"])
def test_api_clients_that_take_json_share_one_stored_answer(client, site, accept):
    stored = warm(client, "/api/v2/pages/")  # no Accept header (wrk, curl -H 'Accept:')
    again = client.get("/api/v2/pages/", HTTP_ACCEPT=accept)
    assert again[HIT] == "hit"
    assert again.content == stored.content and again["Content-Type"].startswith("application/json")


def test_never_for_a_session_an_authorization_header_or_a_preview_token(client, admin_client, site):
    url = site["article"].url
    warm(client, url)
    client.cookies["sessionid"] = "whatever"
    assert HIT not in client.get(url)
    del client.cookies["sessionid"]
    assert HIT not in client.get(url, HTTP_AUTHORIZATION="Bearer x")
    assert HIT not in client.get(url + "?token=abc")
    signed_in = admin_client.get(url)
    assert HIT not in signed_in and "private" in signed_in["Cache-Control"]


def test_never_for_the_admin_the_counter_beacon_or_the_counter_figures(client, admin_client, site):
    for url in ("/counter/pixel.gif", "/api/sen/counter"):
        client.get(url)
        assert HIT not in client.get(url), url
    admin_client.get("/admin/")
    assert HIT not in admin_client.get("/admin/")


def test_the_counter_still_counts_every_visitor_through_its_beacon(client, site):
    warm(client, site["article"].url)  # the page itself comes from the cache…
    agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0"
    first = client.post("/counter/hit/", HTTP_USER_AGENT=agent, REMOTE_ADDR="10.0.0.1").json()
    second = client.post("/counter/hit/", HTTP_USER_AGENT=agent, REMOTE_ADDR="10.0.0.2").json()
    # …and the beacon counts each new visitor, live.
    assert second["today"] == first["today"] + 1
    assert client.get("/api/sen/counter").json()["today"] == second["today"]


def test_a_cache_outage_degrades_to_rendering(client, site, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    from cms import chrome
    from cms import generation as content_generation

    # The generation's store is down: the chrome (which reads it first) and the page cache both fail to read it.
    monkeypatch.setattr(pagecache, "current_generation", down)
    monkeypatch.setattr(content_generation, "current_generation", down)
    monkeypatch.setattr(cache, "get_many", down)  # with Redis, the generation and the page are read together
    monkeypatch.setattr(pagecache, "_down_until", 0.0)
    monkeypatch.setattr(chrome, "_down_until", 0.0)
    response = client.get(site["article"].url)
    assert response.status_code == 200 and "Tổng kết năm học" in response.content.decode()
    assert HIT not in response
    monkeypatch.setattr(cache, "set", down)
    pagecache.bump_generation()  # a publish while the cache is down does not fail either


def test_publish_replaces_the_page_its_listing_the_home_page_feeds_and_api(client, site):
    urls = [site["article"].url, site["index"].url, "/", "/feeds/news/rss/", "/api/v2/pages/?type=articles.NewsPage"]
    for url in urls:
        warm(client, url)
    article = site["article"]
    article.title = "Tổng kết năm học 2018-2019"
    article.save_revision().publish()
    for url in urls:
        assert "2018-2019" in replaced(client, url).content.decode(), url


def test_unpublish_replaces_the_cached_page(client, site):
    url = site["article"].url
    warm(client, url)
    site["article"].unpublish()
    assert client.get(url).status_code == 404


def test_move_replaces_the_cached_listings(client, site):
    old_url, index_url, other_url = site["article"].url, site["index"].url, site["other_index"].url
    for url in (old_url, index_url, other_url):
        warm(client, url)
    site["article"].move(site["other_index"], pos="last-child")
    moved = client.get(old_url)  # Wagtail's redirect to the new address, not the stored page
    assert moved.status_code == 301 and moved["Location"].startswith("/thong-bao/")
    assert "Tổng kết năm học" not in replaced(client, index_url).content.decode()
    assert "Tổng kết năm học" in replaced(client, other_url).content.decode()


def test_delete_replaces_the_cached_page_and_listing(client, site):
    url, index_url = site["article"].url, site["index"].url
    warm(client, url)
    warm(client, index_url)
    site["article"].delete()
    assert client.get(url).status_code == 404
    assert "Tổng kết năm học" not in replaced(client, index_url).content.decode()


def test_snippet_save_replaces_every_cached_page(client, site):
    from home.models import WebsiteLink

    url = site["article"].url
    warm(client, url)
    WebsiteLink.objects.create(title="Cổng thông tin tỉnh Quảng Ninh", url="https://www.quangninh.gov.vn/")
    assert "Cổng thông tin tỉnh Quảng Ninh" in replaced(client, url).content.decode()


def test_setting_save_replaces_every_cached_page(client, site):
    from wagtail.models import Site

    from home.models import PortalSettings

    url = site["article"].url
    warm(client, url)
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.owner = "Ủy ban nhân dân thành phố Uông Bí"
    portal.save()
    assert "Ủy ban nhân dân thành phố Uông Bí" in replaced(client, url).content.decode()


def test_the_generation_lives_in_a_file_shared_by_processes_with_the_local_memory_cache(site, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
    before = pagecache.current_generation()
    assert pagecache.generation_file().read_text() == before
    site["article"].save_revision().publish()
    assert pagecache.current_generation() != before


@pytest.mark.redis
def test_with_redis_the_generation_and_pages_live_in_redis(client, site, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": "sen-test-pagecache",
        }
    }
    from django_redis import get_redis_connection

    pagecache.bump_generation()
    url = site["article"].url
    warm(client, url)
    generation = get_redis_connection("default").get(f"sen-test-pagecache:1:{pagecache.GENERATION_KEY}")
    assert generation is not None
    site["article"].save_revision().publish()
    assert replaced(client, url).status_code == 200


def test_a_hit_carries_every_header_of_the_rendered_answer(client, site):
    """The cache is the outermost layer: it stores the finished answer, security and CSP headers included."""
    first = client.get(site["article"].url)
    second = client.get(site["article"].url)
    assert second[HIT] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[header] == first[header], header


def test_the_api_budget_is_counted_on_hits_too(client, site, settings):
    settings.SEN_API_RATE_LIMIT = 3
    settings.SEN_API_RATE_WINDOW = 3600
    answers = [client.get("/api/v2/pages/", REMOTE_ADDR="203.0.113.9") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[1][HIT] == answers[2][HIT] == "hit"
    # The budget's headers are this request's, not the stored answer's.
    assert [answer["RateLimit-Remaining"] for answer in answers[:3]] == ["2", "1", "0"]
    assert "Retry-After" in answers[3] and answers[3]["Content-Type"].startswith("application/problem+json")
    assert client.get("/api/v2/pages/", REMOTE_ADDR="203.0.113.10").status_code == 200  # another visitor


def test_cors_answers_are_stored_per_origin(client, site, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://truong.example.edu.vn"]
    plain = client.get("/api/v2/pages/")
    assert "Access-Control-Allow-Origin" not in plain
    for _ in range(2):
        allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://truong.example.edu.vn")  # a miss, then a hit
        assert allowed["Access-Control-Allow-Origin"] == "https://truong.example.edu.vn"
    assert allowed[HIT] == "hit"
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://other.example.com")
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in client.get("/api/v2/pages/")


@pytest.mark.redis
def test_with_redis_a_hit_is_one_cache_round_trip(client, site, settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": "sen-test-pagecache-trip",
        }
    }
    from django.core.cache import caches

    url = site["article"].url
    warm(client, url)
    calls = []
    # Patched on this test's cache object, not through the ``cache`` proxy: undone through the proxy, the
    # patch would put this object's methods on the next default cache of the worker.
    backend = caches["default"]
    for name in ("get", "get_many", "set", "add", "incr"):
        original = getattr(backend, name)
        monkeypatch.setattr(backend, name, lambda *a, _name=name, _original=original, **k: calls.append(_name)
                            or _original(*a, **k))  # fmt: skip
    response = client.get(url)
    assert response[HIT] == "hit" and "Tổng kết năm học" in response.content.decode()
    assert calls == ["get_many"]
