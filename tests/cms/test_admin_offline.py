"""The admin names no outside host (government networks block them) and offers Sen's own editor's guide."""

import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from centers.roles import EDUCATION_OFFICE
from cms.workflows import roles
from tests.utils import EditorialSite

pytestmark = pytest.mark.django_db

OUTSIDE_HOSTS = ["gravatar.com", "releases.wagtail.org", "guide.wagtail.org", "wagtail.org/"]


@pytest.fixture
def site(home_page):
    return EditorialSite(home_page)


def test_the_offered_time_zones_are_real_zones_the_browser_knows():
    zones = settings.WAGTAIL_USER_TIME_ZONES

    assert zones == ["Asia/Ho_Chi_Minh"]
    assert "localtime" not in zones and set(zones) <= zoneinfo.available_timezones()


@pytest.mark.parametrize("role", [roles.REPORTER, roles.EDITOR, roles.LEADER, EDUCATION_OFFICE, None])
def test_dashboard_account_and_guide_name_no_outside_host(client, site, role):
    user = site.user("nguoidung", role, staff_of=None if role else site.center_a)
    client.force_login(user)

    for url in [reverse("wagtailadmin_home"), reverse("wagtailadmin_account"), reverse("sen_editors_guide")]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert [host for host in OUTSIDE_HOSTS if host in html] == [], url


def test_the_help_menu_opens_the_guide_for_every_role(client, site):
    client.force_login(site.user("canbo", staff_of=site.center_a))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    guide = client.get(reverse("sen_editors_guide")).content.decode()

    assert '"url": "/admin/huong-dan/"' in dashboard  # the help menu's item (the sidebar's JSON)
    assert 'href="/admin/huong-dan/">Hướng dẫn biên tập</a>' in dashboard  # the account summary
    for name in [*roles.role_names().values(), "Cán bộ trung tâm", "Duyệt tin hai cấp", "Phòng Giáo dục duyệt"]:
        assert name in guide, name
