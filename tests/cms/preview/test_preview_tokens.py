"""Draft preview for headless front ends: signed, expiring, revocable tokens; never the draft without one."""

import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.urls import reverse

from cms.preview import tokens as preview
from tests.articles.factories import make_news, make_news_index
from tests.utils import assert_problem

FRONTEND = "https://xem-truoc.example.gov.vn/preview"
DRAFT_TITLE = "Khai mạc hội khoẻ phù đổng (bản nháp)"


@pytest.fixture
def article(home_page):
    index = make_news_index(home_page)
    page = make_news(index, "Khai mạc hội khoẻ phù đổng", summary="Bản đã đăng.")
    page.title = DRAFT_TITLE
    page.summary = "Nội dung nháp chưa duyệt."
    page.save_revision()
    page.refresh_from_db()
    return page


def get_preview(client, token):
    return client.get("/api/preview/", {"token": token} if token is not None else {})


def assert_refused(response, status, reason):
    """A problem (problem+json, as everywhere under /api/) whose ``reason`` says what is wrong with the token."""
    body = assert_problem(response, status, "not_found" if status == 404 else "invalid_token")
    assert body["reason"] == reason and body["parameter"] == (None if status == 404 else "token")
    assert DRAFT_TITLE not in response.content.decode() and "chưa duyệt" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_valid_token_shows_the_draft_while_the_api_shows_the_published_page(client, article):
    response = get_preview(client, preview.make_token(article))
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == DRAFT_TITLE and data["summary"] == "Nội dung nháp chưa duyệt."
    assert data["id"] == article.pk and data["preview"]["revision_id"] == article.latest_revision_id
    assert data["meta"]["type"] == "articles.NewsPage"  # serialized as /api/v2/pages/<id>/ does
    assert data["meta"]["detail_url"].endswith(f"/api/v2/pages/{article.pk}/")  # by that endpoint's serializer
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")

    live = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert live["title"] == "Khai mạc hội khoẻ phù đổng" and live["summary"] == "Bản đã đăng."


def test_missing_and_malformed_tokens_are_401(client, article):
    assert_refused(get_preview(client, None), 401, "missing")
    assert_refused(get_preview(client, "không-phải-token"), 401, "malformed")
    # A NUL never reaches the view (cms.http.badinput.BadInputMiddleware): a 400 with a message, no draft.
    nul = get_preview(client, "abc\x00def:ghi:jkl")
    assert nul.status_code == 400 and nul.json()["detail"] and DRAFT_TITLE not in nul.content.decode()
    assert_refused(get_preview(client, "x" * 5000), 401, "malformed")


def test_tampered_tokens_are_403(client, article):
    token = preview.make_token(article)
    payload, timestamp, signature = token.rsplit(":", 2)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert_refused(get_preview(client, f"{payload}:{timestamp}:{flipped}"), 403, "invalid")
    other = preview._signer().sign_object({"p": article.pk, "r": article.latest_revision_id, "e": 0})
    forged = other.split(":", 1)[0] + ":" + token.split(":", 1)[1]
    assert_refused(get_preview(client, forged), 403, "invalid")
    foreign_salt = signing.TimestampSigner(salt="other").sign_object(
        {"p": article.pk, "r": article.latest_revision_id, "e": 0}
    )
    assert_refused(get_preview(client, foreign_salt), 403, "invalid")


def test_expired_tokens_are_refused(client, article, settings):
    settings.SEN_PREVIEW_TOKEN_MAX_AGE = 3600
    two_hours_ago = time.time() - 7200
    with mock.patch("django.core.signing.time.time", return_value=two_hours_ago):
        token = preview.make_token(article)
    assert_refused(get_preview(client, token), 403, "expired")


def test_revoked_tokens_are_403_and_new_ones_work(client, article):
    token = preview.make_token(article)
    preview.revoke(article)
    assert_refused(get_preview(client, token), 403, "revoked")
    assert get_preview(client, preview.make_token(article)).status_code == 200


def test_publishing_revokes_earlier_preview_links(client, article):
    token = preview.make_token(article)
    article.latest_revision.publish()
    assert_refused(get_preview(client, token), 403, "revoked")


def test_a_token_for_a_deleted_page_is_404(client, article):
    token = preview.make_token(article)
    article.delete()
    assert_refused(get_preview(client, token), 404, "not_found")


def test_a_token_cannot_show_another_pages_revision(client, article, home_page):
    other = make_news(article.get_parent().specific, "Tin khác")
    data = {"p": other.pk, "r": article.latest_revision_id, "e": preview.current_epoch(other.pk)}
    assert_refused(get_preview(client, preview._signer().sign_object(data, compress=True)), 404, "not_found")


# The admin.


def test_editor_button_opens_the_front_end_with_a_working_token(admin_client, article, settings, client):
    settings.SEN_PREVIEW_FRONTEND_URL = FRONTEND + "?site=sen"
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert reverse("sen_preview_frontend", args=[article.pk]) in edit.content.decode()

    response = admin_client.get(reverse("sen_preview_frontend", args=[article.pk]))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == FRONTEND
    query = parse_qs(target.query)
    assert query["site"] == ["sen"] and query["id"] == [str(article.pk)] and query["type"] == ["articles.NewsPage"]
    assert get_preview(client, query["token"][0]).json()["title"] == DRAFT_TITLE


def test_no_button_without_a_front_end_url(admin_client, article, settings):
    settings.SEN_PREVIEW_FRONTEND_URL = ""
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert reverse("sen_preview_frontend", args=[article.pk]) not in edit.content.decode()
    assert admin_client.get(reverse("sen_preview_frontend", args=[article.pk])).status_code == 302


def test_revoke_action_in_the_admin(admin_client, article, client, settings):
    settings.SEN_PREVIEW_FRONTEND_URL = FRONTEND
    token = preview.make_token(article)
    confirm = admin_client.get(reverse("sen_preview_revoke", args=[article.pk]))
    assert confirm.status_code == 200 and article.title in confirm.content.decode()
    assert get_preview(client, token).status_code == 200
    assert admin_client.post(reverse("sen_preview_revoke", args=[article.pk])).status_code == 302
    assert_refused(get_preview(client, token), 403, "revoked")


def test_opening_a_preview_of_a_page_without_revisions_writes_nothing(admin_client, article, settings, client):
    """Pages made from code or an import may have no revision: the GET does not create one, and the
    link shows the page as stored."""
    from wagtail.models import Revision

    settings.SEN_PREVIEW_FRONTEND_URL = FRONTEND
    Revision.page_revisions.filter(object_id=str(article.pk)).delete()
    article.refresh_from_db()
    assert article.latest_revision is None

    response = admin_client.get(reverse("sen_preview_frontend", args=[article.pk]))
    assert response.status_code == 302
    assert not Revision.page_revisions.filter(object_id=str(article.pk)).exists()
    data = get_preview(client, parse_qs(urlsplit(response["Location"]).query)["token"][0]).json()
    assert data["title"] == "Khai mạc hội khoẻ phù đổng" and data["preview"]["revision_id"] is None
