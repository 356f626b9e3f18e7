"""Editorial roles (Django groups), their permissions and the approval workflows.

The core knows its own roles (reporter, editor, leader, administrator) and its two-level
workflow; every app adds its roles (``sen_roles``), workflows (``sen_workflows``) and
sections under approval (``sen_workflow_sections``) through hooks (the payload types are in
``cms.hooks``). ``setup_roles()`` makes everything exist and is idempotent: it only adds what
is missing, so permissions an administrator granted later stay. ``manage.py setup_roles``
runs it (``make run`` does), and so does ``load_demo`` once the demo sections exist.
"""

import logging
import os
import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from cms import hooks as sen_hooks
from cms.hooks import Role, WorkflowDefinition, WorkflowSection
from cms.text import split_full_name

logger = logging.getLogger("sen.roles")

# The core's role keys (stable, used in code) and the group names editors see (Vietnamese data,
# like the demo content: the groups are rows in the database, not interface strings).
REPORTER = "reporter"
EDITOR = "editor"
LEADER = "leader"
ADMINISTRATOR = "administrator"

CORE_ROLES = [
    Role(REPORTER, "Phóng viên", ["add", "choose"], ("phongvien", "Nguyễn Văn An")),
    Role(EDITOR, "Biên tập viên", ["add", "change", "choose"], ("bientapvien", "Trần Thị Bình")),
    Role(LEADER, "Lãnh đạo", ["add", "change", "choose"], ("lanhdao", "Lê Quốc Cường")),
    Role(ADMINISTRATOR, "Quản trị", ["add", "change", "delete", "choose"], ("quantri", "Phạm Thị Dung")),
]

# The core's workflow: two levels, for news, documents, announcements…
NEWS_WORKFLOW = "news"
CORE_WORKFLOWS = [
    WorkflowDefinition(
        NEWS_WORKFLOW, "Duyệt tin hai cấp", [("Biên tập viên duyệt", EDITOR), ("Lãnh đạo duyệt", LEADER)]
    ),
]

# Wagtail's page permission types (GroupPagePermission).
ALL_PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]

# Images and documents: what a staff group (e.g. a centre's) may do on the root collection.
STAFF_COLLECTION_PERMISSIONS = ["add", "choose"]
MEDIA_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]

DEMO_PASSWORD_ENV = "SEN_DEMO_PASSWORD"  # noqa: S105 (the name of the variable)
DEMO_ACCOUNTS_ENV = "SEN_DEMO_ACCOUNTS"


def all_roles():
    """{key: Role}: the core's roles, then those the apps add, in that order."""
    return {role.key: role for role in [*CORE_ROLES, *sen_hooks.collect(sen_hooks.ROLES)]}


def role_names():
    """{key: group name}, e.g. {"reporter": "Phóng viên", …, "education_office": "Phòng Giáo dục"}."""
    return {key: role.name for key, role in all_roles().items()}


def all_workflows():
    """{key: WorkflowDefinition}: the core's two-level workflow, then those the apps add."""
    return {workflow.key: workflow for workflow in [*CORE_WORKFLOWS, *sen_hooks.collect(sen_hooks.WORKFLOWS)]}


def core_sections():
    """What the core itself puts under approval: the webhook log, readable by reviewers."""
    return [
        # Reviewers may read the webhook delivery log (cms/webhooks), as Wagtail's starter groups do.
        WorkflowSection(
            name="webhook log",
            model_permissions={
                EDITOR: ["sen_webhooks.view_webhookdelivery"],
                LEADER: ["sen_webhooks.view_webhookdelivery"],
            },
        ),
    ]


def workflow_sections():
    return core_sections() + sen_hooks.collect(sen_hooks.WORKFLOW_SECTIONS)


# ---------------------------------------------------------------------------
# Building blocks


