"""One contract across /api/v2/, /api/v3/ and /api/sen/: errors as problem+json in the client's language."""

import pytest

from tests.utils import PROBLEM_KEYS, assert_problem

pytestmark = pytest.mark.django_db

# One bad parameter per API; each names the parameter and says what is wrong.
BAD_LIMIT = [
    ("/api/v2/pages/?limit=1000", "limit"),
    ("/api/v3/pages/?limit=1000", "limit"),
    ("/api/sen/search?q=lop&per_page=1000", "per_page"),
]
UNKNOWN = ["/api/v2/pages/?unknown=1", "/api/v3/pages/?unknown=1", "/api/sen/search?q=lop&unknown=1"]


@pytest.mark.parametrize(("url", "parameter"), BAD_LIMIT)
def test_a_bad_parameter_is_the_same_problem_on_every_api_in_english(client, home_page, url, parameter):
    body = assert_problem(client.get(url, HTTP_ACCEPT_LANGUAGE="en"), 400, "invalid_parameter", parameter)
    assert set(body) == PROBLEM_KEYS
    assert body["title"] == "Bad request"
    assert "cannot be higher than 50" in body["detail"]


@pytest.mark.parametrize(("url", "parameter"), BAD_LIMIT)
def test_problems_are_vietnamese_by_default(client, home_page, url, parameter):
    response = client.get(url)
    body = assert_problem(response, 400, "invalid_parameter", parameter)
    assert body["title"] == "Yêu cầu không hợp lệ"
    assert "không được lớn hơn 50" in body["detail"]
    assert "Accept-Language" in response["Vary"]
    assert response["Content-Language"] == "vi"


@pytest.mark.parametrize("url", UNKNOWN)
def test_unknown_parameters_are_refused_the_same_way_everywhere(client, home_page, url):
    body = assert_problem(client.get(url, HTTP_ACCEPT_LANGUAGE="en"), 400, "unknown_parameter", "unknown")
    assert body["detail"] == "Unknown query parameter: unknown"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/?fallback=vi",
        "/api/v3/pages/?category=giao-duc",
        "/api/v3/pages/?fields=nonexistent",
        "/api/sen/centers/stats/years?unknown=1",
        "/api/sen/counter?x=1",
        "/api/v2/pages/find/?id=1&unknown=1",
    ],
)
def test_parameters_v3_and_sen_used_to_ignore_are_refused(client, home_page, url):
    assert_problem(client.get(url), 400, "unknown_parameter")


def test_v3_keeps_its_field_filters_and_pagination(client, home_page):
    response = client.get(f"/api/v3/pages/?slug={home_page.slug}&limit=5&offset=0&order=title")
    assert response.status_code == 200, response.content[:300]
    assert [item["id"] for item in response.json()["items"]] == [home_page.pk]


@pytest.mark.parametrize("url", ["/api/v2/pages/?locale=xx", "/api/v3/pages/?locale=xx", "/api/sen/links?locale=xx"])
def test_an_unknown_locale_is_a_400_everywhere(client, home_page, url):
    assert_problem(client.get(url), 400, "unknown_locale", "locale")


def test_a_v3_number_in_the_wrong_form_is_a_400_not_a_422(client, home_page):
    response = client.get("/api/v3/pages/?limit=abc", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_problem(response, 400, "invalid_parameter", "limit")["detail"] == "limit must be a whole number"


@pytest.mark.parametrize(
    "url",
    ["/api/", "/api/nothing/", "/api/v2/nothing/", "/api/v2/pages/999999/", "/api/v3/pages/999999/", "/api/sen/x/"],
)
def test_missing_things_under_api_are_json_404s(client, home_page, url):
    if url == "/api/":
        pytest.skip("/api/ is the API index")
    assert_problem(client.get(url, HTTP_ACCEPT_LANGUAGE="en"), 404, "not_found")


def test_rate_limited_is_a_problem_with_retry_after(client, home_page, settings):
    settings.SEN_API_RATE_LIMIT = 1
    settings.SEN_API_RATE_WINDOW = 60
    settings.REDIS_URL = ""
    client.get("/api/sen/counter")
    response = client.get("/api/sen/counter", HTTP_ACCEPT_LANGUAGE="en")
    body = assert_problem(response, 429, "rate_limited")
    assert int(response["Retry-After"]) > 0 and body["retry_after"] == int(response["Retry-After"])
    assert body["title"] == "Too many requests"
