"""The in-process half of `make bench` (run with the bench database's environment, after django.setup()).

Picks the URLs to drive, counts the queries of one anonymous request to each through django.test's Client
(CaptureQueriesContext), with the page cache off (cold: the site chrome cached, as on every request but the
first after a change) and on (warm: the second request), times BENCH_INPROCESS_REPEAT requests to each
in-process (median and p95 ms, page cache off and on), and saves the bytes of the article page for the
nginx ceiling.
"""

import os
import statistics
import tempfile
import time
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Locale, Page


def pick_urls():
    from articles.models import NewsIndexPage, NewsPage
    from centers.models import CenterPage

    # The newest article in the site's own language, as on the home page: at 100,000 articles one of the
    # generated ones, with its category's 25,000 neighbours (the English demo translation has none).
    default = Locale.get_default()
    article = NewsPage.objects.live().filter(locale=default).order_by(F("date").desc(nulls_last=True), "-pk").first()
    news_index = NewsIndexPage.objects.live().first()
    centre = CenterPage.objects.live().order_by("pk").first()
    home = Page.objects.filter(depth=2).live().first()
    last = max(1, -(-NewsPage.objects.live().child_of(news_index).count() // 12)) if news_index else 1
    word = article.title.split()[0] if article else "học"
    urls = [
        ("home", home.get_url() if home else "/"),
        ("article", article.get_url()),
        ("news list p1", news_index.get_url()),
        (f"news list p{min(2000, last)}", f"{news_index.get_url()}?page={min(2000, last)}"),
        ("centre profile", centre.get_url() if centre else None),
        ("statistics", "/api/sen/centers/stats/years"),
        ("API v2 list", "/api/v2/pages/?type=articles.NewsPage&fields=*"),
        ("API v2 detail", f"/api/v2/pages/{article.pk}/"),
        ("/api/sen/ announcements", "/api/sen/announcements"),
        ("/api/sen/ stats totals", "/api/sen/centers/stats/totals"),
        ("feed (news RSS)", "/feeds/news/rss/"),
        ("sitemap index", "/sitemap.xml"),
        ("search", f"/search/?q={quote(word)}"),  # wrk sends the URL as it is: "Ở" must be %E1%BB%9E
        # Last: uncached, a section of 50,000 URLs takes seconds, and the requests wrk leaves queued
        # keep the cold gunicorn busy for a while after its cell.
        ("sitemap section", "/sitemap-pages.xml"),
    ]
    return [(name, url) for name, url in urls if url]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


# Requests per URL timed in-process (page cache off): the median is reported.
REPEAT = int(os.environ.get("BENCH_INPROCESS_REPEAT", 30))


# ... or fewer, when they take longer than this in all (at least 3): a slow uncached URL (a sitemap section
# made larger with SEN_SITEMAP_LIMIT, say) must not take most of the run.
BUDGET_SECONDS = float(os.environ.get("BENCH_INPROCESS_SECONDS", 20))


def timed(client, url, repeat=REPEAT):
    """Median and p95 milliseconds of ``repeat`` requests to ``url`` in this process (no HTTP, no proxy)."""
    durations = []
    deadline = time.perf_counter() + BUDGET_SECONDS
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
        if len(durations) >= 3 and time.perf_counter() > deadline:
            break
    durations.sort()
    return statistics.median(durations), durations[min(len(durations) - 1, int(len(durations) * 0.95))]


def measure():
    rows = []
    article_file = None
    for name, url in pick_urls():
        with override_settings(SEN_PAGE_CACHE=False):
            count(Client(), url)  # the first request after start-up fills the chrome cache (cms/chrome.py)
            response, cold = count(Client(), url)
            median_ms, p95_ms = timed(Client(), url)
        with override_settings(SEN_PAGE_CACHE=True):
            count(Client(), url)
            _, warm = count(Client(), url)
            warm_median_ms, _warm_p95 = timed(Client(), url)
        rows.append(
            {
                "name": name,
                "url": url,
                "status": response.status_code,
                "queries_cold": cold,
                "queries_warm": warm,
                "inprocess_ms_cold": round(median_ms, 2),
                "inprocess_p95_ms_cold": round(p95_ms, 2),
                "inprocess_ms_warm": round(warm_median_ms, 2),
            }
        )
        if name == "article":
            with tempfile.NamedTemporaryFile(prefix="sen-bench-article-", suffix=".html", delete=False) as handle:
                handle.write(response.content)
                article_file = handle.name
    return {"rows": rows, "article_file": article_file, "debug": settings.DEBUG}
