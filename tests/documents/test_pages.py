"""Documents: the filtered list, the detail page, search by number, the API, feeds, webhooks, links."""

import datetime

import pytest
from django.apps import apps
from wagtail.models import PageViewRestriction

from documents.models import Relation
from tests.documents import factories

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def tree(home_page):
    parent = factories.index(home_page)
    ttg, bo = factories.issuer(), factories.issuer("Bộ Giáo dục và Đào tạo", "BGDĐT")
    qd, tt = factories.kind("Quyết định"), factories.kind("Thông tư")
    kh = factories.field("Khuyến học")
    old = factories.document(
        parent,
        number="09/2008/QĐ-BGDĐT",
        title="Quy chế tổ chức và hoạt động của trung tâm học tập cộng đồng",
        summary="Quy chế trung tâm học tập cộng đồng tại xã, phường, thị trấn.",
        issued=D(2008, 3, 24),
        issuer=bo,
        kind=qd,
    )
    pdf = factories.attachment_file(title="Toàn văn Thông tư", name="tt-44.pdf", content=b"%PDF-1.4\n" + b"x" * 2038)
    new = factories.document(
        parent,
        number="44/2023/TT-BGDĐT",
        title="Quy chế mới của trung tâm học tập cộng đồng",
        summary="Thay thế quy chế năm 2008.",
        issued=D(2023, 12, 28),
        effective=D(2024, 2, 12),
        issuer=bo,
        kind=tt,
        files=[pdf],
        links=[(Relation.REPLACES, old)],
    )
    decree = factories.document(
        parent,
        number="42/2022/NĐ-CP",
        title="Cung cấp thông tin và dịch vụ công trực tuyến",
        summary="Thông tin trên cổng thông tin điện tử của cơ quan nhà nước.",
        issued=D(2022, 6, 24),
        issuer=ttg,
        kind=qd,
        field=kh,
    )
    return {"index": parent, "old": old, "new": new, "decree": decree}


def listed_numbers(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return [n for n in ("09/2008/QĐ-BGDĐT", "44/2023/TT-BGDĐT", "42/2022/NĐ-CP") if n in response.content.decode()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["09/2008/QĐ-BGDĐT", "44/2023/TT-BGDĐT", "42/2022/NĐ-CP"]),
        ("?kind=thong-tu", ["44/2023/TT-BGDĐT"]),
        ("?issuer=bo-giao-duc-va-dao-tao", ["09/2008/QĐ-BGDĐT", "44/2023/TT-BGDĐT"]),
        ("?field=khuyen-hoc", ["42/2022/NĐ-CP"]),
        ("?year=2008", ["09/2008/QĐ-BGDĐT"]),
        ("?status=replaced", ["09/2008/QĐ-BGDĐT"]),
        ("?status=in-force&kind=quyet-dinh", ["42/2022/NĐ-CP"]),
    ],
)
def test_the_list_filters_by_kind_issuer_field_year_and_status(client, tree, query, expected):
    assert listed_numbers(client, tree["index"], query) == expected


BAD_QUERIES = ["?kind=khong-co", "?year=abc", "?year=99999999999", "?status=khong-ro", "?sort=x&page=zz"]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_filter_values_say_so_and_never_fail(client, tree, query):
    response = client.get(tree["index"].url + query)
    assert response.status_code == 200


# "²", "①", "⑴", "⒈", "₂" pass str.isdigit(); int() fails on them. Full-width "２００８" passes int().
@pytest.mark.parametrize("year", ["%C2%B2", "%E2%91%A0", "%E2%91%B4", "%E2%92%88", "%E2%82%82", "２００８"])
def test_a_year_in_other_digits_than_ascii_asks_for_four_digits(client, tree, year):
    response = client.get(tree["index"].url + "?year=" + year)
    assert response.status_code == 200
    assert "Hãy nhập năm gồm bốn chữ số" in response.content.decode()
    assert listed_numbers(client, tree["index"], "?year=" + year) == []


def test_a_nul_in_a_filter_is_refused_before_the_list(client, tree):
    # cms.http.badinput answers before any query sees the NUL (PostgreSQL refuses NUL in text).
    response = client.get(tree["index"].url + "?status=%00")
    assert response.status_code == 400
    assert "09/2008/QĐ-BGDĐT" not in response.content.decode()


