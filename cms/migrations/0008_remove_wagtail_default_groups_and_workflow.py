"""Wagtail's migrations make the groups "Editors" and "Moderators" and a workflow with one task,
"Moderators approval" (named "Phê duyệt của người duyệt" by cms 0005), on the root page. Sen's
roles (Phóng viên, Biên tập viên, Lãnh đạo, Quản trị…) and section workflows replace them: left
in place, the groups list shows two English names and the workflows list a task nobody does.

Removed where unused: a group without members, a workflow or task that never ran. One in use is
kept (a group renamed in Vietnamese, a workflow or task disabled), so nothing anyone did is lost.
"""

from django.db import migrations

WORKFLOW_NAMES = ["Phê duyệt của người duyệt", "Moderators approval"]
GROUPS = {"Editors": "Biên tập (nhóm mặc định của Wagtail)", "Moderators": "Kiểm duyệt (nhóm mặc định của Wagtail)"}


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for workflow in Workflow.objects.filter(name__in=WORKFLOW_NAMES):
        if WorkflowState.objects.filter(workflow=workflow).exists():
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
        else:
            workflow.delete()
    for task in Task.objects.filter(name__in=WORKFLOW_NAMES):
        if TaskState.objects.filter(task=task).exists():
            Task.objects.filter(pk=task.pk).update(active=False)
        else:
            apps.get_model("wagtailcore", "WorkflowTask").objects.filter(task=task).delete()
            apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(task_ptr=task).delete()
            Task.objects.filter(pk=task.pk).delete()
    for name, vietnamese in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if group.user_set.exists():
            Group.objects.filter(pk=group.pk).update(name=vietnamese)
        else:
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_store_names_family_first"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
