"""Documents in /api/v2/: every declared filter, the order, and the display-ready fields; the feed."""

import datetime

import pytest

from documents.models import Relation
from tests.documents import factories

pytestmark = pytest.mark.django_db

D = datetime.date
TYPE = "documents.LegalDocumentPage"


@pytest.fixture
def tree(home_page):
    parent = factories.index(home_page)
    assembly, pm = factories.issuer("Quốc hội", "QH"), factories.issuer("Thủ tướng Chính phủ", "TTg")
    law, decision = factories.kind("Luật"), factories.kind("Quyết định")
    society = factories.field("Xây dựng xã hội học tập")
    old = factories.document(
        parent, number="38/2005/QH11", title="Luật Giáo dục 2005", issued=D(2005, 6, 14), kind=law, issuer=assembly
    )
    new = factories.document(
        parent,
        number="43/2019/QH14",
        title="Luật Giáo dục 2019",
        issued=D(2019, 6, 14),
        effective=D(2020, 7, 1),
        signer="Chủ tịch Quốc hội",
        kind=law,
        issuer=assembly,
        links=[(Relation.REPLACES, old)],
    )
    plan = factories.document(
        parent,
        number="1373/QĐ-TTg",
        title="Đề án Xây dựng xã hội học tập giai đoạn 2021 – 2030",
        issued=D(2021, 7, 30),
        kind=decision,
        issuer=pm,
        field=society,
    )
    return {"old": old, "new": new, "plan": plan}


def ids(client, **params):
    response = client.get("/api/v2/pages/", {"type": TYPE, **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_each_declared_filter_narrows_the_list(client, tree):
    old, new, plan = tree["old"].pk, tree["new"].pk, tree["plan"].pk
    assert set(ids(client)) == {old, new, plan}
    assert set(ids(client, kind="luat")) == {old, new}
    assert ids(client, issuer="thu-tuong-chinh-phu") == [plan]
    assert ids(client, field="xay-dung-xa-hoi-hoc-tap") == [plan]
    assert ids(client, year="2019") == [new]
    assert ids(client, status="replaced") == [old]
    assert set(ids(client, status="in-force")) == {new, plan}
    assert set(ids(client, date_from="2019-01-01", date_to="2020-12-31")) == {new}
    assert ids(client, kind="luat", status="in-force") == [new]


def test_the_list_orders_by_the_date_issued(client, tree):
    assert ids(client, order="date") == [tree["old"].pk, tree["new"].pk, tree["plan"].pk]
    assert ids(client, order="-date") == [tree["plan"].pk, tree["new"].pk, tree["old"].pk]


def test_the_fields_are_ready_to_display(client, tree):
    item = client.get(f"/api/v2/pages/{tree['new'].pk}/").json()
    assert item["number"] == "43/2019/QH14"
    assert item["kind"] == {"id": tree["new"].kind_id, "name": "Luật", "slug": "luat"}
    assert item["issuer"]["short_name"] == "QH"
    assert item["field"] is None
    assert item["signer"] == "Chủ tịch Quốc hội"
    assert item["date_effective"]["display"] == "01/07/2020"
    assert item["date_effective"]["iso"] == "2020-07-01"
    assert item["date_expires"] is None
    assert item["status"] == {"code": "in-force", "label": "Còn hiệu lực"}
    (group,) = item["related"]
    assert group["relation"] == "thay thế"
    assert [doc["number"] for doc in group["documents"]] == ["38/2005/QH11"]
    back = client.get(f"/api/v2/pages/{tree['old'].pk}/").json()
    assert back["status"]["code"] == "replaced"
    assert back["related"][0]["relation"] == "bị thay thế bởi"
    assert back["related"][0]["documents"][0]["url"] == "http://testserver" + tree["new"].url


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=20199999999999999999", "date_from=30/07/2021", "issuer=Th%E1%BB%A7", "field=a%20b"],
)
def test_bad_filter_values_are_a_400_not_a_500(client, tree, query):
    response = client.get(f"/api/v2/pages/?type={TYPE}&{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_document_filter_without_the_type_says_which_type_has_it(client, tree):
    response = client.get("/api/v2/pages/", {"issuer": "quoc-hoi"})
    assert response.status_code == 400
    assert TYPE in response.json()["detail"]


def test_the_feed_gives_kind_number_summary_issuer_and_field(client, tree):
    body = client.get("/feeds/documents/rss/").content.decode()
    assert "Quyết định 1373/QĐ-TTg: Đề án Xây dựng xã hội học tập giai đoạn 2021 – 2030" in body
    assert "<category>Xây dựng xã hội học tập</category>" in body
    assert f"http://testserver{tree['plan'].url}" in body
    tree["plan"].unpublish()
    assert "1373/QĐ-TTg" not in client.get("/feeds/documents/rss/").content.decode()
