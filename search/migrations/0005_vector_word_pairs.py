"""PostgreSQL: the stored vector also holds each pair of adjacent words as one lexeme.

"hội khuyến học" is stored as the words ``hoi khuyen hoc`` and the pairs ``hoi0khuyen``,
``khuyen0hoc``. A quoted phrase is then matched by the GIN index on its pairs (exact,
no recheck) before its positions are checked (``<->``) on the few rows left: without
the pairs, a phrase of common words made PostgreSQL read the vector of every row that
has all of them. The pairs are computed in SQL, in the generated column: nothing changes
for the code that writes entries. Other databases: nothing to do (FTS5 matches phrases
from its position lists).
"""

from django.db import migrations

TABLE = "sen_search_searchentry"
# folded = " w1 w2 w3 w4 ": pairs of the words from the first (w1 0 w2, w3 0 w4) and from the
# second (w2 0 w3, …); the pairs come after the words, so the words' positions are unchanged.
PAIRS = (
    r"regexp_replace(folded, '(\S+) (\S+)', '\10\2', 'g')"
    r" || ' ' || regexp_replace(regexp_replace(folded, '^ *\S+', ''), '(\S+) (\S+)', '\10\2', 'g')"
)
FORWARD = [
    "DROP INDEX IF EXISTS sen_search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector"
    f" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded || ' ' || {PAIRS})) STORED",
    f"CREATE INDEX sen_search_entry_vector ON {TABLE} USING gin (vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS sen_search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded)) STORED",
    f"CREATE INDEX sen_search_entry_vector ON {TABLE} USING gin (vector)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0004_drop_page_entries_from_wagtail_index"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
