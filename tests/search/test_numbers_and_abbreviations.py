"""Search understands how people type numbers (9600, 9.600, 9,600) and the field's abbreviations
(UBND, TTHTCĐ, PGDĐT…), through the public search page and both APIs."""

import pytest

from tests.articles.factories import at as aware
from tests.articles.factories import make_news


@pytest.fixture
def pages(news_index):
    def add(key, title, summary, day):
        return key, make_news(news_index, title, summary=summary, date=aware(2020, 3, day))

    return dict(
        [
            add("dotted", "Hỗ trợ 9.600 hộ dân", "Kinh phí từ ngân sách phường.", 1),
            add("plain", "Tổng kết năm học", "Có 9600 học viên theo học các lớp chuyên đề.", 2),
            add("comma", "Báo cáo tháng 3", "Tổng cộng 9,600 lượt người tham gia.", 3),
            add("other", "Khai giảng lớp tin học", "Có 960 học viên và 600 lượt mượn sách.", 4),
            add("plan", "Kế hoạch kiểm tra", "Thực hiện Kế hoạch số 1009/KH-PGDĐT về kiểm tra các trung tâm.", 5),
            add("ubnd", "UBND phường 4 họp giao ban", "Lãnh đạo phường chủ trì.", 6),
            add("centre", "Trung tâm học tập cộng đồng xã Điền Công", "Mở lớp kỹ năng sống.", 7),
            add("office", "Làm việc với Phòng GD&ĐT", "Đoàn công tác của phòng.", 8),
            add("club", "Câu lạc bộ Hội Liên hiệp Phụ nữ", "Sinh hoạt định kỳ.", 9),
        ]
    )


def found(client, query):
    """The titles of the fixture's pages that every public entry point (the site's HTML, /api/sen/search,
    /api/v2/) finds for ``query`` (the demo home page's own text may match too; it is left out)."""
    site = client.get("/search/", {"q": query})
    sen = client.get("/api/sen/search", {"q": query, "per_page": 50})
    v2 = client.get("/api/v2/pages/", {"search": query, "limit": 50})
    assert site.status_code == sen.status_code == v2.status_code == 200
    titles = {item["title"] for item in sen.json()["items"]}
    assert titles == {item["title"] for item in v2.json()["items"]}
    text = site.content.decode().replace("<mark>", "").replace("</mark>", "")
    assert all(title.replace("&", "&amp;") in text for title in titles)
    return titles - {"Trang chủ"}


def titles(pages, *keys):
    return {pages[key].title for key in keys}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["9600", "9.600", "9,600"])
def test_a_number_is_found_however_its_thousands_are_grouped(client, pages, query):
    assert found(client, query) == titles(pages, "dotted", "plain", "comma")


@pytest.mark.django_db
def test_the_number_typed_is_marked_as_the_page_writes_it(client, pages):
    items = client.get("/api/sen/search", {"q": "9600"}).json()["items"]
    marked = {item["title"]: (item["title_html"], item["excerpt_html"]) for item in items}
    assert "<mark>9.600</mark>" in marked[pages["dotted"].title][0]
    assert "<mark>9600</mark>" in marked[pages["plain"].title][1]
    assert "<mark>9,600</mark>" in marked[pages["comma"].title][1]


@pytest.mark.django_db
def test_document_numbers_still_match_as_written(client, pages):
    assert found(client, "1009/KH-PGDĐT") == titles(pages, "plan")
    assert found(client, "1009/KH-SGDĐT") == set()
    assert found(client, "1.009") == titles(pages, "plan")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("ủy ban nhân dân", ["ubnd"]),
        ("UBND", ["ubnd"]),
        ("TTHTCĐ", ["centre"]),
        ("tthtcd dien cong", ["centre"]),
        ("PGDĐT", ["office", "plan"]),
        ("phòng giáo dục và đào tạo", ["office", "plan"]),
        ('"giáo dục và đào tạo"', ["office", "plan"]),
    ],
)
def test_abbreviations_find_their_full_forms_and_back(client, pages, query, keys):
    assert found(client, query) == titles(pages, *keys)


@pytest.mark.django_db
def test_an_abbreviation_added_in_the_admin_finds_the_pages_written_in_full(
    client, django_user_model, pages, django_capture_on_commit_callbacks
):
    assert found(client, "HLHPN") == set()
    admin = django_user_model.objects.create_superuser("quantri", "quantri@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    listing = client.get("/admin/snippets/sen_search/abbreviation/")
    assert "Từ viết tắt" in listing.content.decode()
    assert "Hội Khuyến học" in listing.content.decode()  # the seeded list
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/snippets/sen_search/abbreviation/add/",
            {"short": "HLHPN", "full": "Hội Liên hiệp Phụ nữ"},
        )
    assert response.status_code == 302
    client.logout()
    assert found(client, "HLHPN") == titles(pages, "club")

    from search.models import Abbreviation

    with django_capture_on_commit_callbacks(execute=True):
        Abbreviation.objects.filter(short="HLHPN").delete()
    assert found(client, "HLHPN") == set()


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_numbers_and_abbreviations_are_found_the_same_way(client, pages):
    from django.db import connection

    assert connection.vendor == "postgresql"
    for query in ("9600", "9.600", "9,600"):
        assert found(client, query) == titles(pages, "dotted", "plain", "comma")
    assert found(client, "1009/KH-PGDĐT") == titles(pages, "plan")
    assert found(client, "TTHTCĐ") == titles(pages, "centre")
    assert found(client, "phòng giáo dục và đào tạo") == titles(pages, "office", "plan")
