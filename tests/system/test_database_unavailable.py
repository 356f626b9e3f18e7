"""A database that cannot be reached gives 503 + Retry-After (never a 500 page), and a publish is all or nothing."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from articles.models import NewsPage
from tests.articles.factories import make_news, make_news_index
from tests.articles.test_pages import news_form_data
from tests.utils import assert_problem


def database_down():
    """Every query fails as it does while PostgreSQL restarts."""
    error = OperationalError("terminating connection due to administrator command")
    return mock.patch.object(CursorWrapper, "execute", side_effect=error)


@pytest.fixture
def news_page(home_page):
    return make_news(make_news_index(home_page), "Hội nghị tổng kết công tác khuyến học")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/en/", "/search/?q=hoc", "/admin/login/", "/sitemap.xml"])
def test_pages_answer_503_with_retry_after_in_vietnamese(news_page, path):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Traceback" not in html and "OperationalError" not in html
    if not path.startswith("/en/"):
        assert "Vui lòng thử lại sau vài giây" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/?type=articles.NewsPage&fields=*"])
def test_api_answers_503_as_a_problem(news_page, path):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(path)
    body = assert_problem(response, 503, "unavailable")
    assert body["retry_after"] == int(response["Retry-After"]) and "thử lại" in body["detail"]
    assert body["title"] == "Dịch vụ tạm thời không sẵn sàng"
    with database_down():
        english = client.get(path, headers={"accept-language": "en"})
    body = assert_problem(english, 503, "unavailable")
    assert body["title"] == "Service unavailable" and "try again" in body["detail"]


@pytest.mark.django_db
def test_other_errors_keep_the_500_page(news_page):
    client = Client(raise_request_exception=False)
    with mock.patch("wagtail.models.Page.serve", side_effect=ValueError("a bug")):
        response = client.get(news_page.url)
    assert response.status_code == 500 and "Retry-After" not in response
    assert "Lỗi máy chủ" in response.content.decode()


@pytest.mark.django_db
def test_a_publish_interrupted_by_the_database_leaves_nothing_behind(admin_user, news_page):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    revisions_before = news_page.revisions.count()
    data = {**news_form_data(title="Tiêu đề mới chưa xuất bản", slug=news_page.slug), "action-publish": "1"}
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("wagtail.actions.publish_revision.PublishRevisionAction._publish_revision", side_effect=lost):
        response = client.post(f"/admin/pages/{news_page.pk}/edit/", data)
    assert response.status_code == 503
    news_page.refresh_from_db()
    # Not half done: no draft revision was left saved by the failed publish, the live page is unchanged.
    assert news_page.revisions.count() == revisions_before
    assert news_page.title == "Hội nghị tổng kết công tác khuyến học" and not news_page.has_unpublished_changes

    # The same publish once the database is back goes through entirely.
    response = client.post(f"/admin/pages/{news_page.pk}/edit/", data)
    assert response.status_code == 302
    news_page = NewsPage.objects.get(pk=news_page.pk)
    assert news_page.title == "Tiêu đề mới chưa xuất bản" and news_page.live_revision == news_page.latest_revision