def role_group(role):
    """The group of a role, created if missing."""
    group, _created = Group.objects.get_or_create(name=all_roles()[role].name)
    return group


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_model_permissions(group, dotted_names):
    missing = [name for name in dotted_names if not group.permissions.filter(**_lookup(name)).exists()]
    if missing:
        group.permissions.add(*[_permission(name) for name in missing])
    return missing


def _lookup(dotted):
    app_label, codename = dotted.split(".", 1)
    return {"content_type__app_label": app_label, "codename": codename}


def grant_page_permissions(group, page, permission_types):
    created = []
    for permission_type in permission_types:
        permission = Permission.objects.get(
            content_type=ContentType.objects.get_for_model(Page), codename=f"{permission_type}_page"
        )
        _obj, was_created = GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
        if was_created:
            created.append(permission_type)
    return created


def grant_collection_permissions(group, permission_types):
    root = Collection.get_first_root_node()
    for app_label, model in MEDIA_MODELS:
        for permission_type in permission_types:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{permission_type}_{model}"
            )
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def ensure_workflow(definition):
    """The workflow of ``definition`` with its group approval tasks, created if missing."""
    workflow, _created = Workflow.objects.get_or_create(name=definition.name, defaults={"active": True})
    for order, (task_name, role) in enumerate(definition.tasks):
        task = GroupApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name)
        if not task.groups.exists():
            task.groups.add(role_group(role))
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def administrator_permissions():
    """Every model permission except those of page types (pages get GroupPagePermissions instead)."""
    page_types = [
        ContentType.objects.get_for_model(model, for_concrete_model=False)
        for model in apps.get_models()
        if issubclass(model, Page)
    ]
    return Permission.objects.exclude(content_type__in=page_types)


def ensure_role_groups(roles=None):
    roles = roles if roles is not None else all_roles()
    groups = {key: Group.objects.get_or_create(name=role.name)[0] for key, role in roles.items()}
    access_admin = _permission("wagtailadmin.access_admin")
    for key, group in groups.items():
        group.permissions.add(access_admin)
        grant_collection_permissions(group, roles[key].collection_permissions)
    groups[ADMINISTRATOR].permissions.add(*administrator_permissions())
    grant_page_permissions(groups[ADMINISTRATOR], Page.get_first_root_node(), ALL_PAGE_PERMISSIONS)
    grant_translation_permission(groups)
    return groups


# wagtail-localize's permission behind "Dịch trang này" (Translate this page) and "Đồng bộ bản dịch".
TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


def translator_roles():
    """The role keys of ``SEN_TRANSLATOR_ROLES`` that exist (an unknown key is logged and left out)."""
    known = all_roles()
    wanted = list(getattr(settings, "SEN_TRANSLATOR_ROLES", []))
    for key in wanted:
        if key not in known:
            logger.warning("SEN_TRANSLATOR_ROLES names %r, which is not a role (%s)", key, ", ".join(known))
    return [key for key in wanted if key in known]


def grant_translation_permission(groups):
    """Translating is a permission of the roles in ``SEN_TRANSLATOR_ROLES`` (editor and leader by default)."""
    if not apps.is_installed("wagtail_localize"):
        return
    for key in translator_roles():
        if key in groups:
            _grant_model_permissions(groups[key], [TRANSLATE_PERMISSION])


def staff_group(page, section):
    """The staff group of ``page`` (e.g. a centre's), created with its permissions if missing."""
    name = section.staff_group_name(page)
    group = Group.objects.filter(name=name).first()
    if group is None:
        # The page may have been renamed since its group was made: find it by its permissions.
        role_group_names = set(role_names().values())
        for candidate in (
            Group.objects.filter(page_permissions__page=page).exclude(name__in=role_group_names).distinct()
        ):
            if not candidate.page_permissions.exclude(page=page).exists():
                group = candidate
                break
    if group is None:
        group = Group.objects.create(name=name)
    group.permissions.add(_permission("wagtailadmin.access_admin"))
    grant_collection_permissions(group, STAFF_COLLECTION_PERMISSIONS)
    grant_page_permissions(group, page, section.staff_page_permissions)
    return group


