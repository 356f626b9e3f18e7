"""The shipped proxy layer and scale-out: Debian's nginx with deploy/nginx/sen.conf in front of gunicorn.

A throwaway site (SQLite file, the demo content, production settings, Redis when REDIS_URL is set, local
memory otherwise) served by gunicorn on 127.0.0.1 behind nginx on a free port. An editor publishes a new
title through the admin; within 2 s nginx serves it on the page, its listing, the home page and the API
(the purge refreshed them), and, with two gunicorn instances behind nginx, each instance shows it too and
the visitor counter is one across both.
"""

import gzip
import os
import re
import secrets
import time

import pytest
import requests

from tests.load import driver
from tests.load.proxy import Nginx, nginx_missing
from tests.load.site import news_form, news_pages
from tests.load.stack import Gunicorn, free_port, prepare_site, production_env

pytestmark = pytest.mark.nginx

VISIBLE_WITHIN = 2.0  # seconds


@pytest.fixture(scope="module")
def proxied_env(tmp_path_factory):
    reason = nginx_missing()
    if reason:
        pytest.skip(reason)
    directory = tmp_path_factory.mktemp("sen-proxy")
    nginx_port = free_port()
    token = secrets.token_hex(16)
    env = production_env(
        f"sqlite:///{directory / 'sen.sqlite3'}",
        directory / "var",
        redis_url=os.environ.get("REDIS_URL", ""),
        CACHE_KEY_PREFIX=f"sen_proxy_{secrets.token_hex(4)}",
        SEN_SITE_HOST=f"127.0.0.1:{nginx_port}",
        SEN_PROXY_PURGE_URL=f"http://127.0.0.1:{nginx_port}",
        SEN_PROXY_PURGE_TOKEN=token,
        SEN_TRUSTED_PROXY_COUNT="1",
        # The purge runs once the publish is committed, in the request (no worker in this test).
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    prepare_site(env)
    return {"env": env, "dir": directory, "nginx_port": nginx_port, "token": token}


def proxy(proxied_env, upstreams, name):
    var = proxied_env["dir"] / "var"
    return Nginx(
        proxied_env["dir"] / name,
        [f"127.0.0.1:{port}" for port in upstreams],
        var / "static",
        var / "media",
        proxied_env["token"],
        port=proxied_env["nginx_port"],
    )


def title_of(html):
    match = re.search(r"<title>([^<]*)</title>", html)
    return match.group(1) if match else ""


def publish(base, password, page_id, slug, title):
    session = driver.login(base, password)
    data = {**news_form(title, slug), "action-publish": "1", "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    response = session.post(
        f"{base}/admin/pages/{page_id}/edit/",
        data=data,
        headers={"Referer": f"{base}/admin/pages/{page_id}/edit/"},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[-2000:]


def wait_for(check, within=VISIBLE_WITHIN):
    """Seconds until ``check()`` holds (fails after ``within``)."""
    started = time.monotonic()
    while True:
        if check():
            return time.monotonic() - started
        if time.monotonic() - started > within:
            pytest.fail(f"not visible within {within} s")
        time.sleep(0.05)


def shows(url, text, **kwargs):
    return text in requests.get(url, timeout=10, **kwargs).text


def test_publish_is_visible_through_the_proxy_within_2_seconds(proxied_env, tmp_path):
    env = proxied_env["env"]
    with (
        Gunicorn(env, workers=1, threads=4, log_path=tmp_path / "gunicorn.log") as app,
        proxy(proxied_env, [app.port], "nginx-one") as nginx,
    ):
        (page_id, slug), *_ = news_pages(nginx.base, 1)
        page_url = requests.get(f"{nginx.base}/api/v2/pages/{page_id}/", timeout=30).json()["meta"]["html_url"]
        path = "/" + page_url.split("/", 3)[3]
        index_path = path.rstrip("/").rsplit("/", 1)[0] + "/"
        urls = [nginx.base + path, nginx.base + index_path, nginx.base + "/", f"{nginx.base}/api/v2/pages/{page_id}/"]
        for url in urls:
            requests.get(url, timeout=30)
            again = requests.get(url, timeout=30)
            assert again.headers["X-Cache-Status"] == "HIT", url

        # A visitor with a session passes the cache; a wrong purge token does not.
        assert requests.get(urls[0], cookies={"sessionid": "x"}, timeout=10).headers["X-Cache-Status"] == "BYPASS"
        assert requests.get(urls[0], headers={"X-Sen-Purge": "guess"}, timeout=10).headers["X-Cache-Status"] == "HIT"

        # One compressed copy per URL: sent compressed to a client that accepts gzip, unpacked for one that does not.
        packed = requests.get(urls[0], headers={"Accept-Encoding": "gzip"}, timeout=10, stream=True)
        packed_bytes = packed.raw.read(decode_content=False)
        assert packed.headers["Content-Encoding"] == "gzip" and packed.headers["X-Cache-Status"] == "HIT"
        plain = requests.get(urls[0], headers={"Accept-Encoding": "identity"}, timeout=10, stream=True)
        assert "Content-Encoding" not in plain.headers and plain.headers["X-Cache-Status"] == "HIT"
        assert plain.raw.read(decode_content=False) == gzip.decompress(packed_bytes)

        # Static files and public media come from nginx itself, with byte ranges.
        static = requests.get(f"{nginx.base}/static/js/counter.js", headers={"Range": "bytes=0-9"}, timeout=10)
        assert static.status_code == 206 and len(static.content) == 10
        assert "X-Cache-Status" not in static.headers

        title = f"Tiêu đề mới {secrets.token_hex(3)}"
        publish(nginx.base, env["SEN_ADMIN_PASSWORD"], page_id, slug, title)
        elapsed = wait_for(lambda: all(shows(url, title) for url in urls))
        print(f"publish visible through nginx on the page, its listing, home and the API in {elapsed:.2f} s")
        assert requests.get(urls[0], timeout=10).headers["X-Cache-Status"] in ("HIT", "UPDATING", "REVALIDATED")


def test_two_app_servers_behind_nginx_share_everything(proxied_env, tmp_path):
    env = proxied_env["env"]
    with (
        Gunicorn(env, workers=1, threads=4, log_path=tmp_path / "a.log") as first,
        Gunicorn(env, workers=1, threads=4, log_path=tmp_path / "b.log") as second,
        proxy(proxied_env, [first.port, second.port], "nginx-two") as nginx,
    ):
        (page_id, slug), *_ = news_pages(nginx.base, 1)
        detail = f"/api/v2/pages/{page_id}/"
        bases = [nginx.base, first.base, second.base]
        for base in bases:  # each server's own page cache holds the old page
            for _ in range(2):
                requests.get(base + detail, timeout=30)

        title = f"Tin từ máy chủ thứ nhất {secrets.token_hex(3)}"
        publish(first.base, env["SEN_ADMIN_PASSWORD"], page_id, slug, title)
        elapsed = wait_for(lambda: all(shows(base + detail, title) for base in bases))
        print(f"publish through one app server visible through nginx and both servers in {elapsed:.2f} s")

        # The visitor counter is one across both servers: two new visitors, one through each.
        agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0 visitor-{}"
        before = requests.get(f"{first.base}/api/sen/counter", timeout=10).json()["total"]
        for number, base in enumerate((first.base, second.base)):
            requests.post(f"{base}/counter/hit/", headers={"User-Agent": agent.format(number)}, timeout=10)
        for base in bases:
            assert requests.get(f"{base}/api/sen/counter", timeout=10).json()["total"] == before + 2


def test_nginx_keeps_one_api_answer_per_language(proxied_env, tmp_path):
    """Under /api/ the language comes from Accept-Language: nginx's key holds it, as Sen's own cache does."""
    url = "/api/v2/pages/?type=documents.LegalDocumentPage&locale=vi&fields=status&limit=1&order=-id"
    with (
        Gunicorn(proxied_env["env"], workers=1, threads=4, log_path=tmp_path / "app.log") as app,
        proxy(proxied_env, [app.port], "nginx-languages") as nginx,
    ):
        answers = {}
        for language in ("en", "en", "vi", "vi", "en"):
            response = requests.get(nginx.base + url, headers={"Accept-Language": language}, timeout=30)
            assert response.status_code == 200
            assert response.headers["Content-Language"] == language
            answers.setdefault(language, []).append(response.json()["items"][0]["status"]["label"])
        assert response.headers["X-Cache-Status"] == "HIT"  # the last English one came from nginx's store
        assert len(set(answers["en"])) == 1 and len(set(answers["vi"])) == 1
        assert answers["en"][0] != answers["vi"][0]
