"""The roles set themselves up; demo accounts only where asked; a centre's staff account in one form."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowContentType, WorkflowPage

from centers.roles import EDUCATION_OFFICE
from cms.workflows import roles

pytestmark = pytest.mark.django_db

ROLE_GROUPS = ["Phóng viên", "Biên tập viên", "Lãnh đạo", "Quản trị", "Phòng Giáo dục"]


def counts():
    return (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
        WorkflowContentType.objects.count(),
        sum(group.permissions.count() for group in Group.objects.all()),
    )


def test_setup_roles_creates_the_vietnamese_roles_and_a_group_per_centre(site):
    names = set(Group.objects.values_list("name", flat=True))

    assert set(ROLE_GROUPS) <= names
    assert {"Cán bộ TTHTCĐ phường Yên Thanh", "Cán bộ TTHTCĐ phường Phương Nam"} <= names
    staff = Group.objects.get(name="Cán bộ TTHTCĐ phường Yên Thanh")
    assert [(perm.page_id, perm.permission.codename) for perm in staff.page_permissions.all()] == [
        (site.center_a.pk, "change_page")
    ]


def test_setup_roles_twice_changes_nothing(site, capsys):
    before = counts()

    call_command("setup_roles")

    assert counts() == before
    assert "nothing to do" in capsys.readouterr().out


def test_a_quan_tri_administers_but_is_no_superuser(site):
    admin = site.user("quantri", roles.ADMINISTRATOR)

    assert not admin.is_superuser
    assert admin.has_perm("auth.add_user") and admin.has_perm("home.change_portalsettings")
    assert admin.has_perm("wagtailcore.add_workflow") and admin.has_perm("home.publish_announcement")


def test_a_quan_tri_cannot_make_a_superuser(client, site):
    client.force_login(site.user("quantri", roles.ADMINISTRATOR))
    data = {
        "username": "ke_gian",
        "email": "kegian@example.com",
        "first_name": "Kẻ",
        "last_name": "Gian",
        "password1": "mat-khau-rat-dai-123",
        "password2": "mat-khau-rat-dai-123",
        "is_superuser": "on",
    }

    response = client.post(reverse("wagtailusers_users:add"), data)

    assert response.status_code in (302, 403)  # the admin turns a refusal into a redirect with a message
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not get_user_model().objects.filter(username="ke_gian").exists()

    response = client.post(reverse("wagtailusers_users:add"), {**data, "is_superuser": ""})
    assert response.status_code == 302
    assert not get_user_model().objects.get(username="ke_gian").is_superuser


# --- Demo accounts ---------------------------------------------------------------------------


def test_no_demo_accounts_when_debug_is_off_unless_asked(site, monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.delenv(roles.DEMO_ACCOUNTS_ENV, raising=False)

    with pytest.raises(PermissionDenied):
        roles.ensure_demo_accounts(print)
    from home.demo import load_demo

    load_demo()
    assert not get_user_model().objects.filter(username="phongvien").exists()


def test_demo_accounts_for_each_role_and_centre_with_the_password_shown_once(site, monkeypatch):
    monkeypatch.setenv(roles.DEMO_ACCOUNTS_ENV, "1")
    monkeypatch.delenv(roles.DEMO_PASSWORD_ENV, raising=False)
    lines = []

    roles.ensure_demo_accounts(lines.append)

    User = get_user_model()
    expected = {
        "phongvien": "Phóng viên",
        "bientapvien": "Biên tập viên",
        "lanhdao": "Lãnh đạo",
        "quantri": "Quản trị",
        "phonggiaoduc": "Phòng Giáo dục",
        "canbo_yenthanh": "Cán bộ TTHTCĐ phường Yên Thanh",
        "canbo_phuongnam": "Cán bộ TTHTCĐ phường Phương Nam",
    }
    for username, group in expected.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        line = next(line for line in lines if f"'{username}'" in line)
        password = re.search(r"password '([^']+)'", line).group(1)
        assert user.check_password(password)

    again = []
    roles.ensure_demo_accounts(again.append)
    assert again == []


def test_demo_password_from_the_environment_is_not_printed(site, monkeypatch):
    monkeypatch.setenv(roles.DEMO_ACCOUNTS_ENV, "1")
    monkeypatch.setenv(roles.DEMO_PASSWORD_ENV, "mat-khau-demo-chung")
    lines = []

    roles.ensure_demo_accounts(lines.append)

    assert get_user_model().objects.get(username="lanhdao").check_password("mat-khau-demo-chung")
    assert not any("mat-khau-demo-chung" in line for line in lines)


def test_setup_roles_demo_accounts_flag_works_with_debug_off(site, settings, monkeypatch, capsys):
    settings.DEBUG = False
    monkeypatch.delenv(roles.DEMO_ACCOUNTS_ENV, raising=False)

    call_command("setup_roles", "--demo-accounts")

    assert get_user_model().objects.filter(username="bientapvien").exists()
    assert "bientapvien" in capsys.readouterr().out


def test_load_demo_sets_up_the_workflows_on_the_demo_sections(monkeypatch):
    monkeypatch.setenv(roles.DEMO_ACCOUNTS_ENV, "1")
    from wagtail.models import Page

    from home.demo import load_demo

    context = load_demo()

    news_index = Page.objects.get(slug="tin-tuc", depth=3)
    assert news_index.specific.get_workflow().name == "Duyệt tin hai cấp"
    assert any("canbo_yenthanh" in line for line in context.created)
    assert get_user_model().objects.filter(username="canbo_yenthanh", groups__name__startswith="Cán bộ").exists()


# --- A centre's staff account in one form ----------------------------------------------------


def staff_url(page):
    return reverse("centers_staff", args=[page.pk])


@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, EDUCATION_OFFICE])
def test_an_administrator_or_the_education_office_creates_a_centre_staff_account(client, site, role):
    client.force_login(site.user("nguoitao", role))
    form = client.get(staff_url(site.center_a))
    assert form.status_code == 200
    assert "Tài khoản cán bộ" in form.content.decode()

    response = client.post(
        staff_url(site.center_a), {"full_name": "Nguyễn Thị Lan", "email": "lan@example.com", "username": ""}
    )

    assert response.status_code == 200
    user = get_user_model().objects.get(username="lan")
    assert (user.first_name, user.last_name) == ("Nguyễn Thị", "Lan")
    assert user.get_full_name() == "Nguyễn Thị Lan"  # what Wagtail shows
    assert list(user.groups.values_list("name", flat=True)) == ["Cán bộ TTHTCĐ phường Yên Thanh"]
    password = re.search(r"data-sen-password><code>([^<]+)</code>", response.content.decode()).group(1)
    assert user.check_password(password)
    # The new account edits its own centre, and only that one.
    assert site.center_a.permissions_for_user(user).can_edit()
    assert not site.center_b.permissions_for_user(user).can_edit()
    assert password not in client.get(staff_url(site.center_a)).content.decode()


def test_the_staff_button_is_on_the_centre_page_for_those_who_may_use_it(client, site):
    client.force_login(site.user("phonggiaoduc", EDUCATION_OFFICE))
    assert staff_url(site.center_a) in client.get(reverse("wagtailadmin_pages:edit", args=[site.center_a.pk])).text

    client.force_login(site.user("canbo", staff_of=site.center_a))
    assert staff_url(site.center_a) not in client.get(reverse("wagtailadmin_pages:edit", args=[site.center_a.pk])).text


@pytest.mark.parametrize("who", ["reporter", "staff", "leader"])
def test_others_cannot_create_staff_accounts(client, site, who):
    user = {
        "reporter": lambda: site.user("phongvien", roles.REPORTER),
        "staff": lambda: site.user("canbo", staff_of=site.center_a),
        "leader": lambda: site.user("lanhdao", roles.LEADER),
    }[who]()
    client.force_login(user)

    response = client.post(staff_url(site.center_a), {"full_name": "Kẻ Lạ", "email": "kela@example.com"})

    assert response.status_code in (302, 403)
    assert not get_user_model().objects.filter(email="kela@example.com").exists()


def test_the_staff_form_is_only_for_centres(client, site, admin_user):
    client.force_login(admin_user)

    assert client.get(reverse("centers_staff", args=[site.news_index.pk])).status_code in (302, 403, 404)
    assert client.get(reverse("centers_staff", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"full_name": "", "email": "a@example.com"}, "full_name", "bắt buộc"),
        ({"full_name": "Trần Văn Ba", "email": "khong-phai-email"}, "email", "email"),
        ({"full_name": "Trần Văn Ba", "email": "b@example.com", "username": "có dấu cách"}, "username", "chữ"),
        ({"full_name": "Trần Văn Ba", "email": "c@example.com", "username": "quantri"}, "username", "đã có"),
        ({"full_name": "Trần Văn Ba", "email": "quantri@example.com"}, "email", "đã có"),
    ],
)
def test_bad_input_gives_vietnamese_form_errors(client, site, data, field, message):
    client.force_login(site.user("quantri", roles.ADMINISTRATOR))
    before = get_user_model().objects.count()

    response = client.post(staff_url(site.center_a), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field]).lower()
    assert get_user_model().objects.count() == before


def test_a_section_made_in_the_admin_is_under_approval_at_once(client, site, admin_user):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    from articles.models import NewsIndexPage

    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "newsindexpage", site.home.pk]),
        nested_form_data(
            {"title": "Tin giáo dục", "slug": "tin-giao-duc", "intro": rich_text(""), "action-publish": "1"}
        ),
    )

    assert response.status_code == 302
    section = NewsIndexPage.objects.get(slug="tin-giao-duc")
    assert WorkflowPage.objects.get(page=section).workflow.name == "Duyệt tin hai cấp"
    reporter = site.user("phongvien", roles.REPORTER)
    assert section.permissions_for_user(reporter).can_add_subpage()


# --- At portal scale: the cost of a new centre does not grow with the centres already there ----


def _add_centre(index, title, slug):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from centers.models import CenterPage

    place = CenterPage.objects.filter(commune__isnull=False).first()
    page = CenterPage(title=title, slug=slug, province=place.province, commune=place.commune)
    index.add_child(instance=page)
    with CaptureQueriesContext(connection) as queries:
        roles.set_up_new_sections(None, page)
    return page, len(queries.captured_queries)


def test_a_centre_added_among_many_gets_its_staff_group_as_quickly(demo_site):
    from centers.models import CenterIndexPage

    index = CenterIndexPage.objects.filter(locale__language_code="vi").first()
    _first, queries_with_few = _add_centre(index, "TTHTCĐ xã Tân Một", "tthtcd-xa-tan-mot")
    call_command("generate_content", centres=40, seed=7)  # 40 more centres, without staff groups yet

    page, queries_with_many = _add_centre(index, "TTHTCĐ xã Tân Hai", "tthtcd-xa-tan-hai")

    group = Group.objects.get(name="Cán bộ TTHTCĐ xã Tân Hai")
    assert [(perm.page_id, perm.permission.codename) for perm in group.page_permissions.all()] == [
        (page.pk, "change_page")
    ]
    # Only the new centre was set up: the 40 generated ones were not visited.
    assert not Group.objects.filter(name__contains="Trung tâm học tập cộng đồng").exists()
    assert queries_with_many <= queries_with_few


def test_setup_roles_again_does_not_visit_every_centre(demo_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rerun_queries():
        roles.setup_roles()  # the new centres' groups
        with CaptureQueriesContext(connection) as queries:
            assert roles.setup_roles() == []
        return len(queries.captured_queries)

    call_command("generate_content", centres=5, seed=8)
    with_five_more = rerun_queries()
    call_command("generate_content", centres=45, seed=8)
    with_fifty_more = rerun_queries()

    from centers.roles import centre_pages

    assert Group.objects.filter(name__startswith="Cán bộ").count() == centre_pages().count() > 45
    assert with_fifty_more == with_five_more
