"""One index of pages: drop the pages' rows from Wagtail's own index (``wagtailsearch``).

Since ``search.backends`` is the search backend, pages are indexed only in
``SearchEntry`` (Wagtail's index keeps images, documents and snippets, folded). The rows
Wagtail wrote for pages before are stale duplicates; this removes them.
"""

from django.db import migrations


def drop_page_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    Page = apps.get_model("wagtailcore", "Page")
    page_types = Page.objects.values("content_type_id").distinct()
    page_types = ContentType.objects.filter(pk__in=page_types).values("pk")
    IndexEntry.objects.filter(content_type_id__in=page_types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sen_search", "0003_add_stored_vector_and_fts"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(drop_page_entries, migrations.RunPython.noop, elidable=True),
    ]
