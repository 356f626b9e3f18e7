"""Move models' content types from one app label to another (used by the feature apps' first migrations).

The rows are relabelled, not recreated: the permissions granted on them (to groups and users), admin
log entries and anything else pointing at a content type stay attached.
"""


def relabel(old_label, new_label, models):
    """A RunPython function that relabels the content types of ``models`` from ``old_label`` to ``new_label``."""

    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        db = schema_editor.connection.alias
        for model in models:
            old = ContentType.objects.using(db).filter(app_label=old_label, model=model).first()
            if old is None:
                continue
            new = ContentType.objects.using(db).filter(app_label=new_label, model=model).first()
            if new is None:
                old.app_label = new_label
                old.save(update_fields=["app_label"])
                continue
            # Both exist (content types were created for the new label in between): keep the new
            # one and carry the old one's permissions and their grants over before removing it.
            for permission in Permission.objects.using(db).filter(content_type=old):
                kept = Permission.objects.using(db).filter(content_type=new, codename=permission.codename).first()
                if kept is None:
                    permission.content_type = new
                    permission.save(update_fields=["content_type"])
                else:
                    kept.group_set.add(*permission.group_set.all())
                    kept.user_set.add(*permission.user_set.all())
            old.delete()
        ContentType.objects.clear_cache()

    return run
