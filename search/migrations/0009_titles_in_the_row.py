"""PostgreSQL: an entry's title and folded title stay in the table row (``STORAGE PLAIN``).

With ``toast_tuple_target = 128`` (migration 0008) PostgreSQL moved the titles out of the row
too, into TOAST, once the long columns were out. Ranking the matches of a search (title equal
to the query, terms in the title, then the title) then read the TOAST once per comparison: at
100,000 articles sorting 2,000 matches read 17,000 blocks. A title is at most 255 characters:
the rows stay narrow. Rows written before are rewritten here (their titles are read back into
the row); on a large index this takes a while, once.
"""

from django.db import migrations

TABLE = "sen_search_searchentry"


def titles_in_the_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE PLAIN")
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title_folded SET STORAGE PLAIN")
    # A value computed anew (not the stored pointer) is written with the column's new storage.
    schema_editor.execute(f"UPDATE {TABLE} SET title = title || '', title_folded = title_folded || ''")


def titles_apart(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE EXTENDED")
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title_folded SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0008_narrow_rows_and_tokens_default"),
    ]

    operations = [migrations.RunPython(titles_in_the_row, titles_apart, elidable=False)]
