"""Wagtail names the page tree's root and the root collection "Root": the admin shows it in the
explorer, breadcrumbs, choosers and the collection list. Name them "Gốc" (only where nobody has
renamed them)."""

from django.db import migrations

ROOT_NAME = "Gốc"


def rename(apps, old, new):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=old).update(title=new)
    Page.objects.filter(depth=1, draft_title=old).update(draft_title=new)
    Collection.objects.filter(depth=1, name=old).update(name=new)


def name_in_vietnamese(apps, schema_editor):
    rename(apps, "Root", ROOT_NAME)


def name_in_english(apps, schema_editor):
    rename(apps, ROOT_NAME, "Root")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_add_content_change_and_rate_limit_count"),
        ("wagtailcore", "0025_collection_initial_data"),
        ("wagtailcore", "0040_page_draft_title"),
    ]

    operations = [migrations.RunPython(name_in_vietnamese, name_in_english)]
