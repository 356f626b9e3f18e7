"""The approval chain through the admin: a reporter submits, an editor approves, a leader approves.

Also: who gets which e-mail, what the history shows, and that publishing is all or nothing.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState
from wagtail.signals import page_published
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import NewsPage
from cms.workflows import roles
from home.models import Announcement

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site):
    return {
        "reporter": site.user("phongvien", roles.REPORTER, first_name="Nguyễn Văn", last_name="An"),
        "editor": site.user("bientapvien", roles.EDITOR),
        "editor2": site.user("bientapvien2", roles.EDITOR),
        "leader": site.user("lanhdao", roles.LEADER),
    }


def news_form(title, slug="tin-thu-nghiem", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Tóm tắt tin thử nghiệm.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung tin.</p>"))]),
            "author": "Thanh Tùng",
            "source": "",
            "source_url": "",
            "main_image_alt": "",
            "main_image_caption": "",
            "tags": "",
            "related_article_links": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def submit_news(client, site, reporter, title="Khai giảng lớp tin học cho người cao tuổi"):
    client.force_login(reporter)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "newspage", site.news_index.pk]),
        {**news_form(title), "action-submit": "Submit"},
    )
    assert response.status_code == 302, response.context["form"].errors
    return NewsPage.objects.get(title=title)


def current_task_state(obj):
    return TaskState.objects.get(workflow_state__object_id=str(obj.pk), status=TaskState.STATUS_IN_PROGRESS)


def act(client, page, user, action="approve", comment=""):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, current_task_state(page).pk])
    return client.post(url, {"comment": comment})


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_whole_chain_reporter_editor_leader_makes_the_article_live(client, site, people):
    page = submit_news(client, site, people["reporter"])
    assert not page.live
    assert page.current_workflow_task.name == "Biên tập viên duyệt"

    assert act(client, page, people["editor"]).status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == "Lãnh đạo duyệt"

    assert act(client, page, people["leader"]).status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not page.workflow_in_progress

    client.logout()
    assert client.get(page.url).status_code == 200
    api = client.get("/api/v2/pages/", {"type": "articles.NewsPage", "fields": "title"}).json()
    assert page.title in [item["title"] for item in api["items"]]


def test_submitting_mails_every_editor_in_vietnamese(client, site, people):
    page = submit_news(client, site, people["reporter"])

    assert recipients() == ["bientapvien2@example.com", "bientapvien@example.com"]
    message = mail.outbox[0]
    assert "đã được gửi duyệt" in message.subject
    assert "Biên tập viên duyệt" in message.subject
    assert f"/admin/pages/{page.pk}/edit/" in message.body
    assert "Xin chào" in message.body


def test_the_first_approval_mails_the_leaders(client, site, people):
    page = submit_news(client, site, people["reporter"])
    mail.outbox.clear()

    act(client, page, people["editor"])

    assert recipients() == ["lanhdao@example.com"]
    assert "Lãnh đạo duyệt" in mail.outbox[0].subject


def test_the_final_approval_mails_the_author(client, site, people):
    page = submit_news(client, site, people["reporter"])
    act(client, page, people["editor"])
    mail.outbox.clear()

    act(client, page, people["leader"])

    assert recipients() == ["phongvien@example.com"]
    message = mail.outbox[0]
    assert "đã được duyệt" in message.subject
    assert "Xin chào Nguyễn Văn An," in message.body  # the full name, family name first
    assert page.title in message.body


def test_requesting_changes_mails_the_author_with_the_comment(client, site, people):
    page = submit_news(client, site, people["reporter"])
    mail.outbox.clear()

    response = act(client, page, people["editor"], action="reject", comment="Cần bổ sung nguồn tin và ảnh.")

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live and not page.workflow_in_progress
    assert recipients() == ["phongvien@example.com"]
    message = mail.outbox[0]
    assert "yêu cầu chỉnh sửa" in message.subject.lower() and "từ chối" not in message.subject
    assert "Cần bổ sung nguồn tin và ảnh." in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body


def test_every_step_is_in_the_page_history_with_who_did_it(client, site, people):
    page = submit_news(client, site, people["reporter"])
    act(client, page, people["editor"], action="reject", comment="Sửa tiêu đề.")
    client.force_login(people["reporter"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**news_form("Khai giảng lớp tin học (đã sửa)"), "action-submit": "Submit"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Biên tập viên duyệt"  # resubmitted after the changes
    act(client, page, people["editor"])
    act(client, page, people["leader"])
    client.force_login(people["leader"])
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    entries = [(entry.action, entry.user.username) for entry in PageLogEntry.objects.filter(page=page).order_by("pk")]
    for expected in [
        ("wagtail.workflow.start", "phongvien"),
        ("wagtail.workflow.reject", "bientapvien"),
        ("wagtail.workflow.resume", "phongvien"),
        ("wagtail.workflow.approve", "bientapvien"),
        ("wagtail.workflow.approve", "lanhdao"),
        ("wagtail.publish", "lanhdao"),
        ("wagtail.unpublish", "lanhdao"),
    ]:
        assert expected in entries
    assert all(entry.timestamp for entry in PageLogEntry.objects.filter(page=page))


def test_page_history_and_site_history_show_the_steps_in_vietnamese(client, site, people, admin_user):
    page = submit_news(client, site, people["reporter"])
    act(client, page, people["editor"])
    act(client, page, people["leader"])

    client.force_login(people["leader"])
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    text = history.content.decode()
    assert "Lịch sử" in text
    assert "lanhdao" in text and "Nguyễn Văn An" in text  # who: the leader, the reporter (by name)
    assert "Approved by" not in text and "Submitted for" not in text

    client.force_login(admin_user)
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    text = report.content.decode()
    assert page.title in text
    assert "Duyệt tin hai cấp" in text
    assert "Site history" not in text


def test_reviewers_see_what_awaits_them_and_the_workflow_report_says_who_must_act(client, site, people):
    page = submit_news(client, site, people["reporter"])

    client.force_login(people["editor"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert page.title in dashboard
    assert "Awaiting your review" not in dashboard
    assert "Nguyễn Văn An" in dashboard and "An Nguyễn Văn" not in dashboard  # the table's author column

    client.force_login(people["leader"])
    report = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    assert page.title in report
    assert "Biên tập viên duyệt" in report  # the step it waits in, i.e. who must act

    client.force_login(people["reporter"])
    status = client.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
    assert status.status_code == 200
    assert "Biên tập viên duyệt" in status.content.decode()


def test_announcements_go_through_the_two_level_approval(client, site, people):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("wagtailsnippets_home_announcement:add"),
        {
            "title": "Lịch tiếp công dân tháng sau",
            "text": rich_text("<p>Sáng thứ Năm hằng tuần.</p>"),
            "link_url": "",
            "visible_from": "",
            "visible_until": "",
            "locale": site.home.locale_id,
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    announcement = Announcement.objects.get(title="Lịch tiếp công dân tháng sau")
    assert not announcement.live
    assert recipients() == ["bientapvien2@example.com", "bientapvien@example.com"]

    for user in (people["editor"], people["leader"]):
        client.force_login(user)
        task_state = current_task_state(announcement)
        url = reverse(
            "wagtailsnippets_home_announcement:workflow_action", args=[announcement.pk, "approve", task_state.pk]
        )
        assert client.post(url, {"comment": ""}).status_code == 302

    announcement.refresh_from_db()
    assert announcement.live
    assert announcement in Announcement.objects.visible()


def test_a_reporter_cannot_approve_a_step(client, site, people):
    page = submit_news(client, site, people["reporter"])

    response = act(client, page, people["reporter"])

    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Biên tập viên duyệt"


def test_a_leader_cannot_skip_the_editors_step_through_the_workflow(client, site, people):
    page = submit_news(client, site, people["reporter"])

    act(client, page, people["leader"])

    page.refresh_from_db()
    assert page.current_workflow_task.name == "Biên tập viên duyệt"
    assert not page.live


# --- Publishing is atomic -----------------------------------------------------------------


class BrokenReceiver(Exception):
    pass


def break_publishing(**kwargs):
    raise BrokenReceiver("a receiver failed while publishing")


def test_a_failure_while_publishing_leaves_the_live_page_as_it_was(site, people):
    page = site.news(title="Bản đã duyệt", publish=True)
    approved_revision_id = page.live_revision_id
    page.title = "Bản mới chưa xuất bản được"
    revision = page.save_revision(user=people["leader"])

    page_published.connect(break_publishing, dispatch_uid="sen-test-break-publishing")
    try:
        with pytest.raises(BrokenReceiver):
            revision.publish(user=people["leader"])
    finally:
        page_published.disconnect(dispatch_uid="sen-test-break-publishing")

    page = NewsPage.objects.get(pk=page.pk)
    assert page.live
    assert page.live_revision_id == approved_revision_id
    assert page.title == "Bản đã duyệt"
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision=revision).exists()


def test_a_failure_at_the_final_approval_keeps_the_page_in_review(client, site, people):
    page = submit_news(client, site, people["reporter"])
    act(client, page, people["editor"])

    page_published.connect(break_publishing, dispatch_uid="sen-test-break-publishing")
    try:
        with pytest.raises(BrokenReceiver):
            act(client, page, people["leader"])
    finally:
        page_published.disconnect(dispatch_uid="sen-test-break-publishing")

    page = NewsPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.live_revision_id is None
    assert page.current_workflow_task.name == "Lãnh đạo duyệt"
