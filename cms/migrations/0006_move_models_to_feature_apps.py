"""The models of the feature apps leave the core's state (their tables stay: sen_http, sen_preview and
sen_webhooks own them now, under the same names)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('sen_http', '0001_take_over_tables_from_cms'),
        ('sen_preview', '0001_take_over_tables_from_cms'),
        ('sen_webhooks', '0001_take_over_tables_from_cms'),
        ('cms', '0005_name_the_default_workflow_in_vietnamese'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='ContentChange',
                ),
                migrations.RemoveField(
                    model_name='previewepoch',
                    name='page',
                ),
                migrations.DeleteModel(
                    name='RateLimitCount',
                ),
                migrations.RemoveField(
                    model_name='webhookdelivery',
                    name='subscription',
                ),
                migrations.DeleteModel(
                    name='PreviewEpoch',
                ),
                migrations.DeleteModel(
                    name='WebhookDelivery',
                ),
                migrations.DeleteModel(
                    name='WebhookSubscription',
                ),
            ],
            database_operations=[],
        ),
    ]
