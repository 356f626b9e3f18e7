"""SQLite: a second FTS5 table of the *live* entries, its rowid ordered by date.

``rowid = julianday(date) * 2**24 + page_id``: FTS5 returns the matches of a query in
rowid order and stops at a LIMIT, so "the newest N matches" and "are there more than N
matches" are read without collecting every page that has a common word; a date filter
is a rowid range. ``meta`` holds the page type and locale as tokens (``ct12 lc1``) so
that those filters are part of the match. Kept in step by triggers, like ``sen_search_fts``.
Other databases: nothing to do.
"""

from django.db import migrations

TABLE = "sen_search_searchentry"
FTS = "sen_search_live_fts"
KEY = "(CAST(COALESCE(julianday({row}.date), 0) AS INTEGER) * 16777216 + {row}.page_id)"
META = "('ct' || {row}.content_type_id || ' lc' || {row}.locale_id)"


def key(row):
    return KEY.format(row=row)


def meta(row):
    return META.format(row=row)


FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(folded, meta, tokenize='unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} WHEN new.live BEGIN
        INSERT INTO {FTS}(rowid, folded, meta) VALUES ({key("new")}, new.folded, {meta("new")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        DELETE FROM {FTS} WHERE rowid = {key("old")};
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
        DELETE FROM {FTS} WHERE rowid = {key("old")};
        INSERT INTO {FTS}(rowid, folded, meta) SELECT {key("new")}, new.folded, {meta("new")} WHERE new.live;
    END""",
    f"INSERT INTO {FTS}(rowid, folded, meta) SELECT {key(TABLE)}, folded, {meta(TABLE)} FROM {TABLE} WHERE live",
]
BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0005_vector_word_pairs"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
