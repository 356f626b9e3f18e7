"""The content change time and rate-limit counts move from the ``cms`` label to ``sen_http``, in place.

The tables keep their names (``Meta.db_table``), so no row is copied: this migration only adds the
models to this app's state and relabels their content types (permissions granted on them stay).
``cms`` 0006 then removes them from its own state.
"""

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
                    name='ContentChange',
                    fields=[
                        ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                        ('changed_at', models.BigIntegerField(default=0, verbose_name='changed at')),
                    ],
                    options={
                        'verbose_name': 'content change time',
                        'verbose_name_plural': 'content change times',
                        'db_table': 'cms_contentchange',
                    },
                ),
                migrations.CreateModel(
                    name='RateLimitCount',
                    fields=[
                        ('key', models.CharField(max_length=120, primary_key=True, serialize=False, verbose_name='key')),
                        ('count', models.PositiveIntegerField(default=0, verbose_name='count')),
                        ('expires_at', models.BigIntegerField(db_index=True, verbose_name='expires at')),
                    ],
                    options={
                        'verbose_name': 'rate-limit count',
                        'verbose_name_plural': 'rate-limit counts',
                        'db_table': 'cms_ratelimitcount',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel("cms", "sen_http", ["contentchange", "ratelimitcount"]), relabel("sen_http", "cms", ["contentchange", "ratelimitcount"])),
    ]
