"""Background work goes through django-tasks' database queue, run by `manage.py sen_worker` (issue 11, item 12).

Publishing must never wait on a webhook subscriber: with the database backend (the default of the production
and dev settings) the publishing request only records the delivery and queues it; the worker sends it.
"""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import NewsPage
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.articles.factories import make_news_index
from tests.articles.test_pages import add_page_url, news_form_data
from tests.utils import run_manage
from tests.webhook_receiver import Receiver

DB_BACKEND = "django_tasks_db.DatabaseBackend"
SAFE_ENV = {"SEN_VAR_DIR": "/tmp/sen-settings-test-var", "TASKS_BACKEND": ""}
SECRET = "một-bí-mật-đủ-dài-0123456789"


def backend_of(settings_module, **env):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        settings=settings_module,
        env={**SAFE_ENV, "SECRET_KEY": "a-long-throwaway-secret-" * 3, "ALLOWED_HOSTS": "x", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("module", ["cms.settings.production", "cms.settings.dev"])
def test_production_and_dev_queue_background_work_in_the_database(module):
    import os

    env = {key: value for key, value in os.environ.items() if key != "TASKS_BACKEND"}
    assert "TASKS_BACKEND" not in env
    assert backend_of(module) == DB_BACKEND
    # An operator can still choose another backend.
    assert backend_of(module, TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend").endswith(
        "ImmediateBackend"
    )


@pytest.fixture
def database_queue(settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": DB_BACKEND}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    yield
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_returns_at_once_with_a_hanging_subscriber_and_the_worker_delivers(
    database_queue, admin_client, home_page, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.SEN_WEBHOOK_TIMEOUT = 5
    news_index = make_news_index(home_page)
    with Receiver(hold_limit=30) as receiver:
        WebhookSubscription.objects.create(url=receiver.url, secret=SECRET, events=["page.published"])
        receiver.hold.set()  # a subscriber that never answers
        data = {**news_form_data(), "action-publish": "1"}
        response = admin_client.post(add_page_url(NewsPage, news_index), data)
        assert response.status_code == 302, response.content[:500]
        page = NewsPage.objects.get(slug=data["slug"])
        assert page.live

        # The request came back without contacting the subscriber: the delivery waits in the queue.
        assert receiver.requests == []
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.PENDING and delivery.attempts == 0
        [queued] = DBTaskResult.objects.filter(task_path="cms.webhooks.tasks.deliver_webhook")
        assert queued.status == "READY"

        # The worker sends it.
        receiver.hold.clear()
        call_command("sen_worker", "--once", verbosity=0)
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.SUCCEEDED and delivery.attempts == 1
        [sent] = receiver.requests
        assert sent["headers"]["X-Sen-Delivery"] == str(delivery.uuid)
        assert json.loads(sent["body"])["id"] == page.pk
        queued.refresh_from_db()
        assert queued.status == "SUCCESSFUL"
        # Wagtail's own background work queued by the publish (search index, references) ran too.
        assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
        assert admin_client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_the_worker_prunes_old_finished_task_results(database_queue):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from cms.webhooks.tasks import deliver_webhook

    old, recent = deliver_webhook.enqueue(0), deliver_webhook.enqueue(0)
    call_command("sen_worker", "--once", verbosity=0)  # runs both (no such delivery: nothing to send)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=timezone.now() - datetime.timedelta(days=15))
    call_command("sen_worker", "--once", verbosity=0)
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [str(recent.id)]
