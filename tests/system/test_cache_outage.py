"""A cache outage is never a visitor-facing error: with Redis unreachable every kind of URL answers 200.

The cache settings are the real ones (``cms/settings/base.py`` read again with ``REDIS_URL``
pointing at a port where nothing listens), not a stand-in.
"""

import importlib.util
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.images.models import Rendition
from wagtail.models import Page

from cms.settings import base as base_settings

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings_with_env(monkeypatch, **environ):
    """The settings module as a fresh process with ``environ`` would compute it."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("sen_settings_probe", base_settings.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def redis_unreachable(settings, monkeypatch):
    probe = settings_with_env(monkeypatch, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0")
    settings.REDIS_URL = probe.REDIS_URL
    settings.CACHES = probe.CACHES  # override_settings resets the cache connections
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = probe.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS
    settings.DJANGO_REDIS_LOGGER = probe.DJANGO_REDIS_LOGGER
    settings.SEN_COUNTER_BACKEND = None
    assert cache.get("anything") is None  # the outage is real (and ignored)
    return settings


def public_urls():
    urls = []
    seen_types = set()
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.url and (type(page) not in seen_types or page.depth <= 2):
            seen_types.add(type(page))
            urls.append(page.url)
    assert len(seen_types) >= 6, seen_types
    first_page = Page.objects.live().public().filter(depth__gt=2).first()
    urls += [
        "/search/?q=cong+dong",
        "/sitemap.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{first_page.pk}/",
        "/api/v2/pages/?type=articles.NewsPage&fields=*",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v3/pages/",
        "/api/sen/counter",
        "/api/sen/announcements",
        "/api/sen/search?q=cong+dong",
        "/api/sen/centers/stats/totals",
    ]
    for kind in ("news", "videos"):
        for form in ("rss", "atom", "json"):
            urls += [f"/feeds/{kind}/{form}/", f"/en/feeds/{kind}/{form}/"]
    return urls


@pytest.mark.django_db
def test_every_url_answers_200_while_redis_is_unreachable(client, demo_site, redis_unreachable):
    client.raise_request_exception = False
    failures = {}
    for url in public_urls():
        if "/feeds/" in url:
            # Each feed on cold renditions: the warm second request is the crawl test's business
            # (issue 11, item 2); this test is about the cache outage.
            Rendition.objects.all().delete()
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
        if response.status_code != 200:
            failures[url] = response.status_code
    assert failures == {}
    # The visitor counter says it is unavailable, as it does whenever its store is down.
    beacon = client.post("/counter/hit/", HTTP_USER_AGENT=BROWSER)
    assert beacon.status_code == 200 and beacon.json() == {"available": False}


@pytest.mark.django_db
def test_the_admin_login_works_while_redis_is_unreachable(client, home_page, redis_unreachable):
    get_user_model().objects.create_superuser("bientap", "bientap@example.com", "mat-khau-dai-1")
    for url in ("/admin/login/", "/django-admin/login/"):
        assert client.get(url).status_code == 200
    signed_in = client.post("/admin/login/", {"username": "bientap", "password": "mat-khau-dai-1"})
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_the_api_rate_limit_still_counts_while_redis_is_unreachable(client, home_page, redis_unreachable):
    redis_unreachable.SEN_API_RATE_LIMIT = 3
    redis_unreachable.SEN_API_RATE_WINDOW = 3600
    statuses = [client.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.44").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
