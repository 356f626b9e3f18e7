"""One ranking for every search: the site (/search/), /api/sen/search, /api/v2/…?search=, the admin's
page search and the page chooser put the pages whose title holds the query first, in the same order,
ahead of word salad that merely contains the words (search.ranking)."""

import html
import re

import pytest

from tests.articles.factories import at as aware
from tests.articles.factories import make_news

QUERY = "trung tam hoc tap cong dong"
SALAD = "Cộng đồng dân cư tập trung học hỏi, tâm huyết với từng tập thể trung tâm, đồng lòng học tập."

# Expected order: the title that is the query, then the titles holding it as a phrase (newest
# first), then a title holding every word but not as a phrase.
TITLED = [
    ("Trung tâm học tập cộng đồng", 1),
    ("Trung tâm học tập cộng đồng xã Điền Công", 3),
    ("Trung tâm học tập cộng đồng phường 4", 2),
    ("Cộng đồng tập trung học hỏi tâm huyết", 4),
]


@pytest.fixture
def ranked_portal(news_index):
    """Word salad, newer than every titled page, then the titled pages."""
    salad = [
        make_news(news_index, f"Bản tin tổng hợp số {n}", summary=SALAD, date=aware(2024, 1, n)) for n in range(1, 9)
    ]
    titled = [
        make_news(news_index, title, summary="Giới thiệu hoạt động.", date=aware(2016, 1, day))
        for title, day in TITLED
    ]
    return titled, salad


def titles_in_order(text, known):
    """The ``known`` titles in the order a page of results shows them (marks and escapes undone)."""
    text = html.unescape(re.sub(r"</?mark>", "", text))
    found = []
    for title in known:
        match = re.search(r">\s*" + re.escape(title) + r"\s*<", text)
        if match:
            found.append((match.start(), title))
    return [title for _position, title in sorted(found)]


def five_orders(client, known):
    """The order of ``known`` titles each entry point gives for QUERY."""
    site = client.get("/search/", {"q": QUERY}).content.decode()
    sen = client.get("/api/sen/search", {"q": QUERY, "per_page": 50}).json()["items"]
    v2 = client.get("/api/v2/pages/", {"search": QUERY, "limit": 50}).json()["items"]
    admin = client.get("/admin/pages/search/", {"q": QUERY}).content.decode()
    chooser = client.get("/admin/choose-page/search/", {"q": QUERY}).content.decode()
    return {
        "site": titles_in_order(site, known),
        "sen": [item["title"] for item in sen if item["title"] in known],
        "v2": [item["title"] for item in v2 if item["title"] in known],
        "admin": titles_in_order(admin, known),
        "chooser": titles_in_order(chooser, known),
    }


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("xephang", "xephang@example.com", "mat-khau-dai-123")
    client.force_login(user)
    return client


def assert_titled_first(orders, salad):
    expected = [title for title, _day in TITLED]
    for name, order in orders.items():
        assert order[: len(expected)] == expected, name
        assert set(order[len(expected) :]) <= {page.title for page in salad}, name


@pytest.mark.django_db
def test_every_entry_point_ranks_the_titled_pages_first_in_the_same_order(editor_client, ranked_portal):
    titled, salad = ranked_portal
    known = [page.title for page in titled + salad]
    orders = five_orders(editor_client, known)
    assert_titled_first(orders, salad)
    # Both APIs list all of them, the word salad after the titles, newest first; the pages of HTML
    # results (10 to a page on the site, the home page's text among them) show the same order.
    assert orders["sen"] == orders["v2"]
    assert orders["sen"][len(titled) :] == [page.title for page in reversed(salad)]
    for name in ("site", "admin", "chooser"):
        assert len(orders[name]) >= len(titled) + 4, name
        assert orders[name] == orders["sen"][: len(orders[name])], name


@pytest.mark.django_db
def test_titled_pages_are_ranked_first_even_beyond_the_window_of_newest_matches(
    editor_client, ranked_portal, monkeypatch
):
    """With more matches than the ranked window holds (here 3 of 12), the titled pages, older than
    every word salad page, still come first everywhere: they join the window by their title."""
    from search import backends, query

    monkeypatch.setattr(query, "COUNT_CAP", 2)
    monkeypatch.setattr(query, "RANK_WINDOW", 3)
    monkeypatch.setattr(backends, "SEARCH_WINDOW", 3)
    titled, salad = ranked_portal
    orders = five_orders(editor_client, [page.title for page in titled + salad])
    assert_titled_first(orders, salad)


@pytest.mark.django_db
def test_the_backend_scores_what_it_ranks(ranked_portal):
    """Wagtail's ``annotate_score`` (used by the admin) gives the titled pages the higher scores."""
    from wagtail.models import Page

    titled, _salad = ranked_portal
    results = list(Page.objects.live().search(QUERY).annotate_score("score"))
    scores = {page.title: page.score for page in results}
    assert scores[titled[0].title] > scores[titled[1].title] > scores[titled[3].title]
    assert scores[titled[3].title] > scores["Bản tin tổng hợp số 1"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_every_entry_point_ranks_the_same_within_and_beyond_the_window(
    editor_client, ranked_portal, monkeypatch
):
    """The same two checks on PostgreSQL (the stored vector, its title lexemes and the GIN index)."""
    from django.db import connection

    assert connection.vendor == "postgresql"
    test_every_entry_point_ranks_the_titled_pages_first_in_the_same_order(editor_client, ranked_portal)
    test_titled_pages_are_ranked_first_even_beyond_the_window_of_newest_matches(
        editor_client, ranked_portal, monkeypatch
    )
