"""Store a person's family and middle names in ``first_name`` and the given name in ``last_name``.

Django's ``get_full_name()`` is ``first_name + " " + last_name``, and Wagtail shows it on its own
screens (the dashboard's workflow table, the status panel, page history, e-mails). Sen used to keep
the family names in ``last_name`` (Django's "Họ"), so those screens read "An Nguyễn Văn"; swapping
the two fields makes every screen read "Nguyễn Văn An" (cms.text.full_name). Swapping again undoes it.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import F


def swap_name_fields(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    User.objects.update(first_name=F("last_name"), last_name=F("first_name"))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_move_models_to_feature_apps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(swap_name_fields, swap_name_fields)]
