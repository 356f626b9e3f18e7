"""PostgreSQL: the "sen_vi" text search configuration and the full-text index of search entries.

``sen_vi`` is ``simple`` (no stemming, no stop words: "An", "do" and "4" stay words)
after ``unaccent`` (accents off; đ -> d). The index stores words already folded by
``cms.text.fold``; ``unaccent`` makes the configuration right for any other text too.
On other databases this migration does nothing.
"""

from django.db import migrations

CONFIG = "sen_vi"
INDEX = "sen_search_entry_folded_fts"
TABLE = "sen_search_searchentry"
TOKEN_TYPES = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple);
        END IF;
    END
    $$
    """,
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {TOKEN_TYPES} WITH unaccent, simple",
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin (to_tsvector('{CONFIG}'::regconfig, folded))",
]

BACKWARD = [
    f"DROP INDEX IF EXISTS {INDEX}",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0001_add_search_entry"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False),
    ]
