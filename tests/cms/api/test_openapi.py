"""OpenAPI documents of the three APIs: valid, complete for v2, and a docs page served from Sen's own files."""

import re

import pytest
from openapi_spec_validator import validate

from tests.utils import assert_problem

pytestmark = pytest.mark.django_db

DOCUMENTS = ["/api/v2/openapi.json", "/api/v3/openapi.json", "/api/sen/openapi.json"]


@pytest.mark.parametrize("url", DOCUMENTS)
def test_every_openapi_document_passes_the_validator(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 200
    validate(response.json())


def test_v3_document_declares_anonymous_access_without_a_broken_scheme(client, home_page):
    document = client.get("/api/v3/openapi.json").json()
    for scheme in document.get("components", {}).get("securitySchemes", {}).values():
        assert scheme["type"] != "http" or scheme.get("scheme")
    securities = [
        op.get("security") for item in document["paths"].values() for op in item.values() if "security" in op
    ]
    assert any({} in security for security in securities)


def test_the_api_index_links_the_v2_document(client, home_page):
    v2 = client.get("/api/").json()["versions"][0]
    assert v2["openapi"] == "http://testserver/api/v2/openapi.json"
    assert v2["docs"] == "http://testserver/api/v2/docs/"


def _v2_document(client):
    return client.get("/api/v2/openapi.json").json()


def test_v2_document_knows_sen_page_types_their_fields_and_filters(client, demo_site):
    document = _v2_document(client)
    schemas = document["components"]["schemas"]
    news = schemas["articles_NewsPage"]["properties"]
    assert "date" in news and "title" in news
    assert news["meta"]["properties"]["type"]["const"] == "articles.NewsPage"
    # A listing's items are of their page type's schema (told apart by meta.type), else a plain page.
    items = document["paths"]["/api/v2/pages/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    choices = [choice["$ref"].rsplit("/", 1)[1] for choice in items["properties"]["items"]["items"]["anyOf"]]
    assert "articles_NewsPage" in choices and choices[-1] == "Page"
    listing = {p["name"]: p for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    for name in ("limit", "offset", "order", "search", "locale", "fallback", "fields", "type", "child_of", "category"):
        assert name in listing
    assert "articles.NewsPage" in listing["type"]["schema"]["enum"]
    assert listing["locale"]["schema"]["enum"] == ["vi", "en"]
    assert listing["province"]["schema"]["pattern"] == "^[0-9]{2}$"
    responses = document["paths"]["/api/v2/pages/"]["get"]["responses"]
    assert {"200", "304", "400", "404", "429"} <= set(responses)
    assert responses["400"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


def _ids(demo_site):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return {
        "pages": Page.objects.live().filter(depth__gt=1).order_by("pk").first().pk,
        "images": get_image_model().objects.order_by("pk").first().pk,
        "documents": get_document_model().objects.order_by("pk").first().pk,
    }


def test_every_v2_path_answers_on_the_demo_site(client, demo_site):
    ids = _ids(demo_site)
    for path in _v2_document(client)["paths"]:
        if path == "/api/preview/":  # needs a token: tests/cms/api/test_schema_types.py
            continue
        kind = path.split("/")[3]
        url = path.replace("{id}", str(ids[kind]))
        if url.endswith("/find/"):
            url += f"?id={ids[kind]}"
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.content[:300])
        assert response.json()


def test_v2_listing_parameters_of_the_document_answer_200_or_a_problem(client, demo_site):
    document = _v2_document(client)
    for parameter in document["paths"]["/api/v2/pages/"]["get"]["parameters"]:
        enum = parameter["schema"].get("enum")
        if enum:
            query = f"?{parameter['name']}={enum[0]}"
            if parameter["name"] == "fallback":
                query += "&locale=en"
            assert client.get("/api/v2/pages/" + query).status_code == 200, query
        bad = client.get(f"/api/v2/pages/?{parameter['name']}=%25%25bad")
        if bad.status_code != 200:
            assert bad.status_code in (400, 404), (parameter["name"], bad.status_code)
            assert assert_problem(bad, bad.status_code)["parameter"] in (parameter["name"], None)


@pytest.mark.parametrize("url", ["/api/v2/docs/", "/api/v3/docs/", "/api/sen/docs"])
def test_docs_pages_reference_no_outside_host(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    hosts = re.findall(r"""(?:src|href)=["'](?:https?:)?//([^/"']+)""", html)
    assert hosts == []


def test_v2_page_details_match_the_schema_of_their_type(client, demo_site):
    """Every page type of the demo site, in full (fields=*), has the field types its schema says."""
    from jsonschema import Draft202012Validator
    from wagtail.models import Page

    document = _v2_document(client)
    checked = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("pk"):
        label = page._meta.label
        if label in checked:
            continue
        checked.add(label)
        response = client.get(f"/api/v2/pages/{page.pk}/?fields=*")
        assert response.status_code == 200, label
        schema = {"$ref": f"#/components/schemas/{label.replace('.', '_')}", "components": document["components"]}
        errors = [f"{label}: {error.json_path}: {error.message[:200]}" for error in
                  Draft202012Validator(schema).iter_errors(response.json())]  # fmt: skip
        assert errors == []
    assert len(checked) > 3
