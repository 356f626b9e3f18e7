"""Each entry's ``tokens`` also hold its runs of three adjacent words (``hoi0khuyen0hoc``, see
``search.indexing.extra_tokens``).

PostgreSQL: a quoted phrase of three words is then one lexeme of the stored vector, found by the GIN
index alone, and a longer one is checked for positions only in the rows that have every run of three.
Before, "hội khuyến học" read the vector (a few kB from TOAST) of each of the 2,000 newest pages having
its two pairs, 84 ms at 100,000 articles. SQLite: the live FTS5 table is made again from ``tokens``; its
pairs keep their positions (the runs come after them).

The new tokens are written in one statement from a temporary table, with the GIN index (PostgreSQL) and
the FTS5 tables' update triggers (SQLite) out of the way and made again afterwards: row by row through
them, 100,000 entries took hours.
"""

import importlib

from django.db import migrations

TABLE = "sen_search_searchentry"
NEW = "sen_search_new_tokens"


def fill_tokens(apps, schema_editor):
    from search.indexing import extra_tokens

    connection = schema_editor.connection
    postgres = connection.vendor == "postgresql"
    sqlite = connection.vendor == "sqlite"
    every = importlib.import_module("search.migrations.0003_add_stored_vector_and_fts")
    live = importlib.import_module("search.migrations.0010_sqlite_live_fts_word_pairs")
    SearchEntry = apps.get_model("sen_search", "SearchEntry")
    rows = SearchEntry.objects.order_by("pk").values_list("pk", "folded", "content_type_id", "locale_id", "date")
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("DROP INDEX IF EXISTS sen_search_entry_vector")
        if sqlite:
            cursor.execute(f"DROP TRIGGER IF EXISTS {every.FTS}_au")  # its columns do not change
            for statement in live.DROP:
                cursor.execute(statement)
        cursor.execute(f"CREATE TEMPORARY TABLE {NEW} (page_id integer PRIMARY KEY, tokens text)")
        batch = []

        def flush():
            values = ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(f"INSERT INTO {NEW} (page_id, tokens) VALUES {values}", [v for row in batch for v in row])  # noqa: S608
            batch.clear()

        for pk, folded, content_type_id, locale_id, date in rows.iterator(chunk_size=2000):
            batch.append((pk, extra_tokens(folded, content_type_id, locale_id, date)))
            if len(batch) >= 1000:
                flush()
        if batch:
            flush()
        cursor.execute(f"UPDATE {TABLE} SET tokens = n.tokens FROM {NEW} n WHERE {TABLE}.page_id = n.page_id")  # noqa: S608
        cursor.execute(f"DROP TABLE {NEW}")
        if postgres:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(f"CREATE INDEX sen_search_entry_vector ON {TABLE} USING gin (vector)")
        if sqlite:
            cursor.execute(next(statement for statement in every.SQLITE_FORWARD if f"{every.FTS}_au" in statement))
            for statement in live.table(["folded", "tokens"]):
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0010_sqlite_live_fts_word_pairs"),
    ]

    operations = [migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=False)]
