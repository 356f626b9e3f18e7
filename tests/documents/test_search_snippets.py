"""Search results show a document's own text, never the tokens added to the index to find its number."""

import datetime
import re

import pytest

from tests.documents import factories

pytestmark = pytest.mark.django_db

INDEX_TOKENS = ("1009 kh pgddt", "1009khpgddt", "1009 kh pgdđt")


@pytest.fixture
def plan(home_page):
    parent = factories.index(home_page)
    return factories.document(
        parent,
        number="1009/KH-PGDĐT",
        title="Kế hoạch khuyến học năm 2024",
        summary="Kế hoạch triển khai phong trào khuyến học, khuyến tài trong các trường học.",
        issued=datetime.date(2024, 3, 5),
        issuer=factories.issuer("Phòng Giáo dục và Đào tạo", "PGDĐT"),
        kind=factories.kind("Kế hoạch"),
    )


def _without_marks(html):
    return re.sub(r"</?mark>", "", html)


@pytest.mark.parametrize("query", ["1009/KH-PGDĐT", "1009 kh pgddt", "khuyến tài"])
def test_the_search_page_shows_the_documents_own_text_not_the_index_tokens(client, plan, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    results = html.split('<ol class="search-results"', 1)[1].split("</ol>", 1)[0]
    shown = _without_marks(results)
    assert plan.url in shown
    assert "1009/KH-PGDĐT" in shown
    for token in INDEX_TOKENS:
        assert token not in shown.lower(), (query, token)


@pytest.mark.parametrize("query", ["1009/KH-PGDĐT", "1009 kh pgddt", "khuyến tài"])
def test_the_search_api_excerpt_shows_the_documents_own_text_not_the_index_tokens(client, plan, query):
    response = client.get("/api/sen/search", {"q": query})
    assert response.status_code == 200
    hits = [hit for hit in response.json()["items"] if hit["html_url"].endswith(plan.url)]
    assert hits, response.json()
    excerpt = _without_marks(hits[0]["excerpt_html"])
    assert "1009/KH-PGDĐT" in excerpt or "khuyến tài" in excerpt
    for token in INDEX_TOKENS:
        assert token not in excerpt.lower(), (query, token)


def test_the_migration_takes_the_number_forms_out_of_rows_indexed_before(client, plan):
    from importlib import import_module

    from django.apps import apps

    from search.models import SearchEntry

    entry = SearchEntry.objects.get(page_id=plan.pk)
    own_text = entry.text
    # A row as indexed before the number forms were hidden from excerpts.
    SearchEntry.objects.filter(pk=entry.pk).update(
        text=own_text.replace("1009/KH-PGDĐT\n", f"1009/KH-PGDĐT\n{plan.number_search}\n", 1)
    )
    assert "1009khpgddt" in SearchEntry.objects.get(pk=entry.pk).text
    migration = import_module("documents.migrations.0003_search_excerpts_without_number_forms")
    migration.drop_number_forms_from_excerpts(apps, None)
    entry.refresh_from_db()
    assert "1009khpgddt" not in entry.text
    assert entry.text == own_text
    hit = client.get("/api/sen/search", {"q": "1009 kh pgddt"}).json()["items"][0]
    assert "1009khpgddt" not in hit["excerpt_html"]
