"""An index for the newest news first (``ORDER BY date DESC NULLS LAST``: the news lists, feeds, related
articles). Without it each uncached list page sorted every article: about 1 s at 100,000 articles.

PostgreSQL puts NULLs first in a descending scan, so its index says NULLS LAST; SQLite cannot say it in an
index, and needs not: its NULLs sort first ascending, hence last descending."""

from django.db import migrations

NAME = "articles_newspage_date_desc"


def create(apps, schema_editor):
    order = "DESC NULLS LAST" if schema_editor.connection.vendor == "postgresql" else "DESC"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON articles_newspage (date {order})")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_add_import_record"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