def test_the_list_sorts_newest_or_oldest_first(client, tree):
    newest = client.get(tree["index"].url).content.decode()
    assert newest.index("44/2023/TT-BGDĐT") < newest.index("42/2022/NĐ-CP") < newest.index("09/2008/QĐ-BGDĐT")
    oldest = client.get(tree["index"].url + "?sort=date").content.decode()
    assert oldest.index("09/2008/QĐ-BGDĐT") < oldest.index("42/2022/NĐ-CP") < oldest.index("44/2023/TT-BGDĐT")


def test_the_list_sorts_by_number_the_way_numbers_read_and_by_title(client, tree):
    # 42 before 1009 by value, not "1009" before "42" by character.
    factories.document(tree["index"], number="1009/KH-PGDĐT", title="Đề án kiểm tra", issued=D(2016, 10, 6))
    by_number = client.get(tree["index"].url + "?sort=number").content.decode()
    numbers = ["09/2008/QĐ-BGDĐT", "42/2022/NĐ-CP", "44/2023/TT-BGDĐT", "1009/KH-PGDĐT"]
    assert [by_number.index(n) for n in numbers] == sorted(by_number.index(n) for n in numbers)
    by_title = client.get(tree["index"].url + "?sort=title").content.decode()
    # Vietnamese order: "Cung cấp…" < "Đề án…" < "Quy chế mới…" < "Quy chế tổ chức…" (Đ after D, not after Z).
    titles = ["42/2022/NĐ-CP", "1009/KH-PGDĐT", "44/2023/TT-BGDĐT", "09/2008/QĐ-BGDĐT"]
    assert [by_title.index(n) for n in titles] == sorted(by_title.index(n) for n in titles)


def test_the_detail_page_renders_in_a_fixed_number_of_queries(client, tree, django_assert_max_num_queries):
    client.get(tree["new"].url)  # warm caches (site, locales)
    with django_assert_max_num_queries(11) as few:  # links both ways, attachments, kind, issuer, field
        client.get(tree["new"].url)
    few = len(few.captured_queries)  # now: the next request clears the connection's query log
    more_files = [factories.attachment_file(title=f"Phụ lục {n}", name=f"phu-luc-{n}.pdf") for n in range(5)]
    older = [
        factories.document(tree["index"], number=f"{n + 200}/QĐ-BGDĐT", issued=D(2001, 1, 1 + n)) for n in range(5)
    ]
    bigger = factories.document(
        tree["index"],
        number="45/2023/TT-BGDĐT",
        issued=D(2023, 12, 29),
        files=more_files,
        links=[(Relation.REPLACES, doc) for doc in older] + [(Relation.AMENDS, tree["new"])],
    )
    client.get(bigger.url)  # the new pages changed the content: the chrome is built again once
    with django_assert_max_num_queries(few):
        response = client.get(bigger.url)
    body = response.content.decode()
    assert all(f"Phụ lục {n}" in body for n in range(5)) and all(doc.url in body for doc in older)


def test_the_list_renders_in_a_fixed_number_of_queries(client, tree, django_assert_max_num_queries):
    client.get(tree["index"].url)  # warm caches (site, locales)
    with django_assert_max_num_queries(10) as few:
        client.get(tree["index"].url)
    few = len(few.captured_queries)  # now: the next request clears the connection's query log
    for number in range(25):
        factories.document(tree["index"], number=f"{number + 100}/KH-UBND", issued=D(2020, 1, 1 + number))
    client.get(tree["index"].url)  # the new pages changed the content: the chrome is built again once
    with django_assert_max_num_queries(few):
        response = client.get(tree["index"].url + "?page=2")
    assert response.status_code == 200 and 'rel="prev"' in response.content.decode()


