"""What one process does, every other process sees: the API rate limit and Last-Modified without Redis.

Each test runs Sen in a second process (gunicorn workers, ``manage.py sen_worker``) on the
test database, with no Redis, as ``make serve`` and ``make run`` do on a single machine.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import parse_http_date

from articles.models import NewsPage
from tests.articles.factories import make_news, make_news_index
from tests.system.processes import gunicorn, http, run_manage
from tests.utils import wait_until_last_modified_is_sent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def no_redis(settings):
    """This process runs like the others: without Redis. Its cache is local memory too, so the content
    generation is read from the file the other processes write (not from a Redis they never see)."""
    settings.REDIS_URL = None
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sen"}}
    return settings


def test_the_api_rate_limit_is_one_budget_for_every_app_server_process(client, home_page, no_redis):
    no_redis.SEN_API_RATE_LIMIT = 10
    no_redis.SEN_API_RATE_WINDOW = 3600
    no_redis.SEN_API_RATE_LIMIT_AUTHENTICATED = 0
    # Three requests in this process, then 30 more at once through two gunicorn workers, same client.
    for _ in range(3):
        assert client.get("/api/v2/pages/", REMOTE_ADDR="127.0.0.1").status_code == 200
    with gunicorn(workers=2, SEN_API_RATE_LIMIT=10, SEN_API_RATE_WINDOW=3600) as base, ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda _: http("GET", f"{base}/api/v2/pages/")[0], range(30)))
    assert statuses.count(200) == 7, statuses
    assert statuses.count(429) == 23, statuses
    assert client.get("/api/v2/pages/", REMOTE_ADDR="127.0.0.1").status_code == 429


def validators(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["Last-Modified"], response["ETag"]


def test_a_scheduled_publish_by_the_worker_moves_last_modified_in_every_process(client, home_page, no_redis):
    index = make_news_index(home_page)
    make_news(index, "Tin đã đăng")
    scheduled = NewsPage(title="Tin hẹn giờ đăng", live=False, summary="Tin hẹn giờ.")
    index.add_child(instance=scheduled)
    scheduled.go_live_at = timezone.now() + timedelta(seconds=2)
    scheduled.save_revision().publish()  # a go-live time ahead: scheduled, not published
    urls = ["/", index.url, "/api/v2/pages/?type=articles.NewsPage"]
    for url in urls:
        client.get(url)  # the first visit may create settings (itself a change)
    wait_until_last_modified_is_sent()
    before = {url: validators(client, url) for url in urls}
    for url, (last_modified, _etag) in before.items():
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
        assert "Tin hẹn giờ đăng" not in client.get(url).content.decode()

    time.sleep(max((scheduled.go_live_at - timezone.now()).total_seconds(), 0) + 0.1)
    run_manage("sen_worker", "--once")  # another process publishes

    scheduled.refresh_from_db()
    assert scheduled.live
    for url, (last_modified, etag) in before.items():
        # A client holding either validator gets the new content, never a 304.
        for condition in ({"HTTP_IF_MODIFIED_SINCE": last_modified}, {"HTTP_IF_NONE_MATCH": etag}):
            response = client.get(url, **condition)
            assert response.status_code == 200, (url, condition)
            assert "Tin hẹn giờ đăng" in response.content.decode()
    wait_until_last_modified_is_sent()
    for url, (last_modified, _etag) in before.items():
        assert parse_http_date(validators(client, url)[0]) > parse_http_date(last_modified)
