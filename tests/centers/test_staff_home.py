"""A centre's staff land on their centre: dashboard panel, "My centre" menu item, e-mails by full name."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from centers.models import YearlyReport
from centers.roles import EDUCATION_OFFICE
from cms.workflows import roles
from tests.utils import EditorialSite

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return EditorialSite(home_page)


@pytest.fixture
def staff(site):
    return site.user("canbo_yenthanh", staff_of=site.center_a, first_name="Nguyễn Thị", last_name="Lan")


@pytest.fixture
def office(site):
    return site.user("phonggiaoduc", EDUCATION_OFFICE, first_name="Đỗ Minh", last_name="Hải")


def panel(response):
    """The staff panel's text (tags stripped), or None when the dashboard has none."""
    html = response.content.decode()
    match = re.search(r'id="sen-staff-centres-section".*?</section>', html, flags=re.S)
    if not match:
        return None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def sidebar_items(response):
    """(name, label, url) of the main menu's items, from the sidebar's JSON props."""
    html = response.content.decode()
    script = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    props = json.loads(script[1])
    items = []

    def walk(node):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type") in ("wagtail.sidebar.LinkMenuItem", "wagtail.sidebar.PageExplorerMenuItem") and args:
                items.append((args[0]["name"], args[0]["label"], args[0].get("url")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return items


def add_draft_report(page, user, school_year="2025-2026", **figures):
    draft = page.get_latest_revision_as_object()
    reports = list(draft.yearly_reports.all())
    reports.append(YearlyReport(school_year=school_year, **figures))
    draft.yearly_reports = reports
    draft.save_revision(user=user)
    page.refresh_from_db()
    return page


def test_staff_dashboard_shows_their_centre_with_edit_links(client, site, staff):
    client.force_login(staff)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    text = panel(response)
    assert text is not None, "no staff panel on the dashboard"
    assert "Trung tâm của bạn" in text
    assert site.center_a.title in text and site.center_b.title not in text
    edit_url = reverse("wagtailadmin_pages:edit", args=[site.center_a.pk])
    html = response.content.decode()
    assert f'href="{edit_url}"' in html
    report_link = re.search(rf'href="{edit_url}#([^"]+)" data-sen-edit-report', html)
    assert report_link, "no link to the yearly reports"
    edit_view = client.get(edit_url).content.decode()
    assert f'id="{report_link[1]}"' in edit_view and "yearly_reports-FORMS" in edit_view
    assert "Chưa có báo cáo năm nào." in text
    assert "không có gì chờ duyệt" in text


def test_staff_dashboard_shows_the_current_report_and_what_awaits_approval(client, site, staff):
    add_draft_report(site.center_a, staff, "2024-2025", classes_law=2, attendances=100)
    add_draft_report(site.center_a, staff, "2025-2026", classes_law=3, classes_vocational=4, funding_state=25_000_000)
    site.center_a.get_workflow().start(site.center_a, staff)
    client.force_login(staff)

    text = panel(client.get(reverse("wagtailadmin_home")))

    assert "Năm học 2025-2026" in text and "Số lớp 7" in text and "25.000.000" in text
    assert "Đang chờ duyệt ở bước “Phòng Giáo dục duyệt”" in text
    assert "Nguyễn Thị Lan" in text  # who submitted, family name first
    assert "Báo cáo năm chưa được xuất bản: 2024-2025, 2025-2026" in text


def test_staff_dashboard_shows_a_change_request_with_its_comment(client, site, staff, office):
    add_draft_report(site.center_a, staff, "2025-2026", classes_law=3)
    site.center_a.get_workflow().start(site.center_a, staff)
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(site.center_a.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    client.force_login(office)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[site.center_a.pk, "reject", task_state.pk]),
        {"comment": "Bổ sung số lượt người tham dự."},
    )
    client.force_login(staff)

    text = panel(client.get(reverse("wagtailadmin_home")))

    assert "Có yêu cầu chỉnh sửa" in text
    assert "Bổ sung số lượt người tham dự." in text


def test_a_draft_not_submitted_says_so(client, site, staff):
    add_draft_report(site.center_a, staff, "2025-2026", classes_law=3)
    client.force_login(staff)

    text = panel(client.get(reverse("wagtailadmin_home")))

    assert "Bản nháp chưa gửi duyệt" in text


def test_staff_menu_goes_to_their_centre_instead_of_an_empty_explorer(client, site, staff):
    client.force_login(staff)

    items = sidebar_items(client.get(reverse("wagtailadmin_home")))

    names = [name for name, _label, _url in items]
    assert "explorer" not in names
    assert ("sen-my-centre", "Trung tâm của tôi", reverse("wagtailadmin_pages:edit", args=[site.center_a.pk])) in items


def test_other_roles_keep_the_explorer_and_get_no_staff_panel(client, site, office):
    client.force_login(office)

    response = client.get(reverse("wagtailadmin_home"))

    assert panel(response) is None
    names = [name for name, _label, _url in sidebar_items(response)]
    assert "explorer" in names and "sen-my-centre" not in names


def test_submitting_mails_the_education_office_by_full_name(site, staff, office, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    add_draft_report(site.center_a, staff, "2025-2026", classes_law=3)
    mail.outbox.clear()

    site.center_a.get_workflow().start(site.center_a, staff)

    bodies = [message.body for message in mail.outbox if message.to == [office.email]]
    assert bodies, [message.to for message in mail.outbox]
    assert "Xin chào Đỗ Minh Hải," in bodies[0]
    html = [alt[0] for message in mail.outbox for alt in getattr(message, "alternatives", [])]
    assert any("Xin chào Đỗ Minh Hải," in part for part in html)


def test_a_user_without_a_name_is_greeted_by_username(site, staff):
    nameless = site.user("phonggiaoduc2", EDUCATION_OFFICE)
    add_draft_report(site.center_a, staff, "2025-2026", classes_law=3)
    mail.outbox.clear()

    site.center_a.get_workflow().start(site.center_a, staff)

    body = next(message.body for message in mail.outbox if message.to == [nameless.email])
    assert "Xin chào phonggiaoduc2," in body


def test_demo_staff_accounts_have_vietnamese_full_names(site, settings):
    settings.DEBUG = True
    roles.ensure_demo_accounts(log=lambda message: None)

    User = get_user_model()
    staff = User.objects.get(username="canbo_yenthanh")
    assert staff.first_name and staff.last_name
    assert staff.get_full_name() == "Nguyễn Thị Lan"  # Wagtail's screens show get_full_name()
    for user in User.objects.filter(username__in=[username for username, *_rest in roles.demo_accounts()]):
        assert user.first_name and user.last_name, user.username


def test_demo_accounts_made_before_names_get_them(site, settings):
    settings.DEBUG = True
    get_user_model().objects.create_user("canbo_yenthanh", "canbo_yenthanh@example.com", "x")

    roles.ensure_demo_accounts(log=lambda message: None)

    staff = get_user_model().objects.get(username="canbo_yenthanh")
    assert staff.get_full_name() == "Nguyễn Thị Lan"
