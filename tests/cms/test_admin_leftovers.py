"""English and Wagtail leftovers a Vietnamese editor no longer sees: the default groups and
workflow (data migration cms 0008), the chooser's "Locale" filter, the header's "Actions" toolbar."""

import re
from importlib import import_module

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowState

pytestmark = pytest.mark.django_db

MIGRATION = "cms.migrations.0008_remove_wagtail_default_groups_and_workflow"


def test_wagtails_default_groups_and_workflow_are_gone_after_migrating(admin_client):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Phê duyệt của người duyệt").exists()
    assert not Task.objects.filter(name="Phê duyệt của người duyệt").exists()

    groups = admin_client.get(reverse("wagtailusers_groups:index")).content.decode()
    tasks = admin_client.get(reverse("wagtailadmin_workflows:task_index")).content.decode()
    assert not re.search(r"\b(Editors|Moderators)\b", groups)
    assert "Phê duyệt của người duyệt" not in tasks


def test_a_default_group_or_workflow_in_use_is_kept_renamed_or_disabled(django_user_model, home_page):
    from wagtail.models import Page

    editors = Group.objects.create(name="Editors")
    django_user_model.objects.create_user("cu").groups.add(editors)
    Group.objects.create(name="Moderators")
    workflow = Workflow.objects.create(name="Phê duyệt của người duyệt")
    task = GroupApprovalTask.objects.create(name="Phê duyệt của người duyệt")
    WorkflowState.objects.create(
        workflow=workflow, base_content_type_id=home_page.content_type_id, content_type_id=home_page.content_type_id,
        object_id=str(home_page.pk), status=WorkflowState.STATUS_CANCELLED,
    )  # fmt: skip
    assert Page.objects.filter(pk=home_page.pk).exists()

    import_module(MIGRATION).remove_defaults(apps, schema_editor=None)

    assert set(Group.objects.filter(name__contains="Wagtail").values_list("name", flat=True)) == {
        "Biên tập (nhóm mặc định của Wagtail)"
    }
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert Workflow.objects.get(pk=workflow.pk).active is False  # its history stays readable
    assert not Task.objects.filter(pk=task.pk).exists()  # never ran


def test_the_snippet_choosers_language_filter_is_in_vietnamese(admin_client):
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="en")
    html = admin_client.get("/admin/snippets/choose/home/announcement/").json()["html"]

    label = BeautifulSoup(html, "html.parser").select_one("label[for=id_locale]")
    assert label is not None and label.get_text(strip=True) == "Ngôn ngữ"


def test_the_headers_toolbar_is_announced_in_vietnamese(admin_client, home_page):
    soup = BeautifulSoup(admin_client.get(reverse("wagtailadmin_explore", args=[home_page.pk])).content, "html.parser")

    assert soup.select_one("#w-slim-header-buttons")["aria-label"] == "Thao tác"
