"""PostgreSQL: search entries keep only their short columns in the table row.

``toast_tuple_target = 128``: the text, folded words and tokens of an entry (a few kB)
are stored apart (TOAST) as soon as a row passes 128 bytes, so a table row holds the
page id, type, locale, date, live flag and title, and about ten times as many rows fit
in a block. Counting and listing the first 1,001 matches of a common word then reads a
few dozen blocks instead of a thousand. Rows written before keep their layout until
they are rewritten: ``VACUUM FULL sen_search_searchentry`` (or ``manage.py
rebuild_search_index``) after migrating a large index.

``tokens`` gets a database default (""), so a row written without it is still valid
(SQLite: altering the column rebuilds the table; its FTS triggers are created again).
"""

import importlib

from django.db import migrations, models

TABLE = "sen_search_searchentry"


def restore_sqlite_triggers(apps, schema_editor):
    """SQLite rebuilds the table to alter a column, which drops the FTS triggers."""
    importlib.import_module("search.migrations.0007_vector_tokens_from_python").restore_sqlite_triggers(
        apps, schema_editor
    )


def run(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0007_vector_tokens_from_python"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="tokens",
            field=models.TextField(blank=True, db_default="", default="", editable=False, verbose_name="index tokens"),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(
            run(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)"),
            run(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)"),
            elidable=False,
        ),
    ]
