"""Preview epochs move from the ``cms`` label to ``sen_preview``, in place.

The tables keep their names (``Meta.db_table``), so no row is copied: this migration only adds the
models to this app's state and relabels their content types (permissions granted on them stay).
``cms`` 0006 then removes them from its own state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cms.migrations._content_types import relabel


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables exist from the cms app's migrations (the data, and the grants of 0002, stay).
        ('cms', '0005_name_the_default_workflow_in_vietnamese'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PreviewEpoch',
                    fields=[
                        ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to=settings.WAGTAIL_PAGE_MODEL, verbose_name='page')),
                        ('epoch', models.PositiveIntegerField(default=0, verbose_name='epoch')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                    ],
                    options={
                        'verbose_name': 'preview link revocation',
                        'verbose_name_plural': 'preview link revocations',
                        'db_table': 'cms_previewepoch',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel("cms", "sen_preview", ["previewepoch"]), relabel("sen_preview", "cms", ["previewepoch"])),
    ]
