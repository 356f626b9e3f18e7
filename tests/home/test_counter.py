"""The visitor counter: once a visitor a day, no bots or editors, no IP stored, never breaks a page."""

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import redis as redis_lib
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from home import counter
from home.models import PortalSettings, VisitorDay, VisitorPresence

BROWSER = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36"


def visit(client, agent=BROWSER, address="203.0.113.5"):
    response = client.post("/counter/hit/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    return response.json()


@pytest.fixture
def database_counter(settings):
    settings.SEN_COUNTER_BACKEND = "database"


@pytest.mark.django_db
def test_a_visitor_counts_once_a_day(client, home_page, database_counter):
    first = visit(client)
    again = visit(client)
    other = visit(client, address="198.51.100.7")

    assert first["today"] == 1 and first["total"] == 1
    assert again["today"] == 1 and again["total"] == 1
    assert other["today"] == 2 and other["total"] == 2
    assert other["online"] == 2


@pytest.mark.django_db
def test_the_next_day_counts_again_and_online_expires(rf, home_page, database_counter):
    request = rf.post("/counter/hit/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.5")
    request.user = AnonymousUser()
    now = timezone.now()
    counter.record_visit(request, now)
    figures = counter.record_visit(request, now + timedelta(days=1))
    assert figures.total == 2
    assert figures.today == 1
    later = counter.current_figures(now + timedelta(days=1, minutes=6))
    assert later.online == 0
    assert later.total == 2


@pytest.mark.django_db
def test_bots_and_logged_in_editors_are_not_counted(client, admin_client, home_page, database_counter):
    visit(client, agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    visit(client, agent="curl/8.5.0")
    visit(client, agent="")
    editor = admin_client.post("/counter/hit/", HTTP_USER_AGENT=BROWSER).json()
    assert editor["total"] == 0
    assert visit(client)["total"] == 1


@pytest.mark.django_db
def test_no_ip_address_is_stored(client, home_page, database_counter):
    visit(client, address="203.0.113.77")
    stored = list(VisitorDay.objects.values_list("visitor", flat=True))
    stored += list(VisitorPresence.objects.values_list("visitor", flat=True))
    assert len(stored) == 2
    assert all("203.0.113.77" not in value and "203" not in value[:3] for value in stored)
    with connection.cursor() as cursor:
        for table in ("home_visitorday", "home_visitorpresence"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert "203.0.113.77" not in repr(cursor.fetchall())


@pytest.mark.django_db
def test_figures_display_with_vietnamese_grouping(client, home_page, database_counter):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.visitor_count_start = 873968
    portal.save()
    data = visit(client)
    assert data["total"] == 873969
    assert data["formatted"]["total"] == "873.969"
    html = client.get("/").content.decode()
    assert "Tổng lượt truy cập" in html
    assert "873.969" in html
    assert "Đang truy cập" in html and "Hôm nay" in html


@pytest.mark.django_db
def test_pages_still_render_when_redis_is_down(client, home_page, monkeypatch):
    dead = redis_lib.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, socket_timeout=0.2)
    monkeypatch.setattr(counter, "get_counter", lambda: counter.RedisCounter(connection=dead))
    page = client.get("/", HTTP_USER_AGENT=BROWSER)
    assert page.status_code == 200
    assert "Tổng lượt truy cập" in page.content.decode()
    beacon = client.post("/counter/hit/", HTTP_USER_AGENT=BROWSER)
    assert beacon.status_code == 200
    assert beacon.json() == {"available": False}
    assert client.get("/counter/pixel.gif", HTTP_USER_AGENT=BROWSER).status_code == 200


@pytest.mark.django_db
def test_beacon_refuses_other_methods(client, home_page):
    assert client.get("/counter/hit/").status_code == 405


def _parallel_first_visits(base_url, visitors=200, repeats=1):
    def hit(index):
        request = urllib.request.Request(  # noqa: S310
            f"{base_url}/counter/hit/",
            method="POST",
            headers={"User-Agent": f"{BROWSER} visitor/{index}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.load(response)

    with ThreadPoolExecutor(max_workers=24) as pool:
        list(pool.map(hit, [i % visitors for i in range(visitors * repeats)]))
    return hit(0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_parallel_first_visits_add_exactly_200(live_server, settings):
    from home.demo import ensure_home_page

    ensure_home_page()
    settings.SEN_COUNTER_BACKEND = "redis" if settings.REDIS_URL else "database"
    if settings.REDIS_URL:
        settings.CACHE_KEY_PREFIX = f"sen-test-{timezone.now().timestamp()}"
    final = _parallel_first_visits(live_server.url, visitors=200, repeats=2)
    assert final["available"] is True
    assert final["today"] == 200
    assert final["total"] == 200


@pytest.mark.redis
def test_redis_counter_keeps_state_in_redis(settings):
    settings.CACHE_KEY_PREFIX = f"sen-test-{timezone.now().timestamp()}"
    store = counter.RedisCounter()
    now = timezone.now()
    assert store.hit("visitor-a", now) is True
    assert store.hit("visitor-a", now) is False
    assert store.hit("visitor-b", now) is True
    # A second app server sees the same figures through its own connection.
    other_server = counter.RedisCounter(connection=redis_lib.Redis.from_url(settings.REDIS_URL))
    figures = other_server.figures(now)
    assert (figures.online, figures.today, figures.total) == (2, 2, 2)


def test_visitor_key_is_stable_per_day_and_hides_the_address():
    factory = RequestFactory()
    request = factory.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.5")
    today = timezone.localdate()
    key = counter.visitor_key(request, today)
    assert key == counter.visitor_key(request, today)
    assert key != counter.visitor_key(request, today + timedelta(days=1))
    assert "203.0.113.5" not in key


def visit_through(client, forwarded_for, address):
    response = client.post(
        "/counter/hit/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded_for
    )
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_a_made_up_x_forwarded_for_never_counts_one_visitor_as_many(client, home_page, database_counter, settings):
    """Only the hops the site's own proxies appended count (SEN_TRUSTED_PROXY_COUNT), as for the API rate limit."""
    settings.SEN_TRUSTED_PROXY_COUNT = 0  # no proxy: the header is the client's own invention
    for spoof in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        figures = visit_through(client, spoof, address="203.0.113.5")
    assert figures["today"] == 1

    settings.SEN_TRUSTED_PROXY_COUNT = 1  # one proxy: it appended the address it saw, the rest is made up
    proxy = "10.0.0.1"
    for spoof in ("198.51.100.1", "198.51.100.2, 198.51.100.9", ""):
        figures = visit_through(client, f"{spoof}, 192.0.2.10".lstrip(", "), address=proxy)
    assert figures["today"] == 2  # + the one visitor at 192.0.2.10
    # Another real visitor behind the proxy (same browser) is another visitor, not the proxy's address again.
    assert visit_through(client, "192.0.2.11", address=proxy)["today"] == 3
