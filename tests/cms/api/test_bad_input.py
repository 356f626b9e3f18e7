"""Numbers no database can hold are a 400 problem (application/problem+json) on every API, never a 500."""

import pytest

from tests.utils import assert_problem

HUGE = "369444554706030285553664"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/pages/?offset={HUGE}",
        f"/api/v2/images/?limit={HUGE}",
        f"/api/v3/documents/?offset={HUGE}",
        f"/api/v3/pages/?offset=-{HUGE}",
    ],
)
def test_out_of_range_numbers_are_refused_with_a_json_message(client, home_page, url):
    assert_problem(client.get(url), 400)


# Digits that are not ASCII: "²".isdigit() is true but int("²") fails; int("３") is 3. -----------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, name",
    [
        ("/api/v2/pages/?offset=%C2%B2", "offset"),
        ("/api/v2/images/?offset=%C2%B2", "offset"),
        ("/api/v2/documents/?offset=%C2%B2", "offset"),
        ("/api/v2/pages/?limit=%EF%BC%93", "limit"),
        ("/api/v2/pages/?child_of=%C2%B2", "child_of"),
        ("/api/v2/pages/?descendant_of=%C2%B2", "descendant_of"),
        ("/api/v2/pages/?ancestor_of=%EF%BC%93", "ancestor_of"),
        ("/api/v2/pages/?translation_of=%C2%B2", "translation_of"),
        ("/api/v2/pages/find/?id=%C2%B2", "id"),
        ("/api/v2/images/find/?id=%C2%B2", "id"),
        ("/api/v2/documents/find/?id=xx", "id"),
        ("/api/v2/pages/?type=centers.CenterPage&province=%C2%B2", "province"),
        ("/api/v2/pages/?type=articles.NewsPage&categories=xx", "categories"),
        ("/api/v2/pages/?type=centers.CenterPage&photos=%C2%B2", "photos"),
        ("/api/v2/images/?renditions=xx", "renditions"),
    ],
)
def test_non_ascii_digits_and_non_numeric_ids_are_refused_naming_the_parameter(client, home_page, url, name):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["parameter"] == name


@pytest.mark.django_db
def test_centre_statistics_refuse_a_full_width_province_code(client, home_page):
    response = client.get("/api/sen/centers/stats/communes?province=%EF%BC%93")
    assert response.status_code == 400
    assert response.json()["parameter"] == "province"


@pytest.mark.django_db
def test_the_centre_list_ignores_a_superscript_province(client, home_page):
    from tests.centers.factories import center_index

    index = center_index(home_page, "Trung tâm", slug="trung-tam")
    response = client.get(index.url + "?province=%C2%B2&commune=%C2%B2")
    assert response.status_code == 200


# Search text with unbalanced quotes (an FTS5 syntax error on SQLite) -----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["/api/v2/pages/", "/api/v3/pages/"])
def test_an_unbalanced_quote_in_api_search_is_ignored(client, home_page, endpoint):
    from tests.articles.factories import make_news, make_news_index

    make_news(make_news_index(home_page), "Khai giảng lớp chuyên đề")
    plain = client.get(endpoint + "?search=chuy%C3%AAn")
    quoted = client.get(endpoint + "?search=%22chuy%C3%AAn")
    assert plain.status_code == quoted.status_code == 200
    titles = [item["title"] for item in plain.json()["items"]]
    assert "Khai giảng lớp chuyên đề" in titles
    assert [item["title"] for item in quoted.json()["items"]] == titles


@pytest.mark.django_db
@pytest.mark.parametrize(
    "endpoint", ["/api/v2/images/", "/api/v2/documents/", "/api/v3/images/", "/api/v3/documents/"]
)
@pytest.mark.parametrize("search", ["%22", "%22a%20b", "a%22%20b%20%22c"])
def test_quotes_in_media_search_are_not_a_server_error(client, home_page, endpoint, search):
    response = client.get(f"{endpoint}?search={search}")
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_search_backend_folds_quotes_out_of_media_queries():
    """Images, documents and snippets go through modelsearch with the query folded to words:
    a stray quote is no query syntax there (pages keep Sen's quote-aware parser)."""
    from modelsearch.query import And, Phrase, PlainText

    from search.backends import fold_query

    assert fold_query('"cộng đồng') == "cong dong"
    assert fold_query('"') == ""
    folded = fold_query(And([PlainText('a"b', operator="or"), Phrase('"c"')]))
    assert [sub.query_string for sub in folded.subqueries] == ["a b", "c"]
    assert folded.subqueries[0].operator == "or"


# The shared integer parser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [("7", 7), ("0", 0), ("9223372036854775807", 2**63 - 1), ("9223372036854775808", None), ("²", None)]
    + [("３", None), ("-1", None), ("+7", None), (" 7", None), ("1_000", None), ("", None), ("7.0", None)],
)
def test_parse_int_takes_ascii_digits_only(value, expected):
    from cms.text import parse_int

    assert parse_int(value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?site=localhost:",
        "/api/v2/pages/?site=localhost:abc",
        "/api/v2/pages/?site=localhost:%C2%B2",
        "/api/v3/pages/?site=localhost:%EF%BC%98%EF%BC%90",
        "/api/v3/pages/?site=localhost:",
        "/api/v3/pages/find/?html_path=/&site=a.e1e2:",
    ],
)
def test_a_site_filter_with_a_port_that_is_not_a_number_is_refused(client, home_page, url):
    response = client.get(url)
    assert_problem(response, 400)
    assert "site" in response.json()["detail"]


@pytest.mark.django_db
def test_a_site_filter_with_a_port_still_finds_the_site(client, home_page):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/api/v2/pages/?site={site.hostname}:{site.port}")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 1
