"""An existing database at the schema before the feature apps (issue 13) migrates with its data intact.

Until then webhooks, preview epochs, the content change time and rate-limit counts were models of the
``cms`` app. The feature apps take their tables over in place (SeparateDatabaseAndState): this test
takes the database back to that schema, fills it as a running site would, migrates forward and uses
the rows through the new models. It runs on whatever database the suite runs on (SQLite by default,
PostgreSQL with DATABASE_URL).
"""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Today's schema: the last cms migration that still owned the models; the feature apps not yet there.
BEFORE = [
    ("cms", "0005_name_the_default_workflow_in_vietnamese"),
    ("sen_http", None),
    ("sen_preview", None),
    ("sen_webhooks", None),
]
MOVED = {
    "sen_webhooks": ["webhooksubscription", "webhookdelivery"],
    "sen_preview": ["previewepoch"],
    "sen_http": ["contentchange", "ratelimitcount"],
}


def _migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as the other transactional tests
def test_an_existing_database_keeps_its_rows_grants_and_content_types(home_page):
    leaves = _leaves()
    _migrate(BEFORE)
    try:
        old = MigrationExecutor(connection).loader.project_state(BEFORE[0]).apps  # auth, contenttypes, wagtailcore too

        # The site as it ran before the split: rows in the cms models, a group allowed to read the delivery log.
        subscription = old.get_model("cms", "WebhookSubscription").objects.create(
            url="https://portal.example.gov.vn/hooks/sen", secret="s" * 32, events=["page.published"], description="Sở"
        )
        delivery = old.get_model("cms", "WebhookDelivery").objects.create(
            subscription_id=subscription.pk, event="page.published", payload={"id": home_page.pk}, status="failed"
        )
        old.get_model("cms", "PreviewEpoch").objects.update_or_create(page_id=home_page.pk, defaults={"epoch": 3})
        old.get_model("cms", "ContentChange").objects.update_or_create(pk=1, defaults={"changed_at": 1_700_000_000})
        old.get_model("cms", "RateLimitCount").objects.create(key="ip:203.0.113.9", count=7, expires_at=2_000_000_000)
        old_types = old.get_model("contenttypes", "ContentType").objects
        delivery_type = old_types.get_or_create(app_label="cms", model="webhookdelivery")[0]
        reviewers = old.get_model("auth", "Group").objects.create(name="Người duyệt thử")
        permission = old.get_model("auth", "Permission").objects.get_or_create(
            content_type=delivery_type, codename="view_webhookdelivery", defaults={"name": "Can view webhook delivery"}
        )[0]
        reviewers.permissions.add(permission)
        type_ids = {
            model: old_types.get_or_create(app_label="cms", model=model)[0].pk for m in MOVED.values() for model in m
        }

    finally:
        _migrate(leaves)  # whatever happened: the tests after this one need today's schema
        # And a content-type cache as warm as before: a miss while the next test restores its rows creates one.
        ContentType.objects.get_for_models(*django_apps.get_models(), for_concrete_models=False)

    from cms.http.models import ContentChange, RateLimitCount
    from cms.preview.models import PreviewEpoch
    from cms.webhooks.models import WebhookDelivery, WebhookSubscription

    # The rows, through the new models, and still writable.
    moved = WebhookDelivery.objects.get(pk=delivery.pk)
    assert (moved.subscription.url, moved.status, moved.payload) == (subscription.url, "failed", {"id": home_page.pk})
    assert WebhookSubscription.objects.get().description == "Sở"
    assert PreviewEpoch.objects.get(page_id=home_page.pk).epoch == 3
    assert ContentChange.objects.get(pk=1).changed_at == 1_700_000_000
    assert RateLimitCount.objects.get(key="ip:203.0.113.9").count == 7
    WebhookDelivery.objects.create(subscription=moved.subscription, event="page.unpublished")
    assert moved.subscription.deliveries.count() == 2

    # The same content type rows, relabelled: nothing left under cms, nothing made twice.
    for label, models in MOVED.items():
        for model in models:
            content_type = ContentType.objects.get(app_label=label, model=model)
            assert content_type.pk == type_ids[model]
            assert content_type.model_class()._meta.app_label == label
    assert not ContentType.objects.filter(app_label="cms", model__in=type_ids).exists()

    # The group's grant is still attached and answers the new permission name.
    group = Group.objects.get(name="Người duyệt thử")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("sen_webhooks", "view_webhookdelivery")
    ]
    assert Permission.objects.filter(codename="view_webhookdelivery").count() == 1
    from django.contrib.auth import get_user_model

    reviewer = get_user_model().objects.create_user("reviewer-upgrade", password="x")  # noqa: S106
    reviewer.groups.add(group)
    assert reviewer.has_perm("sen_webhooks.view_webhookdelivery")
