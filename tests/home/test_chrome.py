"""Announcements, website links and the portal settings that every page shows."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale, Site

from home.models import Announcement, PortalSettings, WebsiteLink


def make_announcement(title, *, publish=True, **fields):
    announcement = Announcement(title=title, locale=Locale.get_default(), **fields)
    announcement.save()
    if publish:
        announcement.save_revision().publish()
    else:
        announcement.live = False
        announcement.save()
    return announcement


@pytest.mark.django_db
def test_expired_and_future_announcements_disappear_by_themselves(client, home_page):
    now = timezone.now()
    make_announcement("Lịch tiếp công dân", visible_until=now + timedelta(days=1))
    make_announcement("Thông báo đã hết hạn", visible_until=now - timedelta(minutes=1))
    make_announcement("Thông báo tuần sau", visible_from=now + timedelta(days=7))
    make_announcement("Bản nháp chưa duyệt", publish=False)

    html = client.get("/").content.decode()

    assert "Lịch tiếp công dân" in html
    assert "Thông báo đã hết hạn" not in html
    assert "Thông báo tuần sau" not in html
    assert "Bản nháp chưa duyệt" not in html
    assert "Thông báo" in html  # the widget heading, in Vietnamese


@pytest.mark.django_db
def test_announcement_window_must_be_in_order(home_page):
    now = timezone.now()
    announcement = Announcement(
        title="Sai thời gian", locale=Locale.get_default(), visible_from=now, visible_until=now - timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        announcement.full_clean()
    assert "visible_until" in error.value.message_dict
    assert "phải sau" in error.value.message_dict["visible_until"][0]


@pytest.mark.django_db
def test_website_links_show_in_their_order(client, home_page):
    locale = Locale.get_default()
    WebsiteLink.objects.create(title="Bộ Giáo dục và Đào tạo", url="https://moet.gov.vn/", sort_order=2, locale=locale)
    WebsiteLink.objects.create(title="Dịch vụ công", url="https://dichvucong.gov.vn/", sort_order=1, locale=locale)

    html = client.get("/").content.decode()

    assert "Liên kết website" in html
    assert html.index("Dịch vụ công") < html.index("Bộ Giáo dục và Đào tạo")


@pytest.mark.django_db
def test_portal_settings_fill_the_header_and_footer(client, home_page):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_name = "Trang thông tin điện tử phường Yên Thanh"
    settings.address = "Tổ 28, khu Phú Thanh Tây"
    settings.phone = "0203 3850 000"
    settings.save()

    html = client.get("/").content.decode()

    assert html.count("Trang thông tin điện tử phường Yên Thanh") >= 2
    assert "Tổ 28, khu Phú Thanh Tây" in html
    assert "0203 3850 000" in html


@pytest.mark.django_db
def test_announcement_admin_speaks_vietnamese(admin_client, home_page):
    response = admin_client.get("/admin/snippets/home/announcement/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hiển thị đến" in html  # "visible until"


@pytest.mark.django_db
def test_the_announcements_list_says_in_vietnamese_whether_each_is_showing_now(admin_client, home_page):
    from bs4 import BeautifulSoup

    now = timezone.now()
    make_announcement("Lịch tiếp công dân tháng 6")
    make_announcement("Thông báo đã hết hạn", visible_until=now - timezone.timedelta(days=1))
    make_announcement("Bản nháp thông báo", publish=False)

    soup = BeautifulSoup(admin_client.get("/admin/snippets/home/announcement/").content, "html.parser")

    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    assert "Đang hiển thị" in headers
    column = headers.index("Đang hiển thị")
    rows = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in soup.select("table tbody tr")]

    def showing(title):
        return next(row[column] for row in rows if any(cell.startswith(title) for cell in row))

    assert showing("Lịch tiếp công dân tháng 6") == "Có"
    assert showing("Thông báo đã hết hạn") == "Không"  # live, but expired: visitors no longer see it
    assert showing("Bản nháp thông báo") == "Không"
    assert "True" not in soup.select_one("table").get_text(" ")


@pytest.mark.django_db
def test_admin_slug_field_transliterates_vietnamese(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/add/home/homepage/{home_page.id}/")
    # HomePage may only sit at the root; use the root's add view for a HomePage instead.
    if response.status_code != 200:
        response = admin_client.get(f"/admin/pages/add/home/homepage/{home_page.get_parent().id}/")
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'data-w-slug-formatters-value="([^"]*)"', html)
    assert match, "the slug field has no Vietnamese formatters"
    formatters = json.loads(unescape(match.group(1)))
    replacements = {replacement for _regex, replacement in formatters}
    assert {"a", "d", "o", "u"} <= replacements
    assert any("đ" in regex[0] for regex, replacement in formatters if replacement == "d")
