"""A consuming site, end to end over real HTTP: list, fetch, revalidate (304), signed webhooks, draft preview.

Sen runs in pytest-django's live server; the consuming site is this test, with its own
webhook receiver (http.server on 127.0.0.1, in a thread) and its own signature check.
"""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from cms.preview import tokens as preview
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.articles.factories import make_news, make_news_index

SECRET = "bi-mat-cua-cong-tinh-2018-0123456789"


class Receiver:
    """The consuming site's webhook endpoint: records each POST and answers 200."""

    def __init__(self):
        self.received = []
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                receiver.arrived.set()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sen"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def signature_is_valid(secret, headers, body, tolerance=300):
    """What docs/api.md tells a consumer to do: HMAC-SHA256 over "<timestamp>.<raw body>", recent timestamp."""
    timestamp = headers["X-Sen-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(expected, headers["X-Sen-Signature"])


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def newsroom(home_page):
    index = make_news_index(home_page)
    first = make_news(index, "Trung tâm học tập cộng đồng Phường 4 tổng kết năm học", summary="Tổng kết năm học.")
    second = make_news(index, "Hội Khuyến học trao học bổng", summary="Trao 50 suất học bổng.")
    return {"index": index, "news": [first, second]}


# The live server needs a transactional test. serialized_rollback loads the migrated data
# (root page, locales, groups) first, whatever an earlier transactional test flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_consuming_site_lists_fetches_revalidates_hears_and_previews(live_server, receiver, newsroom):
    WebhookSubscription.objects.create(url=receiver.url, secret=SECRET, events=["page.published"])
    api = live_server.url + "/api/v2/pages/"
    http = requests.Session()

    # List the latest news in Vietnamese, then show one article.
    listing = http.get(api, params={"type": "articles.NewsPage", "locale": "vi", "fields": "summary"}, timeout=10)
    assert listing.status_code == 200
    items = listing.json()["items"]
    assert {item["title"] for item in items} == {page.title for page in newsroom["news"]}
    article_url = api + f"{items[0]['id']}/"
    article = http.get(article_url, timeout=10)
    assert article.status_code == 200 and article.json()["title"] == items[0]["title"]
    assert article.headers["Cache-Control"].startswith("public")

    # Revalidate cheaply: nothing changed, so 304 with no body.
    again = http.get(article_url, headers={"If-None-Match": article.headers["ETag"]}, timeout=10)
    assert again.status_code == 304 and again.content == b""
    listing_etag = listing.headers["ETag"]
    assert (
        http.get(
            api,
            params={"type": "articles.NewsPage", "locale": "vi", "fields": "summary"},
            headers={"If-None-Match": listing_etag},
            timeout=10,
        ).status_code
        == 304
    )

    # An editor publishes: the consuming site hears about it, signed.
    published = make_news(newsroom["index"], "Khai giảng lớp tiếng Anh cho thiếu nhi", summary="Lớp học hè.")
    assert receiver.arrived.wait(10), "no webhook arrived"
    [hook] = receiver.received
    assert signature_is_valid(SECRET, hook["headers"], hook["body"])
    assert not signature_is_valid("not-the-secret-0000000000", hook["headers"], hook["body"])
    payload = json.loads(hook["body"])
    assert hook["headers"]["X-Sen-Event"] == payload["event"] == "page.published"
    assert payload["id"] == published.pk and payload["type"] == "articles.NewsPage" and payload["locale"] == "vi"
    assert payload["api_url"].endswith(f"/api/v2/pages/{published.pk}/")
    assert WebhookDelivery.objects.get().status == WebhookDelivery.SUCCEEDED

    # Its cached listing is now stale: revalidation gives the new list, not a 304.
    fresh = http.get(
        api,
        params={"type": "articles.NewsPage", "locale": "vi", "fields": "summary"},
        headers={"If-None-Match": listing_etag},
        timeout=10,
    )
    assert fresh.status_code == 200
    assert "Khai giảng lớp tiếng Anh cho thiếu nhi" in {item["title"] for item in fresh.json()["items"]}

    # A draft, previewed on the consuming site with a token; the public API still shows the live version.
    draft = newsroom["news"][1]
    draft.title = "Hội Khuyến học trao học bổng (sửa nháp)"
    draft.save_revision()
    token = preview.make_token(draft)
    previewed = http.get(live_server.url + "/api/preview/", params={"token": token}, timeout=10)
    assert previewed.status_code == 200 and previewed.json()["title"] == "Hội Khuyến học trao học bổng (sửa nháp)"
    assert http.get(api + f"{draft.pk}/", timeout=10).json()["title"] == "Hội Khuyến học trao học bổng"
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    tampered = http.get(live_server.url + "/api/preview/", params={"token": forged}, timeout=10)
    assert tampered.status_code == 403 and "sửa nháp" not in tampered.text
