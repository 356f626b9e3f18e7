"""Webhooks: signed deliveries on publish/unpublish/delete/move and announcement changes, retries, admin."""

import datetime
import json
from unittest import mock

import pytest
import requests
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.webhooks import delivery as webhook_delivery
from cms.webhooks import tasks as webhook_tasks_module
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from home.models import Announcement
from tests.articles.factories import make_news, make_news_index

SECRET = "một-bí-mật-đủ-dài-0123456789"


class FakeResponse:
    def __init__(self, status_code=200, text="ok"):
        self.status_code = status_code
        self.text = text


class Recorder:
    """Stands in for requests.post: records what Sen sends and answers as told."""

    def __init__(self, answers=None):
        self.calls = []
        self.answers = list(answers or [])

    def __call__(self, url, data=None, headers=None, timeout=None, **kwargs):
        self.calls.append({"url": url, "body": data, "headers": headers, "timeout": timeout})
        answer = self.answers.pop(0) if self.answers else FakeResponse()
        if isinstance(answer, Exception):
            raise answer
        return answer

    def events(self):
        return [json.loads(call["body"])["event"] for call in self.calls]


def subscribe(events=None, url="https://receiver.example.org/hooks", **fields):
    return WebhookSubscription.objects.create(
        url=url, secret=SECRET, events=events or ["page.published", "page.unpublished", "page.deleted", "page.moved"],
        **fields,
    )  # fmt: skip


@pytest.fixture
def recorder(monkeypatch):
    fake = Recorder()
    monkeypatch.setattr(webhook_delivery.requests, "post", fake)
    return fake


def test_publishing_a_page_sends_a_signed_payload(news_index, recorder, django_capture_on_commit_callbacks):
    subscribe()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, "Khai giảng lớp tin học cho người cao tuổi")

    assert recorder.events() == ["page.published"]
    call = recorder.calls[0]
    payload = json.loads(call["body"])
    assert payload["id"] == page.pk
    assert payload["type"] == "articles.NewsPage"
    assert payload["locale"] == "vi"
    assert payload["url"].endswith(page.url)
    assert payload["api_url"].endswith(f"/api/v2/pages/{page.pk}/")
    assert datetime.datetime.fromisoformat(payload["time"]).tzinfo is not None
    headers = call["headers"]
    assert headers["X-Sen-Event"] == "page.published"
    assert webhook_delivery.verify(SECRET, headers["X-Sen-Timestamp"], call["body"], headers["X-Sen-Signature"])
    assert not webhook_delivery.verify("another-secret-0000000", headers["X-Sen-Timestamp"], call["body"],
                                       headers["X-Sen-Signature"])  # fmt: skip
    assert call["timeout"] == 5
    logged = WebhookDelivery.objects.get()
    assert logged.status == WebhookDelivery.SUCCEEDED
    assert str(logged.uuid) == headers["X-Sen-Delivery"]
    assert logged.status_code == 200 and logged.delivered_at is not None


def test_signature_covers_the_timestamp_so_a_replay_with_a_new_time_fails():
    body = b'{"event":"page.published","id":1}'
    signature = webhook_delivery.sign(SECRET, 1_700_000_000, body)
    assert webhook_delivery.verify(SECRET, 1_700_000_000, body, signature, now=1_700_000_010)
    assert not webhook_delivery.verify(SECRET, 1_700_000_999, body, signature, now=1_700_001_000)
    assert not webhook_delivery.verify(SECRET, 1_700_000_000, body, signature, now=1_700_009_999)
    assert not webhook_delivery.verify(SECRET, 1_700_000_000, body + b" ", signature, now=1_700_000_010)


def test_unpublish_move_and_delete_are_sent(home_page, news_index, recorder, django_capture_on_commit_callbacks):
    subscribe()
    page = make_news(news_index, "Hội thi tìm hiểu pháp luật")
    other_index = make_news_index(home_page, slug="tin-khac", title="Tin khác")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other_index, pos="last-child")
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.delete()

    assert recorder.events() == ["page.unpublished", "page.moved", "page.deleted"]
    moved = json.loads(recorder.calls[1]["body"])
    assert "/tin-khac/" in moved["url"] and "/tin-tuc/" in moved["old_url"]
    deleted = json.loads(recorder.calls[2]["body"])
    assert deleted["id"] == page.pk and deleted["type"] == "articles.NewsPage"


