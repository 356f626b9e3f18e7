from django.db import migrations

GROUPS = ["Editors", "Moderators"]


def grant_view_permission(apps, schema_editor):
    """Editors and moderators can read the webhook delivery log (not change it)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="cms", model="webhookdelivery")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="view_webhookdelivery", defaults={"name": "Can view webhook delivery"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_add_webhooks_and_preview_epochs"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant_view_permission, migrations.RunPython.noop)]
