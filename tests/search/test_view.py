"""The site search page: results, filters that survive pagination, friendly errors."""

import re

import pytest

from tests.articles.factories import at as aware
from tests.articles.factories import make_news


def add_news(index, title, summary="", date=None):
    return make_news(index, title, summary=summary, date=date or aware(2018, 1, 1))


def get(client, path="/search/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_search_finds_accented_titles_without_accents_and_highlights_them(client, news_index):
    add_news(news_index, "Trung tâm học tập cộng đồng mở lớp tin học", summary="Lớp học cho cộng đồng dân cư.")
    html = get(client, q="cong dong")
    assert "<mark>cộng</mark> <mark>đồng</mark>" in html
    assert "kết quả cho “cong dong”" in html
    assert 'href="/tin-tuc/trung-tam-hoc-tap-cong-dong-mo-lop-tin-hoc/"' in html
    assert "Thứ Hai, 01/01/2018" in html


@pytest.mark.django_db
def test_no_results_says_so_in_vietnamese(client, news_index):
    html = get(client, q="khong co gi ca")
    assert "Không tìm thấy kết quả nào cho “khong co gi ca”" in html


@pytest.mark.django_db
def test_an_empty_query_shows_the_form_and_a_hint(client, home_page):
    html = get(client)
    assert '<label for="search-q">' in html
    assert "dấu" in html  # "Accents are optional" in Vietnamese
    assert "kết quả" not in html


@pytest.mark.django_db
def test_pagination_links_keep_the_query_and_filters(client, news_index):
    for day in range(1, 13):
        add_news(news_index, f"Lớp xoá mù chữ khoá {day}", date=aware(2018, 3, day))
    html = get(client, q="xoa mu chu", type="articles.newspage", date_from="01/03/2018", date_to="31/03/2018")
    assert "12 kết quả" in html
    links = re.findall(r'href="(\?[^"]*page=2[^"]*)"', html)
    assert links
    link = links[0].replace("&amp;", "&")
    for part in ("q=xoa+mu+chu", "type=articles.newspage", "date_from=01%2F03%2F2018", "date_to=31%2F03%2F2018"):
        assert part in link
    response = client.get("/search/" + link)
    assert response.status_code == 200
    second = response.content.decode()
    assert second.count("<mark>xoá</mark>") == 2
    assert "Đang hiển thị 11–12." in second
    assert '<span aria-current="page">Trang 2</span>' in second


@pytest.mark.django_db
def test_dates_are_read_day_first(client, news_index):
    add_news(news_index, "Hội thi ngày bảy tháng mười hai", date=aware(2018, 12, 7))
    add_news(news_index, "Hội thi ngày mười hai tháng bảy", date=aware(2018, 7, 12))
    html = get(client, q="hoi thi", date_from="07/12/2018", date_to="07/12/2018")
    assert "ngày bảy tháng mười hai" in html
    assert "ngày mười hai tháng bảy" not in html


@pytest.mark.django_db
def test_the_content_type_filter_shows_counts(client, news_index):
    add_news(news_index, "Thư viện phường")
    html = get(client, q="thu vien")
    assert re.search(r'<option value="articles.newspage">[^<]*\(1\)</option>', html)


@pytest.mark.django_db
def test_the_english_site_searches_english_pages(client, news_index):
    from wagtail.models import Locale

    add_news(news_index, "Thư viện phường", summary="library")
    english = Locale.objects.get(language_code="en")
    en_home = news_index.get_parent().specific.copy_for_translation(english)
    en_home.save_revision().publish()
    en_index = news_index.copy_for_translation(english)
    en_index.save_revision().publish()
    add_news(en_index, "Ward library opens", summary="library")
    html = get(client, "/en/search/", q="library")
    assert '<a href="/en/tin-tuc/ward-library-opens/">Ward <mark>library</mark> opens</a>' in html
    assert "1 result for “library”." in html
    assert "Thư viện phường" not in html
    assert "Thư viện phường" in get(client, q="library")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x" * 10_000}, "quá dài"),
        ({"q": "a", "date_from": "32/13/2018"}, "dd/mm/yyyy"),
        ({"q": "a", "date_to": "hôm qua"}, "dd/mm/yyyy"),
        ({"q": "a", "date_from": "07/12/2018", "date_to": "01/12/2018"}, "trước ngày bắt đầu"),
        ({"q": "a", "type": "khong.co"}, "loại nội dung"),
        ({"q": "cong dong", "page": "abc"}, "trang đầu"),
        ({"q": "cong dong", "page": "-1"}, "trang đầu"),
        ({"q": "cong dong", "page": "999999"}, "trang đầu"),
        ({"q": "cong dong", "page": "9" * 40}, "trang đầu"),
        ({"q": "!!!"}, "chữ cái"),
        ({"q": " ".join(["tu"] * 3 + [f"tu{n}" for n in range(12)])}, "tối đa"),
    ],
    ids=["10000 chars", "bad date", "words date", "reversed dates", "type", "page abc", "page -1",
         "page 999999", "page huge", "punctuation", "too many words"],
)  # fmt: skip
def test_bad_input_gets_a_friendly_message(client, news_index, params, message):
    add_news(news_index, "Cộng đồng")
    html = get(client, **params)
    assert "<h1>Tìm kiếm</h1>" in html
    if message:
        assert message in html


@pytest.mark.django_db
def test_a_nul_byte_is_a_bad_request_with_an_explanation(client, news_index):
    # cms.http.badinput.BadInputMiddleware answers before the view: no query with a NUL reaches a database.
    add_news(news_index, "Cộng đồng")
    response = client.get("/search/", {"q": "cộng\x00"})
    assert response.status_code == 400
    assert "ký tự không được phép" in response.content.decode()
