"""HTTP behaviour: ETag/Last-Modified and 304s, Cache-Control and Vary, CORS, the anonymous API rate limit."""

import time

import pytest
from django.core.cache import cache
from django.utils.cache import get_max_age
from django.utils.http import parse_http_date

from cms.http import middleware as sen_http
from tests.articles.factories import make_news, make_news_index
from tests.utils import wait_until_last_modified_is_sent

ORIGIN = "https://truong.example.edu.vn"


@pytest.fixture
def site(home_page):
    index = make_news_index(home_page)
    article = make_news(index, "Tổng kết năm học 2017-2018", summary="Trung tâm tổng kết năm học.")
    return {"home": home_page, "index": index, "article": article}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def is_uncacheable(response):
    cache_control = response.get("Cache-Control", "")
    return "no-store" in cache_control or "private" in cache_control or get_max_age(response) == 0


PUBLIC_URLS = ["page", "/api/v2/pages/?type=articles.NewsPage&locale=vi", "/feeds/news/rss/", "/feeds/news/json/"]


def url_of(name, site):
    return site["article"].url if name == "page" else name


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_anonymous_reads_are_public_with_validators(client, site, name):
    response = client.get(url_of(name, site))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")
    assert "cookie" in vary(response)


def test_public_pages_vary_on_language_and_the_api_on_origin(client, site):
    assert "accept-language" in vary(client.get("/api/v2/pages/"))
    assert "origin" in vary(client.get("/api/v2/pages/"))
    assert "origin" in vary(client.get("/feeds/news/atom/"))


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_if_none_match_gives_304_without_a_body(client, site, name):
    url = url_of(name, site)
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_head_is_revalidated_too(client, site):
    first = client.head("/api/v2/pages/")
    assert client.head("/api/v2/pages/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_if_modified_since_gives_304_until_content_changes(client, site, django_capture_on_commit_callbacks):
    url = site["article"].url
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)  # the first visit creates the portal settings (a change, so Last-Modified moves on)
    wait_until_last_modified_is_sent()
    first = client.get(url)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    site["article"].title = "Tổng kết năm học 2017-2018 (cập nhật)"
    with django_capture_on_commit_callbacks(execute=True):  # Last-Modified moves once the change is committed
        site["article"].save_revision().publish()

    after = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert after.status_code == 200
    assert "(cập nhật)" in after.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_last_modified_is_never_later_than_date_after_a_burst_of_changes(
    client, site, django_capture_on_commit_callbacks
):
    """HTTP forbids a Last-Modified later than the response's Date; 20 changes in a second never push it ahead."""
    for number in range(20):
        with django_capture_on_commit_callbacks(execute=True):
            site["article"].title = f"Tổng kết năm học, bản {number}"
            site["article"].save_revision().publish()
    for url in ("/", "/api/v2/pages/"):
        response = client.get(url)
        assert response.status_code == 200
        if response.has_header("Last-Modified"):
            assert parse_http_date(response["Last-Modified"]) <= date_of(response)
    wait_until_last_modified_is_sent()
    for url in ("/", "/api/v2/pages/"):
        response = client.get(url)
        assert parse_http_date(response["Last-Modified"]) <= date_of(response)


def date_of(response):
    """The answer's Date: its header where the app sets one, else the second it was received in (a server stamps
    Date when it sends the answer, on a slow machine a second after the request began)."""
    return parse_http_date(response["Date"]) if response.has_header("Date") else int(time.time())


def test_no_stale_304_after_publishing_within_the_same_second(client, site, django_capture_on_commit_callbacks):
    """HTTP dates have whole seconds: a change in the second of the validators a client holds still gives a 200."""
    first = client.get("/api/v2/pages/")
    with django_capture_on_commit_callbacks(execute=True):
        make_news(site["index"], "Tin mới trong cùng một giây")
    listing = client.get("/api/v2/pages/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert listing.status_code == 200 and "Tin mới trong cùng một giây" in listing.content.decode()
    wait_until_last_modified_is_sent()
    second = client.get("/api/v2/pages/")
    with django_capture_on_commit_callbacks(execute=True):
        make_news(site["index"], "Tin mới thứ hai")
    for validators in (
        {"HTTP_IF_MODIFIED_SINCE": second["Last-Modified"]},
        {"HTTP_IF_NONE_MATCH": second["ETag"], "HTTP_IF_MODIFIED_SINCE": second["Last-Modified"]},
    ):
        listing = client.get("/api/v2/pages/", **validators)
        assert listing.status_code == 200 and "Tin mới thứ hai" in listing.content.decode()


def test_unpublish_and_delete_change_the_validators(client, site, django_capture_on_commit_callbacks):
    url = "/api/v2/pages/?type=articles.NewsPage"
    first = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].unpublish()
    second = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and "Tổng kết năm học" not in second.content.decode()


def test_signed_in_users_get_private_no_store(admin_client, site):
    for url in (site["article"].url, "/api/v2/pages/", "/feeds/news/rss/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")
        assert "cookie" in vary(response)


