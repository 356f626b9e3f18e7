"""Wagtail's migrations make a workflow and a task named "Moderators approval" (the workflows list,
the tasks list, the workflow reports show it). Name them in Vietnamese (only where nobody has
renamed them)."""

from django.db import migrations

ENGLISH_NAME = "Moderators approval"
VIETNAMESE_NAME = "Phê duyệt của người duyệt"


def rename(apps, old, new):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def name_in_vietnamese(apps, schema_editor):
    rename(apps, ENGLISH_NAME, VIETNAMESE_NAME)


def name_in_english(apps, schema_editor):
    rename(apps, VIETNAMESE_NAME, ENGLISH_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_name_the_roots_in_vietnamese"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(name_in_vietnamese, name_in_english)]
