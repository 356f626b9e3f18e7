"""The stored full-text index of search entries, and entries for drafts.

* ``live``: entries now exist for every page (the admin searches drafts); the site and
  the APIs read the live ones.
* PostgreSQL: a stored ``tsvector`` column ``vector`` generated from the folded words
  with the ``simple`` configuration, and a GIN index on it. Queries match the stored
  vector: no ``to_tsvector`` or ``unaccent`` per row at query time. The expression index
  of migration 0002 is dropped.
* SQLite: an FTS5 table ``sen_search_fts`` with the entries as external content, kept in
  step by triggers (insert, update, delete and upsert all go through them).
"""

from django.db import migrations, models

TABLE = "sen_search_searchentry"
FTS = "sen_search_fts"

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS sen_search_entry_folded_fts",
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded)) STORED",
    f"CREATE INDEX IF NOT EXISTS sen_search_entry_vector ON {TABLE} USING gin (vector)",
    f"CREATE INDEX IF NOT EXISTS sen_search_entry_live_date ON {TABLE} (live, date DESC NULLS LAST)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS sen_search_entry_live_date",
    "DROP INDEX IF EXISTS sen_search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
    f"CREATE INDEX IF NOT EXISTS sen_search_entry_folded_fts ON {TABLE} USING gin (to_tsvector('sen_vi'::regconfig, folded))",
]

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title_folded, folded, content='{TABLE}',"
    " content_rowid='page_id', tokenize='unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title_folded, folded) VALUES (new.page_id, new.title_folded, new.folded);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_folded, folded) VALUES ('delete', old.page_id, old.title_folded, old.folded);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_folded, folded) VALUES ('delete', old.page_id, old.title_folded, old.folded);
        INSERT INTO {FTS}(rowid, title_folded, folded) VALUES (new.page_id, new.title_folded, new.folded);
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    f"CREATE INDEX IF NOT EXISTS sen_search_entry_live_date ON {TABLE} (live, date DESC)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS sen_search_entry_live_date",
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def run(postgres, sqlite):
    def operation(apps, schema_editor):
        statements = {"postgresql": postgres, "sqlite": sqlite}.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0002_sen_vi_text_search_configuration"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="live",
            field=models.BooleanField(default=True, verbose_name="live"),
        ),
        migrations.RunPython(
            run(POSTGRES_FORWARD, SQLITE_FORWARD), run(POSTGRES_BACKWARD, SQLITE_BACKWARD), elidable=False
        ),
    ]
