"""Each entry's ``tokens`` also hold its runs of three adjacent words (``hoi0khuyen0hoc``, see
``search.indexing.extra_tokens``).

PostgreSQL: a quoted phrase of three words is then one lexeme of the stored vector, found by the GIN
index alone, and a longer one is checked for positions only in the rows that have every run of three.
Before, "hội khuyến học" read the vector (a few kB from TOAST) of each of the 2,000 newest pages having
its two pairs, 84 ms at 100,000 articles. SQLite: the live FTS5 table is filled from ``tokens`` by its
triggers; its pairs keep their positions (the runs come after them).
"""

from django.db import migrations

TABLE = "sen_search_searchentry"


def fill_tokens(apps, schema_editor):
    from search.indexing import extra_tokens

    SearchEntry = apps.get_model("sen_search", "SearchEntry")
    rows = SearchEntry.objects.order_by("pk").values_list("pk", "folded", "content_type_id", "locale_id", "date")
    sql = f"UPDATE {TABLE} SET tokens = %s WHERE page_id = %s"  # noqa: S608 - a constant
    batch = []
    with schema_editor.connection.cursor() as cursor:
        for pk, folded, content_type_id, locale_id, date in rows.iterator(chunk_size=2000):
            batch.append((extra_tokens(folded, content_type_id, locale_id, date), pk))
            if len(batch) >= 2000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0010_sqlite_live_fts_word_pairs"),
    ]

    operations = [migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=False)]
