"""Webhook subscriptions and deliveries move from the ``cms`` label to ``sen_webhooks``, in place.

The tables keep their names (``Meta.db_table``), so no row is copied: this migration only adds the
models to this app's state and relabels their content types (permissions granted on them stay).
``cms`` 0006 then removes them from its own state.
"""

import cms.webhooks.models
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models

from cms.migrations._content_types import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables exist from the cms app's migrations (the data, and the grants of 0002, stay).
        ('cms', '0005_name_the_default_workflow_in_vietnamese'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='WebhookSubscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('url', models.URLField(help_text='The address Sen sends events to with an HTTP POST, e.g. https://portal.example.gov.vn/hooks/sen', max_length=500, verbose_name='address')),
                        ('secret', models.CharField(help_text='Shared with the receiving site, which uses it to check the X-Sen-Signature header. At least 16 characters. Leave empty when editing to keep the current secret.', max_length=255, verbose_name='secret')),
                        ('events', cms.webhooks.models.EventListField(default=list, help_text='What to send to this address.', verbose_name='events')),
                        ('active', models.BooleanField(default=True, help_text='Inactive subscriptions receive nothing.', verbose_name='active')),
                        ('description', models.CharField(blank=True, help_text="Who receives these events and why, e.g. 'Cổng thông tin tỉnh'.", max_length=255, verbose_name='description')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                    ],
                    options={
                        'verbose_name': 'webhook subscription',
                        'verbose_name_plural': 'webhook subscriptions',
                        'db_table': 'cms_webhooksubscription',
                        'ordering': ['url'],
                    },
                ),
                migrations.CreateModel(
                    name='WebhookDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='delivery id')),
                        ('event', models.CharField(choices=[('page.published', 'Page published'), ('page.unpublished', 'Page unpublished'), ('page.deleted', 'Page deleted'), ('page.moved', 'Page moved'), ('snippet.published', 'Announcement published'), ('snippet.unpublished', 'Announcement unpublished'), ('snippet.deleted', 'Announcement deleted')], max_length=64, verbose_name='event')),
                        ('payload', models.JSONField(default=dict, verbose_name='payload')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('retrying', 'Waiting to retry'), ('succeeded', 'Delivered'), ('failed', 'Failed')], db_index=True, default='pending', max_length=16, verbose_name='status')),
                        ('status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='response status')),
                        ('response_excerpt', models.TextField(blank=True, verbose_name='response excerpt')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('next_retry_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='next retry')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('last_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='last attempt')),
                        ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered at')),
                        ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='sen_webhooks.webhooksubscription', verbose_name='subscription')),
                    ],
                    options={
                        'verbose_name': 'webhook delivery',
                        'verbose_name_plural': 'webhook deliveries',
                        'db_table': 'cms_webhookdelivery',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel("cms", "sen_webhooks", ["webhooksubscription", "webhookdelivery"]), relabel("sen_webhooks", "cms", ["webhooksubscription", "webhookdelivery"])),
    ]
