"""NUL and bytes that are not UTF-8, in the path, the query string or form field names: a 400 before any view.

PostgreSQL refuses NUL in text, so every lookup by slug, path or category with one was a 500 there.
"""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/tin-tuc/%00/", "/%00/", "/tin-tuc/?category=%00", "/%FF/", "/tin-tuc/%C0%AF/", "/search/?q=%FF", "/?%00=1"],
)
def test_pages_answer_a_short_html_page(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/api/v2/pages/%00/", "/api/v2/pages/?search=%00", "/api/v3/pages/?search=a%FFb", "/api/sen/search?q=%C0%AF"],
)
def test_apis_answer_a_json_message(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_characters"
    assert "không được phép" in response.json()["detail"]


def test_a_form_field_name_with_nul_is_refused(client, home_page):
    form = "application/x-www-form-urlencoded"
    response = client.post("/admin/login/", "username=a&pass%00word=b", content_type=form)
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_a_nul_in_a_sign_in_form_value_is_refused_before_the_lockout_log(client, home_page, url):
    # PostgreSQL refuses NUL in text: it used to reach django-axes' failure record as a 500.
    form = "application/x-www-form-urlencoded"
    response = client.post(url, "username=a%00b&password=x", content_type=form)
    assert response.status_code == 400
    assert "không được phép" in response.content.decode()


def test_valid_utf8_and_percent_signs_pass(client, home_page):
    assert client.get("/search/?q=c%E1%BB%99ng%20%C4%91%E1%BB%93ng%20100%25").status_code == 200
    assert client.get("/api/v2/pages/?search=c%E1%BB%99ng").status_code == 200
    assert client.post("/admin/login/", {"username": "ngườidùng", "password": "x"}).status_code == 200


def test_unknown_api_addresses_answer_json(client, home_page):
    response = client.get("/api/v2/nothing-here/")
    assert response.status_code == 404
    assert response.json()["detail"]
    assert client.get("/khong-co-trang-nay/")["Content-Type"].startswith("text/html")


def test_a_wrong_method_on_sen_api_answers_json(client, home_page):
    response = client.post("/api/sen/search", {"q": "a"})
    assert response.status_code == 405
    assert response.json()["detail"]
    assert "GET" in response["Allow"]
