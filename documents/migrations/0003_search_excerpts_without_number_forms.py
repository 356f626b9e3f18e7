"""Take the index-only forms of documents' numbers out of the search index's excerpt text.

``number_search`` ("1009 kh pgddt 1009khpgddt") is matched but no longer shown (see
``search.indexing.shown_in_excerpts``); rows written before kept it as a line of ``text``.
Only ``text`` changes: the folded words and the vector, which find the number, stay as they are.
"""

from django.db import migrations


def drop_number_forms_from_excerpts(apps, schema_editor):
    LegalDocumentPage = apps.get_model("documents", "LegalDocumentPage")
    SearchEntry = apps.get_model("sen_search", "SearchEntry")
    forms = dict(LegalDocumentPage.objects.exclude(number_search="").values_list("pk", "number_search"))
    changed = []
    for entry in SearchEntry.objects.filter(page_id__in=list(forms)).only("page_id", "text").iterator():
        lines = entry.text.split("\n")
        kept = [line for line in lines if line != forms[entry.page_id]]
        if len(kept) != len(lines):
            entry.text = "\n".join(kept)
            changed.append(entry)
    SearchEntry.objects.bulk_update(changed, ["text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_number_and_title_sort_keys"),
        ("sen_search", "0011_runs_of_three_words"),
    ]

    operations = [
        migrations.RunPython(drop_number_forms_from_excerpts, migrations.RunPython.noop, elidable=True),
    ]
