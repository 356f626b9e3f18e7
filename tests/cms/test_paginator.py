"""Deep pages of a news or bulletin list are read by seeking from cached boundaries (cms/paginator.py), not by an
OFFSET scan, and show exactly what OFFSET would: same items, same order, same ?page= URLs."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models.news import NEWS_ORDER
from cms import paginator
from tests.articles.factories import at, make_bulletin, make_category, make_news, make_news_index, make_video_index


def listed_titles(html):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


@pytest.fixture
def seek_everywhere(monkeypatch):
    monkeypatch.setattr(paginator, "SEEK_AFTER", 0)  # every page but a missing one seeks


@pytest.mark.django_db
def test_seek_pages_match_offset_pages_with_ties_and_missing_dates(client, home_page, seek_everywhere):
    index = make_news_index(home_page)
    category = make_category("Giáo dục", home_page.locale)
    titles = []
    for n in range(29):
        # Ties on the date, and articles without a date (ordered last, by first publication).
        date = None if n % 7 == 0 else at(2018, 1 + n % 3, 1)
        titles.append(f"Tin số {n:02d}")
        make_news(index, titles[-1], date=date, categories=[category] if n % 2 else [])
    expected = [page.title for page in index.get_articles()]
    assert sorted(expected) == sorted(titles)
    seen = []
    for number in (1, 2, 3):
        seen += listed_titles(client.get(index.url, {"page": number}).content.decode())
    assert seen == expected
    in_category = [page.title for page in index.get_articles().filter(categories=category)]
    seen = []
    for number in (1, 2):
        seen += listed_titles(client.get(index.url, {"page": number, "category": category.slug}).content.decode())
    assert seen == in_category


@pytest.mark.django_db
def test_a_deep_page_has_no_offset_and_a_fixed_number_of_queries(home_page, seek_everywhere, rf):
    index = make_news_index(home_page)
    for n in range(30):
        make_news(index, f"Tin số {n:02d}", date=at(2019, 1, 1 + n))
    request = rf.get(index.url, {"page": 3})
    paginator.paginate(request, index.get_articles(), 12, keys=NEWS_ORDER)  # fills the cached count and boundaries
    with CaptureQueriesContext(connection) as queries:
        page = paginator.paginate(rf.get(index.url, {"page": 3}), index.get_articles(), 12, keys=NEWS_ORDER)
        titles = [item.title for item in page]
    assert titles == [f"Tin số {n:02d}" for n in range(5, -1, -1)]
    assert page.paginator.num_pages == 3
    listing = [query["sql"] for query in queries.captured_queries if "newspage" in query["sql"].lower()]
    assert listing and not any("OFFSET" in sql.upper() or "COUNT(" in sql.upper() for sql in listing)


@pytest.mark.django_db
def test_a_publish_moves_the_deep_pages_on(client, home_page, seek_everywhere):
    index = make_news_index(home_page)
    for n in range(13):
        make_news(index, f"Tin số {n:02d}", date=at(2019, 1, 1 + n))
    assert listed_titles(client.get(index.url, {"page": 2}).content.decode()) == ["Tin số 00"]
    make_news(index, "Tin mới nhất", date=at(2030, 1, 1))
    assert listed_titles(client.get(index.url, {"page": 2}).content.decode()) == ["Tin số 01", "Tin số 00"]


@pytest.mark.django_db
@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "99999", "1.5", "", "2" * 40])
def test_bad_page_numbers_give_the_first_or_last_page(client, home_page, seek_everywhere, page_param):
    index, videos = make_news_index(home_page), make_video_index(home_page)
    for n in range(14):
        make_news(index, f"Tin số {n:02d}", date=at(2017, 1, n + 1))
    for n in range(13):
        make_bulletin(videos, f"Bản tin {n:02d}", datetime.date(2018, 1, n + 1))
    response = client.get(index.url, {"page": page_param})
    assert response.status_code == 200
    assert listed_titles(response.content.decode()) in (
        [f"Tin số {n:02d}" for n in range(13, 1, -1)],  # the first page
        ["Tin số 01", "Tin số 00"],  # the last page
    )
    assert client.get(videos.url, {"page": page_param}).status_code == 200