def test_only_active_subscriptions_with_the_event_receive_it(news_index, recorder, django_capture_on_commit_callbacks):
    subscribe(events=["page.deleted"], url="https://a.example.org/")
    subscribe(active=False, url="https://b.example.org/")
    wanted = subscribe(events=["page.published"], url="https://c.example.org/")
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, "Tuyên dương gia đình học tập")
    assert [call["url"] for call in recorder.calls] == [wanted.url]


def test_announcement_changes_are_sent(db, recorder, django_capture_on_commit_callbacks):
    subscribe(events=["snippet.published", "snippet.unpublished", "snippet.deleted"])
    announcement = Announcement(title="Lịch tiếp công dân tháng 12", live=False)
    announcement.save()
    with django_capture_on_commit_callbacks(execute=True):
        announcement.save_revision().publish()
    announcement.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        announcement.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        announcement.delete()
    assert recorder.events() == ["snippet.published", "snippet.unpublished", "snippet.deleted"]
    payload = json.loads(recorder.calls[0]["body"])
    assert payload["type"] == "home.Announcement" and payload["title"] == "Lịch tiếp công dân tháng 12"
    assert payload["api_url"].endswith("/api/sen/announcements?locale=vi")


@pytest.mark.parametrize(
    "failure",
    [requests.ConnectionError("Connection refused"), requests.Timeout("timed out"), FakeResponse(500, "Lỗi")],
    ids=["refused", "timeout", "http-500"],
)
def test_a_failing_subscriber_never_breaks_publishing(news_index, monkeypatch, failure,
                                                      django_capture_on_commit_callbacks):  # fmt: skip
    monkeypatch.setattr(webhook_delivery.requests, "post", Recorder([failure]))
    subscribe()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, "Ra mắt câu lạc bộ đọc sách")
    assert page.live
    logged = WebhookDelivery.objects.get()
    assert logged.status == WebhookDelivery.RETRYING
    assert logged.attempts == 1 and logged.error
    assert logged.next_retry_at > timezone.now()


def test_real_connection_refused_is_logged_not_raised(news_index, django_capture_on_commit_callbacks):
    subscribe(url="http://127.0.0.1:9/hooks")  # the discard port: nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, "Tập huấn cán bộ thư viện")
    assert page.live
    assert WebhookDelivery.objects.get().status == WebhookDelivery.RETRYING


