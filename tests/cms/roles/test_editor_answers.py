"""What the page editor answers: an incomplete autosave stays quiet and saves nothing; each workflow action
says what it did."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from articles.models import NewsPage
from cms.workflows import roles
from tests.cms.roles.test_workflow_chain import act, news_form, submit_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site):
    return {
        "reporter": site.user("phongvien", roles.REPORTER),
        "editor": site.user("bientapvien", roles.EDITOR),
        "leader": site.user("lanhdao", roles.LEADER),
    }


def autosave_new_news(client, site, user, **fields):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=["articles", "newspage", site.news_index.pk])
    return client.post(url, {**news_form(""), **fields}, headers={"accept": "application/json"})


def said(response):
    """The last message shown on the next page, as text (Wagtail's carry HTML and buttons)."""
    last = list(get_messages(response.wsgi_request))[-1]
    return BeautifulSoup(str(last), "html.parser").find(string=True).strip()


def test_an_autosave_without_a_title_is_quiet_and_creates_no_page(client, site, people):
    pages_before = Page.objects.count()

    response = autosave_new_news(client, site, people["reporter"], slug="")

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False and answer["incomplete"] is True
    assert answer["missing"] == ["Tiêu đề"]
    assert answer["error_message"] == "Chưa lưu: còn thiếu Tiêu đề."
    assert Page.objects.count() == pages_before


def test_an_autosave_with_a_wrong_value_still_warns(client, site, people):
    response = autosave_new_news(client, site, people["reporter"], title="Tin mới", slug="không hợp lệ!")

    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert "incomplete" not in response.json()


def test_an_autosave_with_a_title_saves_the_draft(client, site, people):
    response = autosave_new_news(client, site, people["reporter"], title="Tin mới", slug="tin-moi")

    assert response.status_code == 200 and response.json()["success"] is True
    assert NewsPage.objects.filter(title="Tin mới", live=False).exists()


def test_submitting_says_sent_for_approval(client, site, people):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "newspage", site.news_index.pk]),
        {**news_form("Khai giảng lớp tin học"), "action-submit": "Submit"},
    )

    assert said(response) == "Đã tạo và gửi duyệt trang 'Khai giảng lớp tin học'."


def test_saving_a_draft_still_says_updated(client, site, people):
    page = submit_news(client, site, people["reporter"], title="Khai giảng lớp tin học")
    client.force_login(people["editor"])

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), news_form(page.title, slug=page.slug))

    assert response.status_code == 302
    assert said(response) == "Đã cập nhật trang 'Khai giảng lớp tin học'."


def approve_in_editor(client, page, user):
    client.force_login(user)
    data = {
        **news_form(page.title, slug=page.slug),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": '{"comment": ""}',
    }
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_approving_says_approved_then_approved_and_published(client, site, people):
    page = submit_news(client, site, people["reporter"], title="Khai giảng lớp tin học")

    response = approve_in_editor(client, page, people["editor"])
    assert said(response) == "Đã duyệt trang 'Khai giảng lớp tin học', chuyển đến bước “Lãnh đạo duyệt”."

    response = approve_in_editor(client, page, people["leader"])
    assert said(response) == "Đã duyệt và xuất bản trang 'Khai giảng lớp tin học'."
    page.refresh_from_db()
    assert page.live


def test_requesting_changes_from_the_dashboard_says_so(client, site, people):
    page = submit_news(client, site, people["reporter"], title="Khai giảng lớp tin học")

    response = act(client, page, people["editor"], action="reject", comment="Cần bổ sung ảnh.")

    assert said(response) == "Đã yêu cầu chỉnh sửa trang 'Khai giảng lớp tin học'."


def test_approving_from_the_dashboard_says_published(client, site, people):
    page = submit_news(client, site, people["reporter"], title="Khai giảng lớp tin học")
    act(client, page, people["editor"])

    response = act(client, page, people["leader"])

    assert said(response) == "Đã duyệt và xuất bản trang 'Khai giảng lớp tin học'."


def test_a_refused_bulletin_keeps_its_uploaded_video_and_poster_chosen(client, site, people):
    from wagtail.test.utils.form_data import rich_text

    from tests.articles.factories import make_image, make_video_document

    video, poster = make_video_document(), make_image()
    client.force_login(people["reporter"])
    data = {
        "title": "Bản tin thời sự",
        "slug": "ban-tin-thoi-su",
        "broadcast_date": "07/12/202605/12/2025",  # typed after the pre-filled date
        "video_file": video.pk,
        "poster": poster.pk,
        "embed_url": "",
        "duration": "",
        "description": rich_text(""),
        "transcript": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "videobulletinpage", site.video_index.pk]), data
    )

    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    assert form.select_one("#id_broadcast_date").find_parent(class_="w-field").select_one(".error-message")
    assert form.select_one("input[name=video_file]")["value"] == str(video.pk)
    assert form.select_one("input[name=poster]")["value"] == str(poster.pk)
