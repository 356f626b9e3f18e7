"""One error voice under /api/: problem+json in the negotiated language, Django's own 404s and the
trailing-slash case included; CORS lets a front end on another origin revalidate."""

import pytest

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    "url,vietnamese,english",
    [
        (
            "/api/v2/pages/999999/",
            "Không có trang công khai nào có mã số này.",
            "There is no public page with this id.",
        ),
        ("/api/v2/images/999999/", "Không có ảnh nào có mã số này.", "There is no image with this id."),
        ("/api/v2/documents/999999/", "Không có tài liệu nào có mã số này.", "There is no document with this id."),
    ],
)
def test_a_missing_object_is_a_problem_in_the_clients_language(client, home_page, url, vietnamese, english):
    for language, detail in (("vi", vietnamese), ("en", english)):
        response = client.get(url, headers={"Accept-Language": language})
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM and response["Content-Language"] == language
        assert response.json()["detail"] == detail


@pytest.mark.parametrize("url", ["/api/sen/khong-co", "/api/v2/khong-co", "/api/v3/khong-co", "/api/khong-co"])
def test_an_address_the_api_does_not_have_is_a_404_problem_not_a_redirect(client, home_page, url):
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 404, response.get("Location")
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "not_found"
    vietnamese = client.get(url)
    assert vietnamese.status_code == 404 and vietnamese.json()["detail"] != response.json()["detail"]


def test_an_api_address_without_its_slash_still_redirects_to_it(client, home_page):
    response = client.get("/api/v2/pages?limit=1")
    assert response.status_code == 301 and response["Location"] == "/api/v2/pages/?limit=1"
    assert client.get(response["Location"]).status_code == 200


def test_a_cross_origin_front_end_may_revalidate(client, home_page, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.example.org"]
    origin = {"Origin": "https://portal.example.org"}
    preflight = client.options(
        "/api/v2/pages/",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match, if-modified-since, accept-language",
        },
    )
    assert preflight.status_code == 200
    allowed = {name.strip() for name in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"if-none-match", "if-modified-since", "accept-language"} <= allowed

    first = client.get("/api/v2/pages/?limit=1", headers=origin)
    assert first["Access-Control-Allow-Origin"] == "https://portal.example.org"
    exposed = {name.strip().lower() for name in first["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "content-language"} <= exposed
    again = client.get("/api/v2/pages/?limit=1", headers={**origin, "If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "https://portal.example.org"
