"""SQLite: the live FTS5 table also holds each entry's ``tokens`` (its adjacent word pairs, ``hoi0khuyen
khuyen0hoc``, then the page type, locale and year, see ``indexing.extra_tokens``).

A quoted phrase of common words was matched by reading the positions of every word in nearly every
page: "trung tâm học tập cộng đồng" took 80 ms at 100,000 articles, because each of its words is in most
of them. The same phrase as a phrase of its pairs (``tokens : "trung0tam tam0hoc …"``, pair i at position
i) matches exactly the same pages and reads the far shorter lists of the pairs: 12 ms. Rebuilt from the
entries; kept in step by the triggers, as before. Other databases: nothing to do (PostgreSQL's stored
vector has held the pairs since migration 0005).
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


def table(columns):
    """The live FTS table with ``columns``, its triggers, filled from the live entries."""
    values = {
        "new": ", ".join(f"new.{column}" for column in columns),
        "table": ", ".join(f"{TABLE}.{column}" for column in columns),
    }
    names = ", ".join(columns)
    return [
        *DROP,
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({names}, meta, tokenize='unicode61 remove_diacritics 0')",
        f"""CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} WHEN new.live BEGIN
            INSERT INTO {FTS}(rowid, {names}, meta) VALUES ({key("new")}, {values["new"]}, {meta("new")});
        END""",
        f"""CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
            DELETE FROM {FTS} WHERE rowid = {key("old")};
        END""",
        f"""CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
            DELETE FROM {FTS} WHERE rowid = {key("old")};
            INSERT INTO {FTS}(rowid, {names}, meta) SELECT {key("new")}, {values["new"]}, {meta("new")} WHERE new.live;
        END""",
        f"INSERT INTO {FTS}(rowid, {names}, meta) SELECT {key(TABLE)}, {values['table']}, {meta(TABLE)}"
        f" FROM {TABLE} WHERE live",
    ]


DROP = [
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
        ("sen_search", "0009_titles_in_the_row"),
    ]

    operations = [
        migrations.RunPython(run(table(["folded", "tokens"])), run(table(["folded"])), elidable=False),
    ]
