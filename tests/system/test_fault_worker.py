"""Fault test: the worker is killed (SIGKILL) in the middle of a webhook delivery (issue 11).

Real processes (`manage.py sen_worker`) on the test database and a real receiver on 127.0.0.1 that holds the
first request open. The delivery must be sent again by the next workers once its lease runs out, never be
lost, never be sent by two workers at once, never be recorded twice, and carry the same X-Sen-Delivery id
every time so the receiver can de-duplicate.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.articles.factories import make_news, make_news_index
from tests.utils import ROOT
from tests.webhook_receiver import Receiver

DB_BACKEND = "django_tasks_db.DatabaseBackend"
SECRET = "một-bí-mật-đủ-dài-0123456789"
LEASE = 6  # seconds; well above the attempt timeout below, as the setting's comment asks
TIMEOUT = 3


def database_url():
    """The URL of the database this test runs on, for the worker processes."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host, port = params.get("HOST") or "127.0.0.1", params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


def start_worker(log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": DB_BACKEND,
        "SEN_WEBHOOK_LEASE": str(LEASE),
        "SEN_WEBHOOK_TIMEOUT": str(TIMEOUT),
    }
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "sen_worker", "--interval", "1", "--queue-interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DB_BACKEND}}
    yield
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delivery_survives_its_worker_being_killed(database_queue, home_page, tmp_path):
    workers = []
    log = open(tmp_path / "workers.log", "w+b")  # noqa: SIM115
    try:
        news_index = make_news_index(home_page)
        with Receiver(hold_limit=60) as receiver:
            subscription = WebhookSubscription.objects.create(
                url=receiver.url, secret=SECRET, events=["page.published"]
            )
            receiver.hold.set()
            page = make_news(news_index, "Hội Khuyến học tổng kết năm học")
            delivery = WebhookDelivery.objects.get(subscription=subscription)
            assert delivery.status == WebhookDelivery.PENDING

            # The first worker takes the delivery; the receiver holds the request open; the worker dies.
            first = start_worker(log)
            workers.append(first)
            assert receiver.wait_for(1, timeout=60), "the first worker never sent the delivery"
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            killed_at = time.monotonic()
            delivery.refresh_from_db()
            assert delivery.status == WebhookDelivery.SENDING and delivery.attempts == 1

            # Two new workers race for it once the lease has run out; the receiver now answers at once.
            receiver.hold.clear()
            receiver.release.set()
            workers += [start_worker(log), start_worker(log)]

            def delivered():
                delivery.refresh_from_db()
                return delivery.status == WebhookDelivery.SUCCEEDED

            assert wait_until(delivered, timeout=LEASE + 40), _log(log)
            time.sleep(3)  # a duplicate would show up now
            delivery.refresh_from_db()

        first_request, second_request = receiver.requests  # sent again exactly once, not lost
        assert len(receiver.requests) == 2
        ids = {request["headers"]["X-Sen-Delivery"] for request in receiver.requests}
        assert ids == {str(delivery.uuid)}  # one stable id the receiver can de-duplicate on
        assert {json.loads(request["body"])["id"] for request in receiver.requests} == {page.pk}
        # Never two at once: the retry started after the dead worker's claim had expired.
        assert second_request["started"] >= killed_at
        assert second_request["started"] - first_request["started"] >= LEASE - 0.5
        # Recorded once: two attempts, one success, one delivery row.
        assert delivery.status == WebhookDelivery.SUCCEEDED
        assert delivery.attempts == 2 and delivery.status_code == 200
        assert WebhookDelivery.objects.filter(subscription=subscription).count() == 1
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(5)
        log.close()


def _log(log):
    log.flush()
    log.seek(0)
    return log.read().decode(errors="replace")[-3000:]
