"""Sort keys for the list's "by number" and "by title" orders, filled in for existing documents."""

from django.db import migrations, models

from cms.text import vi_sort_key


def fill_sort_keys(apps, schema_editor):
    LegalDocumentPage = apps.get_model("documents", "LegalDocumentPage")
    pages = list(LegalDocumentPage.objects.only("pk", "number", "title"))
    for page in pages:
        page.number_sort = vi_sort_key(page.number)
        page.title_sort = vi_sort_key(page.title)
    LegalDocumentPage.objects.bulk_update(pages, ["number_sort", "title_sort"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="legaldocumentpage",
            name="number_sort",
            field=models.CharField(db_index=True, default="", editable=False, max_length=1000),
        ),
        migrations.AddField(
            model_name="legaldocumentpage",
            name="title_sort",
            field=models.CharField(db_index=True, default="", editable=False, max_length=1000),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]
