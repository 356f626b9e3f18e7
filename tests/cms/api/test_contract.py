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


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("operator", ["x", "AND", ""])
def test_an_unknown_search_operator_is_a_problem_on_every_v2_endpoint(client, home_page, endpoint, operator):
    response = client.get(f"/api/v2/{endpoint}/?search=a&search_operator={operator}", HTTP_ACCEPT_LANGUAGE="en")
    body = assert_problem(response, 400, "invalid_parameter", "search_operator")
    assert body["detail"] == "search_operator must be one of: and, or"


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
    ["/api/nothing/", "/api/v2/nothing/", "/api/v2/pages/999999/", "/api/v3/pages/999999/", "/api/sen/x/"],
)
def test_missing_things_under_api_are_json_404s(client, home_page, url):
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


def test_the_api_index_lists_versions_documents_and_feeds(client, home_page):
    response = client.get("/api/", HTTP_HOST="portal.example.gov.vn")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    index = response.json()
    versions = {version["name"]: version for version in index["versions"]}
    assert set(versions) == {"v2", "v3", "sen"}
    assert versions["sen"]["openapi"] == "http://portal.example.gov.vn/api/sen/openapi.json"
    assert client.get(versions["v3"]["openapi"].removeprefix("http://portal.example.gov.vn")).status_code == 200
    assert "http://portal.example.gov.vn/feeds/news/rss/" in {feed["url"] for feed in index["feeds"]}


def test_api_responses_carry_ratelimit_headers(client, home_page, settings):
    settings.SEN_API_RATE_LIMIT = 10
    settings.SEN_API_RATE_WINDOW = 60
    settings.REDIS_URL = ""
    first = client.get("/api/sen/counter")
    second = client.get("/api/v2/pages/")
    assert first["RateLimit-Limit"] == "10" and first["RateLimit-Remaining"] == "9"
    assert second["RateLimit-Remaining"] == "8" and 0 < int(second["RateLimit-Reset"]) <= 60


# Absolute URLs, find, timestamps ------------------------------------------------------------


def test_find_redirects_relative_to_the_request_through_any_host(client, home_page):
    for prefix in ("/api/v2/pages/find/", "/api/v3/pages/find/"):
        response = client.get(f"{prefix}?html_path=/", HTTP_HOST="cong.example.gov.vn:8443")
        assert response.status_code == 302, response.content[:300]
        location = response["Location"]
        assert location.startswith("/api/") and str(home_page.pk) in location
        assert client.get(location, HTTP_HOST="cong.example.gov.vn:8443").status_code == 200


def test_detail_and_media_urls_use_the_request_host(client, home_page):
    from wagtail.documents import get_document_model

    from tests.articles.factories import make_image

    image = make_image()
    document = get_document_model().objects.create(title="Quyết định", file=_upload("qd.pdf"))
    host = {"HTTP_HOST": "cong.example.gov.vn"}
    base = "http://cong.example.gov.vn/"
    page = client.get("/api/v2/pages/", **host).json()["items"][0]
    assert page["meta"]["detail_url"].startswith(base + "api/v2/pages/")
    image_json = client.get(f"/api/v2/images/{image.pk}/", **host).json()
    assert image_json["meta"]["download_url"].startswith(base + "media/")
    assert all(r is None or r["url"].startswith(base) for r in image_json["renditions"].values())
    document_json = client.get(f"/api/v2/documents/{document.pk}/", **host).json()
    assert document_json["meta"]["download_url"].startswith(base + "documents/")


def test_a_set_base_url_wins_and_forwarded_host_needs_a_trusted_proxy(client, home_page, settings):
    forwarded = {"HTTP_HOST": "app:8000", "HTTP_X_FORWARDED_HOST": "evil.example"}
    assert (
        client.get("/api/v2/pages/", **forwarded)
        .json()["items"][0]["meta"]["detail_url"]
        .startswith("http://app:8000/")
    )
    settings.WAGTAILAPI_BASE_URL = "https://portal.example.gov.vn/ignored/path"
    detail_url = client.get("/api/v2/pages/", **forwarded).json()["items"][0]["meta"]["detail_url"]
    assert detail_url.startswith("https://portal.example.gov.vn/api/v2/pages/")


def test_timestamps_carry_the_site_offset_on_v2_and_v3(client, home_page):
    v2 = client.get(f"/api/v2/pages/{home_page.pk}/").json()["meta"]["first_published_at"]
    v3 = client.get(f"/api/v3/pages/{home_page.pk}/").json()
    stamps = [v2] + [value for key, value in _walk(v3) if key.endswith("_at") and isinstance(value, str)]
    assert len(stamps) > 1 and all(stamp.endswith("+07:00") for stamp in stamps), stamps


def _walk(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk(item)


def _upload(name):
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4 test", name=name)


# Administrative units by official code ------------------------------------------------------


def test_the_34_provinces_of_2025_are_seeded_with_their_codes(db):
    from centers.models import AdministrativeUnit

    provinces = AdministrativeUnit.objects.filter(level="province")
    codes = {unit.code: unit.name for unit in provinces}
    assert provinces.count() == 34 and len(codes) == 34
    # Decision 19/2025/QĐ-TTg's codes for the 34 units of Resolution 202/2025/QH15 (6 cities, 28 provinces).
    assert codes == OFFICIAL_PROVINCES_2025
    cities = set(provinces.filter(unit_type="thanh_pho").values_list("code", flat=True))
    assert cities == {"01", "31", "46", "48", "79", "92"}


OFFICIAL_PROVINCES_2025 = {
    "01": "Hà Nội", "04": "Cao Bằng", "08": "Tuyên Quang", "11": "Điện Biên", "12": "Lai Châu", "14": "Sơn La",
    "15": "Lào Cai", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh", "24": "Bắc Ninh", "25": "Phú Thọ",
    "31": "Hải Phòng", "33": "Hưng Yên", "37": "Ninh Bình", "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh",
    "44": "Quảng Trị", "46": "Huế", "48": "Đà Nẵng", "51": "Quảng Ngãi", "52": "Gia Lai", "56": "Khánh Hòa",
    "66": "Đắk Lắk", "68": "Lâm Đồng", "75": "Đồng Nai", "79": "Hồ Chí Minh", "80": "Tây Ninh", "82": "Đồng Tháp",
    "86": "Vĩnh Long", "91": "An Giang", "92": "Cần Thơ", "96": "Cà Mau",
}  # fmt: skip


def test_province_01_is_ha_noi_never_the_row_with_id_1(client, home_page):
    from centers.models import AdministrativeUnit

    units = client.get("/api/sen/centers/units?level=province").json()
    assert {"code": "01", "name": "Hà Nội", "full_name": "Thành phố Hà Nội", "level": "province",
            "type": "thanh_pho", "province_code": None} in units  # fmt: skip
    row_1 = AdministrativeUnit.objects.filter(pk=1).first()
    assert row_1 is None or row_1.code != "01" or row_1.name == "Hà Nội"
    communes = client.get("/api/sen/centers/units?province=22").json()
    names = {unit["name"] for unit in communes}
    assert {"Uông Bí", "Yên Tử", "Hạ Long"} <= names and "Đạo Thạnh" not in names  # Quảng Ninh's, not Đồng Tháp's
    assert all(unit["province_code"] == "22" and len(unit["code"]) == 5 for unit in communes)
    assert {unit["type"] for unit in communes} == {"phuong", "xa", "dac_khu"}  # Vân Đồn and Cô Tô are special zones
    assert_problem(client.get("/api/sen/centers/units?province=1"), 400, "invalid_parameter", "province")
