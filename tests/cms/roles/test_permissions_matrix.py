"""Who may do what: each role × each action × news, bulletins, centres (own and another), announcements.

The table is checked through Wagtail's own permission tests (the ones its admin views use); the
key refusals are then checked again through the real admin views.
"""

import pytest
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.permission_policies import ModelPermissionPolicy

from articles.models import NewsPage
from centers.roles import EDUCATION_OFFICE
from cms.workflows import roles
from home.models import Announcement

pytestmark = pytest.mark.django_db

ACTIONS = ["create", "edit", "submit", "approve step 1", "approve step 2", "publish", "unpublish", "delete"]
TARGETS = ["news", "bulletin", "centre A", "centre B", "announcement"]

Y, N, NA = True, False, None  # NA: the centre workflow has a single step

# role -> target -> the answers for ACTIONS, in order.
EXPECTED = {
    "reporter": {
        # Reporters write (their own drafts) and submit; they never edit others' work or publish.
        "news": [Y, N, N, N, N, N, N, N],
        "bulletin": [Y, N, N, N, N, N, N, N],
        "centre A": [N, N, N, N, NA, N, N, N],
        "centre B": [N, N, N, N, NA, N, N, N],
        "announcement": [Y, Y, Y, N, N, N, N, N],
    },
    "editor": {
        "news": [Y, Y, Y, Y, N, N, N, N],
        "bulletin": [Y, Y, Y, Y, N, N, N, N],
        "centre A": [N, N, N, N, NA, N, N, N],
        "centre B": [N, N, N, N, NA, N, N, N],
        "announcement": [Y, Y, Y, Y, N, N, N, N],
    },
    "leader": {
        "news": [Y, Y, Y, N, Y, Y, Y, Y],
        "bulletin": [Y, Y, Y, N, Y, Y, Y, Y],
        "centre A": [N, N, N, N, NA, N, N, N],
        "centre B": [N, N, N, N, NA, N, N, N],
        "announcement": [Y, Y, Y, N, Y, Y, Y, Y],
    },
    "administrator": {
        # Site administration: everything, directly; reviewing belongs to the reviewers' groups.
        "news": [Y, Y, Y, N, N, Y, Y, Y],
        "bulletin": [Y, Y, Y, N, N, Y, Y, Y],
        "centre A": [Y, Y, Y, N, NA, Y, Y, Y],
        "centre B": [Y, Y, Y, N, NA, Y, Y, Y],
        "announcement": [Y, Y, Y, N, N, Y, Y, Y],
    },
    "education office": {
        "news": [N, N, N, N, N, N, N, N],
        "bulletin": [N, N, N, N, N, N, N, N],
        "centre A": [Y, Y, Y, Y, NA, Y, Y, Y],
        "centre B": [Y, Y, Y, Y, NA, Y, Y, Y],
        "announcement": [N, N, N, N, N, N, N, N],
    },
    "staff of centre A": {
        # Their own centre's page (and its yearly reports, inline): edit and submit, nothing else.
        "news": [N, N, N, N, N, N, N, N],
        "bulletin": [N, N, N, N, N, N, N, N],
        "centre A": [N, Y, Y, N, NA, N, N, N],
        "centre B": [N, N, N, N, NA, N, N, N],
        "announcement": [N, N, N, N, N, N, N, N],
    },
}

ROLE_KEYS = {
    "reporter": roles.REPORTER,
    "editor": roles.EDITOR,
    "leader": roles.LEADER,
    "administrator": roles.ADMINISTRATOR,
    "education office": EDUCATION_OFFICE,
}


def make_role_user(site, role):
    if role == "staff of centre A":
        return site.user("canbo_a", staff_of=site.center_a)
    return site.user(role.replace(" ", "_"), ROLE_KEYS[role])


def make_targets(site, author):
    """Live content written by someone else than the user under test."""
    announcement = Announcement(title="Thông báo thử nghiệm", locale=site.home.locale)
    announcement.save()
    announcement.save_revision(user=author).publish()
    return {
        "news": site.news(title="Tin đã đăng", owner=author, publish=True),
        "bulletin": site.bulletin(title="Bản tin đã đăng", owner=author, publish=True),
        "centre A": site.center_a,
        "centre B": site.center_b,
        "announcement": announcement,
    }


def parent_of(site, target):
    return {"news": site.news_index, "bulletin": site.video_index}.get(target, site.center_index)


def page_answers(site, target_name, obj, user):
    perms = obj.permissions_for_user(user)
    return {
        "create": parent_of(site, target_name).permissions_for_user(user).can_add_subpage(),
        "edit": perms.can_edit(),
        "submit": perms.can_edit() and perms.can_submit_for_moderation(),
        "publish": perms.can_publish(),
        "unpublish": perms.can_unpublish(),
        "delete": perms.can_delete(),
    }


def snippet_answers(obj, user):
    policy = ModelPermissionPolicy(Announcement)
    can = lambda action: policy.user_has_permission(user, action)  # noqa: E731
    return {
        "create": can("add"),
        "edit": can("change"),
        "submit": can("change") and obj.has_workflow and not obj.workflow_in_progress,
        "publish": can("publish"),
        "unpublish": can("publish"),
        "delete": can("delete"),
    }


