"""Redis stopped and started again under a steady read load: no visitor sees an error, the counter comes back.

The test runs its own redis-server on a free port (never the shared one) and Sen under
gunicorn against it. Bounded: 3 phases of 120 requests from 4 readers.
"""

import json
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.articles.factories import make_news, make_news_index
from tests.system.processes import PrivateRedis, gunicorn, http

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"
PER_PHASE = 120

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server to run a private Redis"),
]


def read_load(base, paths, count):
    """``count`` requests spread over ``paths`` by 4 readers: a Counter of statuses (None: no answer)."""

    def one(number):
        path = paths[number % len(paths)]
        if path == "/counter/hit/":
            agent = f"{BROWSER} reader/{number % 7}"
            return http("POST", base + path, data=b"", headers={"User-Agent": agent})[0]
        return http("GET", base + path, headers={"User-Agent": BROWSER})[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        return Counter(pool.map(one, range(count)))


def counter_figures(base):
    status, _headers, body = http("POST", f"{base}/counter/hit/", data=b"", headers={"User-Agent": BROWSER})
    assert status == 200
    return json.loads(body)


def test_redis_stopped_and_started_under_load_gives_no_visitor_facing_error(home_page, settings):
    index = make_news_index(home_page)
    article = make_news(index, "Hội nghị tổng kết công tác khuyến học", summary="Tổng kết năm học.")
    paths = [
        "/",
        index.url,
        article.url,
        "/search/?q=khuyen+hoc",
        "/api/v2/pages/",
        f"/api/v2/pages/{article.pk}/",
        "/api/sen/counter",
        "/feeds/news/rss/",
        "/sitemap.xml",
        "/counter/hit/",
    ]
    redis = PrivateRedis()
    phases = {}
    try:
        redis.start()
        prefix = f"sen-fault-{time.time_ns()}"
        with gunicorn(workers=2, redis_url=redis.url, CACHE_KEY_PREFIX=prefix) as base:
            phases["Redis up"] = read_load(base, paths, PER_PHASE)
            before = counter_figures(base)

            redis.stop()
            phases["Redis stopped"] = read_load(base, paths, PER_PHASE)
            during = counter_figures(base)

            redis.start()
            phases["Redis started again"] = read_load(base, paths, PER_PHASE)
            after = counter_figures(base)
    finally:
        redis.close()

    figures = {name: dict(statuses) for name, statuses in phases.items()}
    print(f"\nRedis fault under load ({len(paths)} URLs, 4 readers): {figures}")
    for name, statuses in phases.items():
        assert set(statuses) == {200}, (name, figures)
    assert before["available"] is True and before["total"] >= 1
    assert during == {"available": False}
    # The counter is back, with what Redis saved at shutdown.
    assert after["available"] is True
    assert after["total"] >= before["total"]
