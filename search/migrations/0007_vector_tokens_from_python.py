"""PostgreSQL: the stored vector is built from ``folded`` and ``tokens``, both written by Python.

Migration 0005 computed the pairs of adjacent words in the generated column with two
regular expressions per row: about 3 ms of database time per entry, minutes for 100,000
pages. ``tokens`` (``search.indexing.extra_tokens``) now holds the pairs, plus the page
type, locale and year as lexemes (``0ct12 0lc1 0y2018``) so those filters are matched
by the GIN index. Existing rows get their tokens here, between dropping the old column and adding the new.
SQLite: the column is added (kept in step by the same code), FTS5 is unchanged (its
triggers, dropped when SQLite rebuilds the table, are created again).
"""

import importlib

from django.db import migrations, models

TABLE = "sen_search_searchentry"
DROP = [
    "DROP INDEX IF EXISTS sen_search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
]
ADD = [
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded || ' ' || tokens)) STORED",
    f"CREATE INDEX sen_search_entry_vector ON {TABLE} USING gin (vector)",
]
PAIRS = (
    r"regexp_replace(folded, '(\S+) (\S+)', '\10\2', 'g')"
    r" || ' ' || regexp_replace(regexp_replace(folded, '^ *\S+', ''), '(\S+) (\S+)', '\10\2', 'g')"
)
OLD = [
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector"
    f" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded || ' ' || {PAIRS})) STORED",
    f"CREATE INDEX sen_search_entry_vector ON {TABLE} USING gin (vector)",
]


def fill_tokens(apps, schema_editor):
    from search.indexing import extra_tokens

    SearchEntry = apps.get_model("sen_search", "SearchEntry")
    rows = SearchEntry.objects.order_by("pk").only("pk", "folded", "content_type_id", "locale_id", "date")
    batch = []
    for row in rows.iterator(chunk_size=1000):
        row.tokens = extra_tokens(row.folded, row.content_type_id, row.locale_id, row.date)
        batch.append(row)
        if len(batch) >= 1000:
            SearchEntry.objects.bulk_update(batch, ["tokens"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["tokens"])


def restore_sqlite_triggers(apps, schema_editor):
    """SQLite: adding a NOT NULL column rebuilds the table, which drops the FTS triggers and
    the raw index of migrations 0003 and 0006; create them again and refill the FTS tables."""
    if schema_editor.connection.vendor != "sqlite":
        return
    every = importlib.import_module("search.migrations.0003_add_stored_vector_and_fts")
    live = importlib.import_module("search.migrations.0006_sqlite_live_fts_by_date")
    for statement in every.SQLITE_FORWARD:
        schema_editor.execute(statement)
    schema_editor.execute(f"DELETE FROM {live.FTS}")
    for statement in live.FORWARD:
        schema_editor.execute(statement)


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0006_sqlite_live_fts_by_date"),
    ]

    operations = [
        # The old column first: filling ``tokens`` would otherwise recompute it for every row.
        migrations.RunPython(run(DROP), run(OLD), elidable=False),
        migrations.AddField(
            model_name="searchentry",
            name="tokens",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="index tokens"),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(run(ADD), run(DROP), elidable=False),
    ]
