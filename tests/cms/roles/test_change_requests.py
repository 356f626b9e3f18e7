"""A reviewer's request for changes where the author works: edit view, status panel, one resubmit, one wording."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from cms.workflows import roles
from tests.cms.roles.test_workflow_chain import act, news_form, submit_news

pytestmark = pytest.mark.django_db

COMMENT = "Cần bổ sung nguồn tin và ảnh."


@pytest.fixture
def people(site):
    return {
        "reporter": site.user("phongvien", roles.REPORTER, first_name="Nguyễn Văn", last_name="An"),
        "editor": site.user("bientapvien", roles.EDITOR, first_name="Trần Thị", last_name="Bình"),
        "leader": site.user("lanhdao", roles.LEADER),
    }


@pytest.fixture
def rejected(client, site, people):
    page = submit_news(client, site, people["reporter"])
    mail.outbox.clear()
    assert act(client, page, people["editor"], action="reject", comment=COMMENT).status_code == 302
    page.refresh_from_db()
    return page


def edit_view(client, user, page):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_author_sees_the_comment_and_who_asked_on_the_edit_view(client, people, rejected):
    soup = edit_view(client, people["reporter"], rejected)

    notice = soup.select_one(".messages").get_text(" ", strip=True)
    assert COMMENT in notice
    assert "Trần Thị Bình" in notice and "Biên tập viên duyệt" in notice
    assert "Gửi lại đến Biên tập viên duyệt" in notice


def test_the_status_panel_says_changes_requested_with_the_comment(client, people, rejected):
    soup = edit_view(client, people["reporter"], rejected)

    panel = soup.select_one("[data-sen-change-request]")
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "Trần Thị Bình yêu cầu chỉnh sửa" in text and COMMENT in text
    # The status titles read "Trạng thái: …" to screen readers.
    titles = [title.get_text(" ", strip=True) for title in soup.select("h3[id^=status-sidebar-]")]
    assert titles and not any("Đang chờ duyệt" in title for title in titles), titles
    assert any("yêu cầu chỉnh sửa" in title.lower() for title in titles), titles


def test_the_author_has_one_resubmit_action(client, people, rejected):
    soup = edit_view(client, people["reporter"], rejected)

    footer = soup.select_one("footer")
    resubmit = footer.select_one("button[name=action-submit]").get_text(" ", strip=True)
    assert resubmit == "Gửi lại đến Biên tập viên duyệt"
    assert footer.select_one("button[name=action-restart-workflow]") is None
    assert "Khởi động lại quy trình duyệt" not in footer.get_text()


def test_after_resubmitting_the_request_is_gone(client, people, rejected):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[rejected.pk]),
        {**news_form("Khai giảng lớp tin học (đã sửa)"), "action-submit": "Submit"},
    )
    assert response.status_code == 302

    soup = edit_view(client, people["reporter"], rejected)
    assert soup.select_one("[data-sen-change-request]") is None
    assert COMMENT not in (soup.select_one(".messages") or soup.new_tag("div")).get_text()


def test_one_wording_in_the_email_and_the_history(client, people, rejected):
    (message,) = mail.outbox
    assert message.to == ["phongvien@example.com"]
    assert "Yêu cầu chỉnh sửa" in message.subject and "từ chối" not in message.subject
    assert "Trần Thị Bình yêu cầu chỉnh sửa" in message.body and "từ chối" not in message.body
    assert COMMENT in message.body

    client.force_login(people["reporter"])
    history = client.get(reverse("wagtailadmin_pages:history", args=[rejected.pk])).content.decode()
    assert "Yêu cầu chỉnh sửa" in history
    assert "từ chối" not in history.lower()