def test_a_session_cookie_or_authorization_header_makes_the_response_private(client, site):
    client.cookies["sessionid"] = "whatever"
    assert client.get("/api/v2/pages/")["Cache-Control"] == "private, no-store"
    client.cookies.clear()
    assert client.get("/feeds/news/rss/", HTTP_AUTHORIZATION="Bearer abc")["Cache-Control"] == "private, no-store"


def test_errors_and_posts_are_never_cacheable(client, site):
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404 and is_uncacheable(missing) and not missing.has_header("ETag")
    bad = client.get("/feeds/news/rss/?category=%00")
    assert bad.status_code == 400 and is_uncacheable(bad)
    post = client.post("/api/v2/pages/")
    assert post.status_code >= 400 and is_uncacheable(post)


def test_counter_beacon_and_admin_stay_uncached(client, admin_client, site):
    beacon = client.post("/counter/hit/")
    assert is_uncacheable(beacon) and not beacon.has_header("ETag")
    admin = admin_client.get("/admin/")
    assert is_uncacheable(admin) and not admin.has_header("ETag")
    login = client.get("/admin/login/")
    assert is_uncacheable(login) and "public" not in login.get("Cache-Control", "")


# CORS.


@pytest.fixture
def cors_origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    return settings


def test_cors_allows_the_listed_origins_on_the_api_and_feeds(client, site, cors_origins):
    for url in ("/api/v2/pages/", "/feeds/news/json/", "/en/feeds/news/rss/"):
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response["Access-Control-Allow-Origin"] == ORIGIN, url
        assert "ETag" in response["Access-Control-Expose-Headers"]
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert not other.has_header("Access-Control-Allow-Origin")


def test_cors_is_not_offered_on_pages_or_the_admin(client, site, cors_origins):
    assert not client.get(site["article"].url, HTTP_ORIGIN=ORIGIN).has_header("Access-Control-Allow-Origin")
    assert not client.get("/admin/login/", HTTP_ORIGIN=ORIGIN).has_header("Access-Control-Allow-Origin")


def test_cors_preflight_is_answered(client, site, cors_origins):
    response = client.options(
        "/api/v2/pages/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )  # fmt: skip
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN


# The anonymous API rate limit.


@pytest.fixture
def rate_limit(settings):
    settings.SEN_API_RATE_LIMIT = 3
    settings.SEN_API_RATE_WINDOW = 3600
    settings.SEN_API_RATE_LIMIT_AUTHENTICATED = 0
    for address in ("10.0.0.1", "10.0.0.2", "203.0.113.9", "198.51.100.7"):
        who = "ip:" + sen_http.hashlib.sha256(address.encode()).hexdigest()[:32]
        slot = int(sen_http.time.time() // 3600)
        cache.delete(f"sen:ratelimit:{who}:{slot}")
    return settings


def test_anonymous_api_clients_get_429_with_retry_after_over_the_limit(client, site, rate_limit):
    for _ in range(3):
        assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.1").status_code == 200
    limited = client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.1")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 3600
    body = limited.json()
    assert body["retry_after"] == int(limited["Retry-After"]) and "giây" in body["detail"]
    assert is_uncacheable(limited)
    # Another client still has its own budget; pages and feeds are not limited.
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.2").status_code == 200
    assert client.get(site["article"].url, REMOTE_ADDR="10.0.0.1").status_code == 200


def test_signed_in_users_are_exempt_from_the_anonymous_limit(admin_client, site, rate_limit):
    for _ in range(5):
        assert admin_client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(client, site, rate_limit):
    rate_limit.SEN_TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200


@pytest.mark.redis
def test_rate_limit_counters_live_in_redis_shared_by_app_servers(client, site, rate_limit):
    from django_redis import get_redis_connection

    client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.1")
    who = "ip:" + sen_http.hashlib.sha256(b"10.0.0.1").hexdigest()[:32]
    slot = int(sen_http.time.time() // 3600)
    key = cache.make_key(f"sen:ratelimit:{who}:{slot}")
    # A separate connection, as another app server would have, sees the same counter.
    assert int(get_redis_connection("default").get(key)) == 1


@pytest.mark.django_db
def test_last_modified_moves_on_by_itself_after_a_quiet_while_and_never_goes_back(monkeypatch):
    """Content that changes with the clock (an announcement ending) is revalidated within CONTENT_CHANGED_TTL."""
    import types

    start = sen_http.bump_content_changed()
    assert sen_http.content_changed_at() == start
    real_time = sen_http.time.time
    monkeypatch.setattr(sen_http, "time", types.SimpleNamespace(time=lambda: real_time() + 301))
    later = sen_http.content_changed_at()
    assert later == start + sen_http.CONTENT_CHANGED_TTL
    assert sen_http.bump_content_changed() > later
    bumped = sen_http.content_changed_at()
    monkeypatch.setattr(sen_http, "time", types.SimpleNamespace(time=real_time))
    assert sen_http.content_changed_at() == bumped  # a clock behind the stored time never moves it back
