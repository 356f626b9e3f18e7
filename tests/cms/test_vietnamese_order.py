"""Titles in Vietnamese order ("Hội" before "Hướng", "Đoàn" after "Dân") in the APIs and the admin's explorer,
on SQLite and PostgreSQL alike (cms/sorting.py)."""

import pytest
from django.urls import reverse

from tests.articles.factories import make_news, make_news_index

pytestmark = pytest.mark.django_db

TITLES = [
    "Hướng dẫn tuyển sinh",
    "Hội thi tin học",
    "Đoàn thanh niên ra quân",
    "Dân vận khéo",
    "Em học bơi",
    "Ân tình",
]
EXPECTED = [
    "Ân tình",
    "Dân vận khéo",
    "Đoàn thanh niên ra quân",
    "Em học bơi",
    "Hội thi tin học",
    "Hướng dẫn tuyển sinh",
]


@pytest.fixture
def index(home_page):
    index = make_news_index(home_page)
    for title in TITLES:
        make_news(index, title)
    return index


def test_the_v2_api_orders_titles_the_vietnamese_way(client, index):
    url = f"/api/v2/pages/?child_of={index.pk}&order=title&locale=vi"
    assert [item["title"] for item in client.get(url).json()["items"]] == EXPECTED
    url = f"/api/v2/pages/?child_of={index.pk}&order=-title&locale=vi"
    assert [item["title"] for item in client.get(url).json()["items"]] == EXPECTED[::-1]


def test_the_explorer_orders_titles_the_vietnamese_way(admin_client, index):
    html = admin_client.get(reverse("wagtailadmin_explore", args=[index.pk]), {"ordering": "title"}).content.decode()
    positions = [html.index(title) for title in EXPECTED]
    assert positions == sorted(positions)
    html = admin_client.get(reverse("wagtailadmin_explore", args=[index.pk]), {"ordering": "-title"}).content.decode()
    positions = [html.index(title) for title in EXPECTED]
    assert positions == sorted(positions, reverse=True)
