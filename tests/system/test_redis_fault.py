"""Redis stopped, started again or hung under load: no visitor sees an error or waits long, the counter comes back.

The tests run their own redis-server on a free port (never the shared one) and Sen under
gunicorn against it. Bounded: 3 phases of 120 requests from 4 readers; a hung Redis for 12 s.
"""

import json
import re
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from cms.http.pagecache import HIT_HEADER
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


HUNG_SECONDS = 12  # more than two breaker periods: the probes meet the hung Redis too
FEW_SECONDS = 5  # a request pays at most one Redis timeout (1 s) on top of its own work


def timed_request(base, path):
    """(status, seconds) of one visitor's request; the status is None after FEW_SECONDS * 2 without an answer."""
    started = time.monotonic()
    if path == "/counter/hit/":
        status = http("POST", base + path, data=b"", headers={"User-Agent": BROWSER}, timeout=FEW_SECONDS * 2)[0]
    else:
        status = http("GET", base + path, headers={"User-Agent": BROWSER}, timeout=FEW_SECONDS * 2)[0]
    return status, time.monotonic() - started


def page_cache_answers(base, path):
    """The page cache's answer to a second request for ``path`` ("hit" once the cache works), or the status."""
    http("GET", base + path, headers={"User-Agent": BROWSER})
    status, headers, _body = http("GET", base + path, headers={"User-Agent": BROWSER})
    return headers.get(HIT_HEADER) if status == 200 else status


def test_a_hung_redis_costs_a_request_at_most_one_timeout_and_kills_no_worker(home_page):
    index = make_news_index(home_page)
    article = make_news(index, "Hội nghị tổng kết công tác khuyến học", summary="Tổng kết năm học.")
    paths = ["/", index.url, article.url, "/api/v2/pages/", "/feeds/news/rss/", "/counter/hit/"]
    redis = PrivateRedis()
    log = []
    answers = []
    try:
        redis.start()
        settings = {
            "CACHE_KEY_PREFIX": f"sen-hung-{time.time_ns()}",
            "SEN_REDIS_TIMEOUT": 1,
            "SEN_REDIS_BREAKER_SECONDS": 5,
            "SEN_PAGE_CACHE": 1,  # as in production: every page and API answer reads the cache first
            "SEN_API_RATE_LIMIT": 100000,  # counted in Redis
        }
        with gunicorn(workers=2, redis_url=redis.url, output=log, timeout=20, **settings) as base:
            assert {timed_request(base, path)[0] for path in paths} == {200}  # caches filled

            redis.pause()  # accepts connections, never answers
            hung_until = time.monotonic() + HUNG_SECONDS
            while time.monotonic() < hung_until:
                answers += [(path, *timed_request(base, path)) for path in paths]
            during = counter_figures(base)

            redis.resume()
            # Each worker asks Redis again within SEN_REDIS_BREAKER_SECONDS of its last failure.
            recovered = []
            deadline = time.monotonic() + 30
            while not recovered or (recovered[-1] != ("hit", True) and time.monotonic() < deadline):
                time.sleep(0.5)
                recovered.append((page_cache_answers(base, "/api/v2/pages/"), counter_figures(base)["available"]))
    finally:
        redis.close()

    slowest = max(answers, key=lambda answer: answer[2])
    print(f"\nHung Redis for {HUNG_SECONDS} s: {len(answers)} requests, slowest {slowest[2]:.2f} s ({slowest[0]})")
    assert {status for _path, status, _seconds in answers} == {200}, [a for a in answers if a[1] != 200]
    assert slowest[2] < FEW_SECONDS, slowest
    assert during == {"available": False}
    output = log[0]
    assert "WORKER TIMEOUT" not in output and not re.search(r"Worker \(pid:\d+\) was sent", output), output[-3000:]
    # Redis answers again: the cache serves hits, the counter counts.
    assert recovered[-1] == ("hit", True), recovered