def test_restricted_documents_are_not_listed(client, tree):
    PageViewRestriction.objects.create(
        page=tree["decree"], restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert "42/2022/NĐ-CP" not in listed_numbers(client, tree["index"])
    assert "42/2022/NĐ-CP" not in client.get("/feeds/documents/rss/").content.decode()
    assert "Thông tin trên cổng thông tin điện tử" not in client.get(tree["decree"].url).content.decode()


def test_the_detail_page_shows_files_with_type_and_size_and_links_both_ways(client, tree):
    new = client.get(tree["new"].url).content.decode()
    assert "tt-44" in new and "PDF" in new and "2.0" in new.replace(",", ".")
    assert tree["old"].url in new
    old = client.get(tree["old"].url).content.decode()
    assert tree["new"].url in old


def test_search_finds_a_document_by_its_number_typed_any_way_and_by_its_summary_without_accents(client, tree):
    for query in ("42/2022/nd-cp", "42/2022/NĐ-CP", "42/2022/ND-CP", "42 2022 ND CP", "cong thong tin dien tu"):
        page = client.get("/search/", {"q": query}).content.decode()
        assert tree["decree"].url in page, query
        assert tree["old"].url not in page, query


def test_api_search_finds_a_document_by_its_number(client, tree):
    for query in ("42/2022/NĐ-CP", "42 2022 ND CP"):
        response = client.get("/api/v2/pages/", {"search": query, "type": "documents.LegalDocumentPage"})
        assert response.status_code == 200
        assert [item["id"] for item in response.json()["items"]] == [tree["decree"].pk], query


def test_the_api_lists_documents_with_display_ready_fields_and_filters(client, tree):
    response = client.get(
        "/api/v2/pages/", {"type": "documents.LegalDocumentPage", "status": "replaced", "fields": "*"}
    )
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["number"] == "09/2008/QĐ-BGDĐT"
    assert item["status"]["code"] == "replaced"
    assert item["issuer"]["name"] == "Bộ Giáo dục và Đào tạo"
    assert item["date_issued"]["display"] == "24/03/2008"
    detail = client.get(f"/api/v2/pages/{tree['new'].pk}/").json()
    assert detail["attachments"][0]["type"] == "PDF" and detail["attachments"][0]["size"] == 2047
    assert detail["related"][0]["documents"][0]["number"] == "09/2008/QĐ-BGDĐT"
    year = client.get("/api/v2/pages/", {"type": "documents.LegalDocumentPage", "year": "2022"}).json()
    assert [entry["id"] for entry in year["items"]] == [tree["decree"].pk]


@pytest.mark.parametrize("query", ["status=x%20y", "year=abc", "kind=%C3%A1"])
def test_bad_api_filter_values_are_a_400(client, tree, query):
    response = client.get(f"/api/v2/pages/?type=documents.LegalDocumentPage&{query}")
    assert response.status_code == 400


def test_the_feed_lists_new_documents(client, tree):
    for url in ("/feeds/documents/rss/", "/feeds/documents/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "44/2023/TT-BGDĐT" in response.content.decode()


def test_publishing_a_document_sends_a_webhook(tree, django_capture_on_commit_callbacks):
    from cms.webhooks.models import WebhookDelivery, WebhookSubscription

    WebhookSubscription.objects.create(
        description="Cổng tỉnh", url="https://example.org/hook", events=["page.published"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        factories.document(tree["index"], number="1373/QĐ-TTg", issued=D(2021, 7, 30))
    payloads = [d.payload for d in WebhookDelivery.objects.all()]
    assert any(p["type"] == "documents.LegalDocumentPage" for p in payloads)


def test_a_number_in_an_imported_news_text_links_to_the_document(tree):
    if not apps.is_installed("articles"):
        pytest.skip("the articles plugin is not enabled")
    from articles.importer.load import find_mentions
    from cms import hooks as sen_hooks

    targets = [t for t in sen_hooks.collect(sen_hooks.LINK_TARGETS) if t.kind == "document"]
    text = "Thực hiện Nghị định số 42/2022/NĐ-CP của Chính phủ về cổng thông tin."
    (mention,) = find_mentions(text, targets)
    assert mention.target.page.pk == tree["decree"].pk
    assert text[mention.start : mention.end] == "42/2022/NĐ-CP"


def test_the_home_page_shows_new_documents(client, tree):
    page = client.get("/").content.decode()
    assert "44/2023/TT-BGDĐT" in page and tree["index"].url in page