def approvals(obj, user, superuser):
    """Whether ``user`` may approve each step of the object's workflow (None: no such step)."""
    workflow = obj.get_workflow()
    tasks = list(workflow.tasks.all())
    state = workflow.start(obj, superuser)
    answers = {}
    for number in (1, 2):
        if number > len(tasks):
            answers[f"approve step {number}"] = NA
            continue
        task = obj.current_workflow_task
        assert task.pk == tasks[number - 1].pk
        answers[f"approve step {number}"] = "approve" in [name for name, _label, _modal in task.get_actions(obj, user)]
        if number < len(tasks):
            state.current_task_state.approve(user=superuser)
            state.refresh_from_db()
    state.cancel(user=superuser)
    return answers


@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(site, role, admin_user):
    user = make_role_user(site, role)
    author = site.user("tacgia", roles.LEADER)
    targets = make_targets(site, author)

    actual = {}
    for name, obj in targets.items():
        answers = (
            snippet_answers(obj, user) if name == "announcement" else page_answers(site, name, obj.specific, user)
        )
        answers.update(approvals(obj if name == "announcement" else obj.specific, user, admin_user))
        actual[name] = [answers[action] for action in ACTIONS]

    mismatches = [
        f"{role} / {name} / {action}: expected {expected}, got {got}"
        for name in TARGETS
        for action, expected, got in zip(ACTIONS, EXPECTED[role][name], actual[name], strict=True)
        if expected != got
    ]
    assert not mismatches, "\n".join(mismatches)


def test_the_workflows_are_where_the_issue_puts_them(site):
    assert site.news_index.get_workflow().name == "Duyệt tin hai cấp"
    assert site.video_index.get_workflow().name == "Duyệt tin hai cấp"
    assert site.center_a.get_workflow().name == "Duyệt hồ sơ trung tâm"
    assert Announcement().get_workflow().name == "Duyệt tin hai cấp"
    two_level = Workflow.objects.get(name="Duyệt tin hai cấp")
    assert [(task.name, [group.name for group in task.specific.groups.all()]) for task in two_level.tasks] == [
        ("Biên tập viên duyệt", ["Biên tập viên"]),
        ("Lãnh đạo duyệt", ["Lãnh đạo"]),
    ]


def test_a_reporter_edits_and_deletes_only_their_own_drafts(site):
    reporter = site.user("phongvien", roles.REPORTER)
    other = site.user("phongvien2", roles.REPORTER)
    own = site.news(title="Tin của tôi", owner=reporter)
    theirs = site.news(title="Tin của người khác", owner=other)

    assert own.permissions_for_user(reporter).can_edit()
    assert own.permissions_for_user(reporter).can_delete()
    assert not theirs.permissions_for_user(reporter).can_edit()
    assert not theirs.permissions_for_user(reporter).can_delete()


# --- The same refusals through the admin views -------------------------------------------


def test_a_reporter_pressing_publish_only_saves_a_draft(client, site):
    from tests.cms.roles.test_workflow_chain import news_form

    reporter = site.user("phongvien", roles.REPORTER)
    client.force_login(reporter)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "newspage", site.news_index.pk]),
        {**news_form("Tin tự xuất bản", slug="tin-tu-xuat-ban"), "action-publish": "Publish"},
    )

    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get(slug="tin-tu-xuat-ban")
    assert not page.live
    client.logout()
    assert client.get("/tin-tuc/tin-tu-xuat-ban/").status_code == 404


def test_a_reporter_cannot_unpublish_or_delete_a_live_article(client, site):
    reporter = site.user("phongvien", roles.REPORTER)
    article = site.news(title="Tin đã đăng", owner=site.user("lanhdao", roles.LEADER), publish=True)
    client.force_login(reporter)

    for name in ("unpublish", "delete"):
        response = client.post(reverse(f"wagtailadmin_pages:{name}", args=[article.pk]))
        assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.live


def test_staff_of_centre_a_cannot_open_centre_b_in_the_editor(client, site):
    client.force_login(site.user("canbo_a", staff_of=site.center_a))

    assert client.get(reverse("wagtailadmin_pages:edit", args=[site.center_a.pk])).status_code == 200
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[site.center_b.pk]))
    assert refused.status_code in (302, 403)
    assert site.center_b.title not in refused.content.decode()


def guessed_urls(page):
    revision = page.latest_revision
    return {
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "compare": reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", revision.pk]),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[page.pk]),
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }


@pytest.mark.parametrize("who", ["anonymous", "reporter", "staff of centre A"])
@pytest.mark.parametrize("view", ["history", "compare", "revision", "copy", "move", "edit"])
def test_guessing_admin_urls_is_refused(client, site, who, view):
    leader = site.user("lanhdao", roles.LEADER)
    if who == "reporter":
        client.force_login(site.user("phongvien", roles.REPORTER))
        page = site.news(title="Tin của lãnh đạo", owner=leader, publish=True)
    elif who == "staff of centre A":
        client.force_login(site.user("canbo_a", staff_of=site.center_a))
        page = site.center_b
    else:
        page = site.news(title="Tin của lãnh đạo", owner=leader, publish=True)

    response = client.get(guessed_urls(page)[view])

    assert response.status_code in (302, 403), f"{who} opened the {view} view"
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"].startswith("/admin/")


def test_staff_of_centre_a_can_open_their_own_centre_history(client, site):
    client.force_login(site.user("canbo_a", staff_of=site.center_a))

    for view in ("history", "compare", "revision"):
        assert client.get(guessed_urls(site.center_a)[view]).status_code == 200