def staff_section_for(page):
    """The section whose staff pages include ``page``, or None."""
    for section in workflow_sections():
        if section.staff_group_name and _find(section.staff_pages, page) is not None:
            return section
    return None


def _pages(pages):
    return list(pages() if callable(pages) else pages)


@transaction.atomic
def setup_roles(log=None):
    """Create the role groups, the workflows, and what each section needs. Returns what was created."""
    created = []

    def note(message):
        created.append(message)
        if log is not None:
            log(message)

    existing_groups = set(Group.objects.values_list("name", flat=True))
    existing_workflows = set(Workflow.objects.values_list("name", flat=True))
    roles = all_roles()
    definitions = all_workflows()
    groups = ensure_role_groups(roles)
    workflows = {key: ensure_workflow(definition) for key, definition in definitions.items()}
    for name in [*(role.name for role in roles.values()), *(definition.name for definition in definitions.values())]:
        if name not in existing_groups | existing_workflows:
            note(f"role or workflow {name!r}")

    for section in workflow_sections():
        workflow = workflows[section.workflow]
        for page in _pages(section.pages):
            _link, linked = WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
            if linked:
                note(f"workflow {workflow.name!r} on {page.title!r}")
            for role, permission_types in section.page_permissions.items():
                grant_page_permissions(groups[role], page, permission_types)
        for label in section.content_types:
            content_type = ContentType.objects.get_for_model(apps.get_model(label))
            _link, linked = WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
            if linked:
                note(f"workflow {workflow.name!r} on {label}")
        for role, dotted_names in section.model_permissions.items():
            _grant_model_permissions(groups[role], dotted_names)
        if section.staff_group_name:
            staffed = _staffed_pages(section)
            for page in _pages(section.staff_pages):
                name = section.staff_group_name(page)
                if (page.pk, name) in staffed:
                    continue  # its group holds its permissions already: nothing to add
                is_new = not Group.objects.filter(name=name).exists()
                staff_group(page, section)
                if is_new:
                    note(f"staff group {name!r}")

    return created


def _staffed_pages(section):
    """{(page id, group name)} of the staff groups that hold every staff permission on their page:
    read in one query, so that a second ``setup_roles`` over 10,000 centres adds nothing quickly."""
    wanted = {f"{permission_type}_page" for permission_type in section.staff_page_permissions}
    held = {}
    rows = GroupPagePermission.objects.exclude(group__name__in=set(role_names().values())).values_list(
        "page_id", "group__name", "permission__codename"
    )
    for page_id, group_name, codename in rows:
        held.setdefault((page_id, group_name), set()).add(codename)
    return {key for key, codenames in held.items() if wanted <= codenames}


def _find(pages, page):
    """``page`` as found in ``pages`` (a queryset, list or function returning one), or None;
    one query for a queryset, however many pages it holds."""
    pages = pages() if callable(pages) else pages
    if hasattr(pages, "filter"):
        return pages.filter(pk=page.pk).first()
    return next((candidate for candidate in pages if candidate.pk == page.pk), None)


@transaction.atomic
def set_up_page(page):
    """What ``setup_roles`` does for one new page, and only for it: a section index gets its
    workflow and its roles' permissions, a staff page (a centre) its staff group. The cost does
    not grow with the number of pages (``setup_roles`` visits every centre)."""
    for section in workflow_sections():
        index = _find(section.pages, page)
        if index is not None:
            groups = ensure_role_groups()
            workflow = ensure_workflow(all_workflows()[section.workflow])
            WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
            for role, permission_types in section.page_permissions.items():
                grant_page_permissions(groups[role], index, permission_types)
        if section.staff_group_name:
            staff_page = _find(section.staff_pages, page)
            if staff_page is not None:
                staff_group(staff_page, section)


@hooks.register("after_create_page")
def set_up_new_sections(request, page):
    """A section index or a centre made in the admin gets its workflow and groups at once."""
    set_up_page(page)