def test_broken_delivery_machinery_never_breaks_publishing(news_index, django_capture_on_commit_callbacks):
    subscribe()
    with (
        mock.patch("cms.webhooks.delivery.create_deliveries", side_effect=RuntimeError("database gone")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = make_news(news_index, "Giao lưu văn nghệ")
    assert page.live


def test_retries_back_off_exponentially_then_give_up(news_index, recorder, settings,
                                                     django_capture_on_commit_callbacks):  # fmt: skip
    settings.SEN_WEBHOOK_MAX_ATTEMPTS = 3
    settings.SEN_WEBHOOK_RETRY_DELAY = 60
    recorder.answers = [FakeResponse(503), FakeResponse(502), FakeResponse(500)]
    subscribe()
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, "Ngày hội đọc sách")
    logged = WebhookDelivery.objects.get()
    first_wait = logged.next_retry_at - logged.last_attempt_at
    assert first_wait == datetime.timedelta(seconds=60)

    call_command("deliver_webhooks")  # not due yet: nothing sent
    assert len(recorder.calls) == 1

    WebhookDelivery.objects.update(next_retry_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("deliver_webhooks")
    logged.refresh_from_db()
    assert len(recorder.calls) == 2 and logged.attempts == 2
    assert logged.next_retry_at - logged.last_attempt_at == datetime.timedelta(seconds=120)

    WebhookDelivery.objects.update(next_retry_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("deliver_webhooks")
    logged.refresh_from_db()
    assert logged.status == WebhookDelivery.FAILED and logged.next_retry_at is None and logged.attempts == 3
    call_command("deliver_webhooks")
    assert len(recorder.calls) == 3


def test_a_retry_that_succeeds_is_marked_delivered(news_index, recorder, django_capture_on_commit_callbacks):
    recorder.answers = [requests.Timeout("timed out"), FakeResponse(204, "")]
    subscribe()
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, "Trao học bổng khuyến học")
    WebhookDelivery.objects.update(next_retry_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("deliver_webhooks")
    logged = WebhookDelivery.objects.get()
    assert logged.status == WebhookDelivery.SUCCEEDED and logged.status_code == 204 and logged.attempts == 2
    assert recorder.calls[0]["headers"]["X-Sen-Delivery"] == recorder.calls[1]["headers"]["X-Sen-Delivery"]


# The admin.


@pytest.fixture
def admin_client_vi(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "quantri@example.org", "mat-khau-dai-123")
    client.force_login(user)
    return client


def test_admin_subscription_secret_is_write_only(admin_client_vi):
    response = admin_client_vi.post(
        reverse("webhook_subscriptions:add"),
        {"url": "https://tinh.example.gov.vn/hooks", "secret": SECRET, "events": ["page.published"],
         "active": "on", "description": "Cổng tỉnh"},
    )  # fmt: skip
    assert response.status_code == 302
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret == SECRET and subscription.events == ["page.published"]

    listing = admin_client_vi.get(reverse("webhook_subscriptions:index")).content.decode()
    edit = admin_client_vi.get(reverse("webhook_subscriptions:edit", args=[subscription.pk])).content.decode()
    assert "tinh.example.gov.vn" in listing
    assert SECRET not in listing and SECRET not in edit

    response = admin_client_vi.post(
        reverse("webhook_subscriptions:edit", args=[subscription.pk]),
        {"url": "https://tinh.example.gov.vn/hooks", "secret": "", "events": ["page.published", "page.deleted"],
         "active": "on", "description": "Cổng tỉnh"},
    )  # fmt: skip
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.secret == SECRET
    assert subscription.events == ["page.published", "page.deleted"]


def test_admin_rejects_a_short_secret_in_vietnamese(admin_client_vi):
    response = admin_client_vi.post(
        reverse("webhook_subscriptions:add"),
        {"url": "https://tinh.example.gov.vn/hooks", "secret": "ngan", "events": ["page.published"]},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    assert "ít nhất 16 ký tự" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_editors_can_read_the_delivery_log_but_not_change_it(news_index, recorder, client, django_user_model,
                                                             django_capture_on_commit_callbacks):  # fmt: skip
    from cms.workflows import roles

    roles.setup_roles()
    subscribe()
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, "Hội nghị tổng kết năm học")
    editor = django_user_model.objects.create_user("bientap", "bientap@example.org", "mat-khau-dai-123")
    editor.groups.add(roles.role_group(roles.EDITOR))
    client.force_login(editor)

    listing = client.get(reverse("webhook_deliveries:index"))
    assert listing.status_code == 200
    assert "Hội nghị tổng kết năm học" in listing.content.decode()
    delivery = WebhookDelivery.objects.get()
    inspect = client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    assert inspect.status_code == 200 and str(delivery.uuid) in inspect.content.decode()
    assert client.get(reverse("webhook_subscriptions:index")).status_code in (302, 403)
    assert "webhook_deliveries:edit" not in str(client.get(reverse("webhook_deliveries:index")).content)


def webhook_tasks(backend):
    from cms.webhooks.tasks import deliver_webhook

    return [result for result in backend.results if result.task.func is deliver_webhook.func]


def test_with_a_worker_backend_publishing_only_enqueues_and_retries_are_deferred(
    news_index, recorder, settings, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    subscribe()
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, "Thi đua dạy tốt học tốt")
    assert recorder.calls == []  # nothing sent during the publish: a worker will run the task
    [queued] = webhook_tasks(backend)
    delivery = WebhookDelivery.objects.get()
    assert queued.args == [delivery.pk] and delivery.status == WebhookDelivery.PENDING

    recorder.answers = [FakeResponse(500)]
    webhook_tasks_module.deliver_webhook.call(delivery.pk)  # what the worker does with the task
    delivery.refresh_from_db()
    retry = webhook_tasks(backend)[-1]
    assert delivery.status == WebhookDelivery.RETRYING
    assert retry.task.run_after == delivery.next_retry_at and retry.args == [delivery.pk]
