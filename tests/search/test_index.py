"""The search index follows publishing; results are highlighted, filtered and paginated."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from search.models import SearchEntry
from search.query import SearchError, highlight, parse_query, search_pages
from tests.articles.factories import at as aware
from tests.articles.factories import make_news


def add_news(index, title, summary="", publish=True, date=None, body=""):
    body = [("paragraph", body)] if body else []
    return make_news(index, title, publish=publish, summary=summary, date=date or aware(2018, 1, 1), body=body)


def found(query, **options):
    return {hit.title for hit in search_pages(query, per_page=50, **options).items}


# Freshness -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_is_not_found_until_it_is_published(news_index):
    page = add_news(news_index, "Ngày hội đọc sách", publish=False)
    assert "Ngày hội đọc sách" not in found("doc sach")

    page.save_revision().publish()
    assert "Ngày hội đọc sách" in found("doc sach")


@pytest.mark.django_db
def test_unpublishing_removes_a_page_from_the_results(news_index):
    page = add_news(news_index, "Ngày hội đọc sách")
    assert "Ngày hội đọc sách" in found("doc sach")

    page.unpublish()
    assert "Ngày hội đọc sách" not in found("doc sach")
    # The entry stays for the admin (which searches drafts), marked not live.
    assert not SearchEntry.objects.filter(page=page, live=True).exists()


@pytest.mark.django_db
def test_deleting_removes_a_page_from_the_results(news_index):
    page = add_news(news_index, "Ngày hội đọc sách")
    page.delete()
    assert "Ngày hội đọc sách" not in found("doc sach")
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


@pytest.mark.django_db
def test_a_draft_edit_of_a_live_page_changes_nothing_until_it_is_published(news_index):
    page = add_news(news_index, "Ngày hội đọc sách", summary="Thư viện phường mở cửa.")

    page.title = "Ngày hội đọc thơ"
    page.summary = "Câu lạc bộ thơ Đường luật."
    page.save_revision()
    assert found("doc sach") == {"Ngày hội đọc sách"}
    assert found("thu vien") == {"Ngày hội đọc sách"}
    assert found("doc tho") == set()
    assert found("duong luat") == set()

    page.get_latest_revision().publish()
    assert found("doc tho") == {"Ngày hội đọc thơ"}
    assert found("duong luat") == {"Ngày hội đọc thơ"}
    assert found("doc sach") == set()


@pytest.mark.django_db
def test_tags_published_with_a_page_are_searchable(news_index):
    page = add_news(news_index, "Tin ngắn", publish=False)
    page.tags.add("thư viện số")
    page.save_revision().publish()
    assert found("thu vien so") == {"Tin ngắn"}


@pytest.mark.django_db
def test_rebuild_command_restores_the_index(news_index):
    add_news(news_index, "Ngày hội đọc sách")
    SearchEntry.objects.all().delete()
    assert found("doc sach") == set()

    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found("doc sach") == {"Ngày hội đọc sách"}


@pytest.mark.django_db
def test_private_pages_are_not_found(news_index):
    from wagtail.models import PageViewRestriction

    page = add_news(news_index, "Biên bản họp nội bộ")
    assert found("bien ban") == {"Biên bản họp nội bộ"}
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="bi-mat")
    assert found("bien ban") == set()


@pytest.mark.django_db
def test_a_long_phrase_needs_its_words_in_a_row_not_only_its_pairs(news_index):
    # Every adjacent pair of "trung tâm học tập" is in the first page, but never the four words in a row.
    add_news(news_index, "Trung tâm học phí", summary="Nộp học phí tại trung tâm học vụ; lớp học tập trung.")
    add_news(news_index, "Trung tâm học tập", summary="Trung tâm học tập cộng đồng phường Yên Thanh.")
    ours = {"Trung tâm học phí", "Trung tâm học tập"}
    assert found('"trung tam hoc tap"') & ours == {"Trung tâm học tập"}
    assert found('"tam hoc vu"') & ours == {"Trung tâm học phí"}
    assert found('"trung tam hoc tap cong dong phuong yen thanh"') & ours == {"Trung tâm học tập"}
    assert found('"lop hoc tap"') & ours == {"Trung tâm học phí"}


# Parsing, highlighting --------------------------------------------------------------------


def test_queries_are_folded_and_quoted_phrases_kept_together():
    assert parse_query('Cộng ĐỒNG "học tập" P.4 “Mỹ Tho”') == [
        ("cong",),
        ("dong",),
        ("hoc", "tap"),
        ("p", "4"),
        ("my", "tho"),
    ]
    assert parse_query("an\x00 do") == [("an",), ("do",)]
    assert parse_query("!!! ...") == []


def test_highlight_marks_every_match_and_escapes_the_text():
    html = highlight("Lớp <b>học</b> & cộng đồng; Cộng Đồng.", parse_query("cong dong"), length=None)
    assert html == (
        "Lớp &lt;b&gt;học&lt;/b&gt; &amp; <mark>cộng</mark> <mark>đồng</mark>; <mark>Cộng</mark> <mark>Đồng</mark>."
    )
    assert highlight("học tập cộng đồng", parse_query('"tap cong"'), length=None) == ("học <mark>tập cộng</mark> đồng")


def test_highlight_of_decomposed_text_keeps_its_marks_inside_the_mark():
    import unicodedata

    def nfd(text):
        return unicodedata.normalize("NFD", text)

    html = highlight(nfd("xã An Hòa"), parse_query("hoa"), length=None)
    assert html == nfd("xã An ") + "<mark>" + nfd("Hòa") + "</mark>"


def test_excerpt_is_a_window_around_the_first_match():
    text = "Mở đầu. " * 60 + "Trung tâm học tập cộng đồng phường Yên Thanh." + " Kết thúc." * 60
    html = highlight(text, parse_query("yen thanh"))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Yên</mark> <mark>Thanh</mark>" in html
    assert len(html) < 400


# Results ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_results_paginate_without_overlap(news_index):
    for number in range(12):
        add_news(news_index, f"Lớp xoá mù chữ số {number}", date=aware(2018, 1, number + 1))
    pages = [search_pages("xoa mu chu", page=number, per_page=5) for number in (1, 2, 3)]
    assert [results.total for results in pages] == [12, 12, 12]
    assert [len(results.items) for results in pages] == [5, 5, 2]
    assert pages[0].num_pages == 3 and pages[0].has_next and not pages[0].has_previous
    titles = [hit.title for results in pages for hit in results.items]
    assert len(set(titles)) == 12
    # Newest first when titles match equally.
    assert titles[0] == "Lớp xoá mù chữ số 11"
    beyond = search_pages("xoa mu chu", page=4, per_page=5)
    assert beyond.items == [] and beyond.total == 12


@pytest.mark.django_db
def test_hits_carry_url_type_date_and_highlighted_excerpt(news_index):
    add_news(news_index, "Tổng kết", summary="Các lớp học tập cộng đồng đã kết thúc.", date=aware(2017, 6, 20))
    results = search_pages('"cong dong da ket thuc"')
    (hit,) = results.items
    assert hit.url.endswith("/tin-tuc/tong-ket/")
    assert hit.content_type == "articles.newspage"
    assert hit.date == datetime.date(2017, 6, 20)
    assert hit.locale == "vi"
    assert "<mark>cộng đồng đã kết thúc</mark>" in hit.excerpt_html
    facets = {facet.key: facet.count for facet in results.facets}
    assert facets["articles.newspage"] == 1
    assert facets["centers.centerpage"] == 0


@pytest.mark.django_db
def test_a_title_matching_the_query_comes_first(news_index):
    add_news(news_index, "Tin khác", summary="Nói về Mỹ Tho.", date=aware(2019, 1, 1))
    add_news(news_index, "Mỹ Tho", summary="Thành phố.", date=aware(2015, 1, 1))
    assert [hit.title for hit in search_pages("my tho").items] == ["Mỹ Tho", "Tin khác"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [
        {"query": "x" * 301},
        {"query": " ".join(f"tu{n}" for n in range(11))},
        {"query": "a", "page": 0},
        {"query": "a", "page": "abc"},
        {"query": "a", "per_page": 500},
        {"query": "a", "content_types": ["khong.co"]},
        {"query": "a", "locale": "fr"},
        {"query": "a", "date_from": datetime.date(2018, 2, 1), "date_to": datetime.date(2018, 1, 1)},
        {"query": "a", "date_from": "07/12/2018"},
    ],
    ids=["too long", "too many terms", "page 0", "page abc", "per_page", "type", "locale", "dates", "date str"],
)
def test_bad_arguments_raise_a_search_error_with_a_message(home_page, options):
    query = options.pop("query")
    with pytest.raises(SearchError) as error:
        search_pages(query, **options)
    assert str(error.value.message)


# PostgreSQL -------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_stores_the_folded_words_as_a_tsvector_with_a_gin_index(news_index):
    page = add_news(news_index, "Cộng Đồng An đỗ các lớp running")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM sen_search_searchentry WHERE page_id = %s", [page.pk])
        (vector,) = cursor.fetchone()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'sen_search_entry_vector'")
        (indexdef,) = cursor.fetchone()
    # No stemming, no stop words: "an", "do" and "running" stay as they are, at their positions;
    # pairs and runs of three adjacent words are lexemes too (for phrases), after the words.
    lexemes = dict(item.split(":", 1) for item in vector.replace("'", "").split())
    words = {"cong": "1", "dong": "2", "an": "3", "do": "4", "cac": "5", "lop": "6", "running": "7"}
    assert {word: lexemes[word].split(",")[0] for word in words} == words
    assert {"cong0dong", "dong0an", "an0do", "lop0running"} <= set(lexemes)
    assert {"cong0dong0an", "cac0lop0running"} <= set(lexemes)
    assert "gin" in indexdef and "(vector)" in indexdef


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_search_matches_the_stored_vector_without_folding_rows_at_query_time(news_index):
    from django.test.utils import CaptureQueriesContext

    add_news(news_index, "Cộng đồng")
    with CaptureQueriesContext(connection) as queries:
        assert "Cộng đồng" in found("cong dong")
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "\"vector\" @@ to_tsquery('simple'" in sql
    assert "to_tsvector" not in sql and "unaccent" not in sql


@pytest.mark.django_db
def test_the_configuration_migration_is_reversible_and_a_no_op_elsewhere():
    import importlib

    migration = importlib.import_module("search.migrations.0002_sen_vi_text_search_configuration")

    def config_exists():
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'sen_vi'")
            return cursor.fetchone()[0] == 1

    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    editor = SimpleNamespace(connection=connection, execute=execute)
    expected = True if connection.vendor == "postgresql" else None
    migration.run(migration.BACKWARD)(None, editor)
    assert config_exists() is (False if expected else None)
    migration.run(migration.FORWARD)(None, editor)
    migration.run(migration.FORWARD)(None, editor)  # twice: idempotent
    assert config_exists() is expected