# ---------------------------------------------------------------------------
# Demo accounts


def demo_accounts():
    """[(username, role key, full name)]: one demo account per role that has one."""
    return [
        (role.demo_account[0], key, *role.demo_account[1:]) for key, role in all_roles().items() if role.demo_account
    ]


def demo_accounts_allowed():
    """Demo accounts only in development, or when asked for explicitly (SEN_DEMO_ACCOUNTS=1)."""
    return settings.DEBUG or os.environ.get(DEMO_ACCOUNTS_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def ensure_demo_account(username, groups, name=""):
    """Create ``username`` in ``groups`` if missing. Returns (user, password or None if not new).

    ``name`` is the full name, family name first ("Nguyễn Văn An"); an existing account without a
    name gets it (demo databases made before names).
    """
    first_name, last_name = split_full_name(name) if name else ("", "")
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        if (first_name or last_name) and not (user.first_name or user.last_name):
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
        return user, None
    password = os.environ.get(DEMO_PASSWORD_ENV) or secrets.token_urlsafe(9)
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(*groups)
    return user, password


# Demo staff accounts per section: the first pages in tree order (the demo content's own).
DEMO_STAFF_ACCOUNTS = 10


def ensure_demo_accounts(log, explicit=False):
    """One account per role and per staff group; the password is logged once, at creation.

    ``explicit``: asked for by name (``setup_roles --demo-accounts``), so allowed with DEBUG off.
    """
    if not (explicit or demo_accounts_allowed()):
        raise PermissionDenied(
            "Demo accounts are only created with DEBUG on, or with SEN_DEMO_ACCOUNTS=1 / --demo-accounts."
        )
    from_env = bool(os.environ.get(DEMO_PASSWORD_ENV))
    accounts = [(username, [role_group(role)], name) for username, role, name in demo_accounts()]
    for section in workflow_sections():
        if not (section.staff_group_name and section.staff_demo_username):
            continue
        # The demo's own centres have accounts; pages added by the hundred (generate_content) do not.
        staff_pages = section.staff_pages() if callable(section.staff_pages) else section.staff_pages
        for page in list(staff_pages[:DEMO_STAFF_ACCOUNTS]):
            username = section.staff_demo_username(page)
            if username:
                name = section.staff_demo_full_name(page) if section.staff_demo_full_name else ""
                accounts.append((username, [staff_group(page, section)], name))
    for username, groups, name in accounts:
        _user, password = ensure_demo_account(username, groups, name)
        if password is None:
            continue
        group_names = ", ".join(group.name for group in groups)
        if from_env:
            log(f"demo account {username!r} ({group_names}), password from {DEMO_PASSWORD_ENV}")
        else:
            log(f"demo account {username!r} ({group_names}), password {password!r} (shown only this once)")


@hooks.register(sen_hooks.DEMO_CONTENT, order=100)
def demo_roles_and_accounts(context):
    """After every plugin made its sections: roles and workflows on them, then the demo accounts."""
    setup_roles(log=context.log)
    if demo_accounts_allowed():
        ensure_demo_accounts(context.log)


# ---------------------------------------------------------------------------
# Only a superuser makes superusers: "Quản trị" manages users but is not one.


def _refuse_superuser_changes(request, user=None):
    if request.user.is_superuser or request.method != "POST":
        return None
    if request.POST.get("is_superuser") or (user is not None and user.is_superuser):
        raise PermissionDenied(_("Only a superuser can grant or change a superuser account."))
    return None


@hooks.register("before_create_user")
def refuse_superuser_creation(request):
    return _refuse_superuser_changes(request)


@hooks.register("before_edit_user")
def refuse_superuser_edit(request, user):
    return _refuse_superuser_changes(request, user)


@hooks.register("before_delete_user")
def refuse_superuser_deletion(request, user):
    return _refuse_superuser_changes(request, user)
