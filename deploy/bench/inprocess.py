"""The in-process half of `make bench` (run with the bench database's environment, after django.setup()).

Picks the URLs to drive, counts the queries of one anonymous request to each through django.test's Client
(CaptureQueriesContext), with the page cache off (cold) and on (warm: the second request), and saves the
bytes of the article page for the nginx ceiling.
"""

import tempfile

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page


def pick_urls():
    from articles.models import NewsIndexPage, NewsPage
    from centers.models import CenterPage

    article = NewsPage.objects.live().order_by("-first_published_at").first()
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
        ("sitemap section", "/sitemap-pages.xml"),
        ("search", f"/search/?q={word}"),
    ]
    return [(name, url) for name, url in urls if url]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def measure():
    rows = []
    article_file = None
    for name, url in pick_urls():
        with override_settings(SEN_PAGE_CACHE=False):
            response, cold = count(Client(), url)
        with override_settings(SEN_PAGE_CACHE=True):
            count(Client(), url)
            _, warm = count(Client(), url)
        rows.append(
            {"name": name, "url": url, "status": response.status_code, "queries_cold": cold, "queries_warm": warm}
        )
        if name == "article":
            with tempfile.NamedTemporaryFile(prefix="sen-bench-article-", suffix=".html", delete=False) as handle:
                handle.write(response.content)
                article_file = handle.name
    return {"rows": rows, "article_file": article_file, "debug": settings.DEBUG}
