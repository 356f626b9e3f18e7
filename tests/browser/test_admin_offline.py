"""The admin works on a closed government network: it asks no host but Sen's, and logs no error.

An editor signs in and goes through the dashboard, a page's edit view, the account page and the
help menu's editor's guide; a centre's staff member does the same from their dashboard. Every
request the browser makes is recorded: none may go to another host than the live server
(gravatar.com, releases.wagtail.org, guide.wagtail.org…), and the console stays free of errors
(e.g. "Invalid time zone: localtime" on the account page).
"""

from urllib.parse import urlsplit

import pytest

from cms.workflows import roles
from tests.browser.test_workflow_chain import PASSWORD
from tests.utils import EditorialSite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(home_page):
    site = EditorialSite(home_page)
    for username, role, staff_of in [
        ("bientapvien", roles.EDITOR, None),
        ("canbo_yenthanh", None, site.center_a),
    ]:
        user = site.user(username, role, staff_of=staff_of, first_name="Trần Thị", last_name="Bình")
        user.set_password(PASSWORD)
        user.save()
    site.article = site.news("Khai giảng lớp tin học cho người cao tuổi", publish=True)
    return site


class Recorder:
    """Every request a page makes, and every console error or uncaught exception."""

    def __init__(self, page):
        self.requests = []
        self.errors = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def outside(self, base_url):
        own = urlsplit(base_url).netloc
        return sorted(
            {url for url in self.requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own}
        )


def sign_in(browser, base_url, username):  # noqa: F811
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}, timezone_id="UTC")
    page = context.new_page()
    page.set_default_timeout(20_000)
    recorder = Recorder(page)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    page.wait_for_load_state("networkidle")
    return page, recorder


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    return response


def help_links(page):
    """The help menu's links, as the sidebar renders them once opened."""
    page.locator("[data-wagtail-sidebar] button:has-text('Trợ giúp')").first.click()
    menu = page.locator("[data-wagtail-sidebar] .sidebar-sub-menu-panel").last
    menu.wait_for(state="visible")
    return [(link.inner_text().strip(), link.get_attribute("href")) for link in menu.locator("a").all()]


@pytest.fixture
def two_time_zones(settings):
    """The account page with a time zone choice (SEN_USER_TIME_ZONES), so its script localises the options."""
    from wagtail.admin.localization import get_available_admin_time_zones

    settings.WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh", "Asia/Bangkok"]
    get_available_admin_time_zones.cache_clear()
    yield
    get_available_admin_time_zones.cache_clear()


def test_the_editor_admin_asks_no_outside_host_and_logs_no_error(browser, live_server, site, two_time_zones):  # noqa: F811
    base_url = live_server.url
    page, recorder = sign_in(browser, base_url, "bientapvien")

    links = help_links(page)
    guide = [href for label, href in links if label == "Hướng dẫn biên tập"]
    assert guide == ["/admin/huong-dan/"], links
    assert all(href.startswith("/") or href == "#" for _label, href in links), links
    visit(page, f"{base_url}/admin/pages/{site.article.pk}/edit/")
    visit(page, f"{base_url}/admin/account/")
    zones = page.locator("select[name='locale-current_time_zone'] option").all_inner_texts()
    assert len(zones) == 3 and not any("localtime" in zone for zone in zones), zones
    visit(page, f"{base_url}/admin/huong-dan/")
    text = page.locator("main").inner_text()
    page.context.close()

    assert recorder.outside(base_url) == []
    assert recorder.errors == []
    for role in ("Phóng viên", "Biên tập viên", "Lãnh đạo", "Cán bộ trung tâm", "Phòng Giáo dục"):
        assert role in text, role


def test_centre_staff_reach_their_centre_from_the_dashboard_offline(browser, live_server, site):  # noqa: F811
    base_url = live_server.url
    page, recorder = sign_in(browser, base_url, "canbo_yenthanh")

    panel = page.locator("#sen-staff-centres-section")
    assert site.center_a.title in panel.inner_text()
    panel.locator("[data-sen-edit-report]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{base_url}/admin/pages/{site.center_a.pk}/edit/#")
    visit(page, f"{base_url}/admin/account/")
    page.context.close()

    assert recorder.outside(base_url) == []
    assert recorder.errors == []
