"""Every field of the three OpenAPI documents has a type, and every answer of the demo site matches its document.

- No schema in /api/v2/, /api/v3/ or /api/sen/'s document (a property, an array's items, a map's values, a
  member of anyOf/oneOf, a parameter, a response body) is without a type: ``{}``, a bare title or an object
  that may hold anything would be ``unknown``/``Any`` in a generated client.
- StreamField bodies are ``oneOf`` their block types, told apart by ``type``, derived from the block definitions.
- The full answer of every demo page (v2 with fields=*, v3), every listing (by page type with fields=*, images,
  documents) and every /api/sen/ endpoint validates against the schema its document gives for that answer.
"""

import json
import re

import pytest
from jsonschema import Draft202012Validator
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.api.schemas import block_type, json_schema
from cms.blocks import BodyBlock
from tests.articles.factories import make_image, make_news, make_news_index, make_video_document

pytestmark = pytest.mark.django_db

DOCUMENTS = {"v2": "/api/v2/openapi.json", "v3": "/api/v3/openapi.json", "sen": "/api/sen/openapi.json"}
COMBINATIONS = ("anyOf", "oneOf", "allOf")


def untyped(document):
    """Where a schema of ``document`` says nothing about the type of a value."""
    found = []

    def check(node, where):
        if node is True or node == {} or not isinstance(node, dict):
            found.append(where)
            return
        types = node.get("type", [])
        types = types if isinstance(types, list) else [types]
        if not any(key in node for key in ("type", "$ref", "const", "enum", *COMBINATIONS)):
            found.append(where)
        for key in COMBINATIONS:
            for index, member in enumerate(node.get(key, [])):
                check(member, f"{where}/{key}[{index}]")
        if "object" in types and not node.get("properties") and not isinstance(node.get("additionalProperties"), dict):
            found.append(f"{where} (an object that may hold anything)")
        if "array" in types and not isinstance(node.get("items"), dict):
            found.append(f"{where} (an array of anything)")
        for name, value in node.get("properties", {}).items():
            check(value, f"{where}/{name}")
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                check(node[key], f"{where}/{key}")

    for name, schema in document.get("components", {}).get("schemas", {}).items():
        check(schema, f"#/components/schemas/{name}")
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                check(parameter.get("schema", {}), f"{method} {path} ?{parameter['name']}")
            for status, response in operation.get("responses", {}).items():
                for media, content in response.get("content", {}).items():
                    check(content.get("schema", {}), f"{method} {path} {status} {media}")
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                check(content.get("schema", {}), f"{method} {path} body {media}")
    return found


def test_the_checker_finds_what_a_generator_would_call_unknown():
    document = {
        "paths": {},
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "properties": {
                        "title": {"title": "Untitled"},
                        "any": {"anyOf": [{}, {"type": "null"}]},
                        "map": {"type": "object", "additionalProperties": True},
                        "list": {"type": "array"},
                        "ok": {"type": "array", "items": {"$ref": "#/components/schemas/B"}},
                    },
                }
            }
        },
    }
    assert untyped(document) == [
        "#/components/schemas/A/title",
        "#/components/schemas/A/any/anyOf[0]",
        "#/components/schemas/A/map (an object that may hold anything)",
        "#/components/schemas/A/list (an array of anything)",
    ]


@pytest.mark.parametrize("api", sorted(DOCUMENTS))
def test_no_value_in_the_document_is_untyped(client, home_page, api):
    document = client.get(DOCUMENTS[api]).json()
    assert untyped(document) == []


def test_a_stream_body_is_one_of_its_block_types_told_apart_by_type(client, home_page):
    schemas = client.get(DOCUMENTS["v2"]).json()["components"]["schemas"]
    body = schemas["articles_NewsPage"]["properties"]["body"]
    items = body.get("items") or body["allOf"][0]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    names = {ref["$ref"].rsplit("/", 1)[1] for ref in items["oneOf"]}
    # One type per block of the stream, derived from BodyBlock's definition, not written per page.
    assert {schemas[name]["properties"]["type"]["const"] for name in names} == set(BodyBlock().child_blocks)
    image = schemas["BodyBlockImage"]["properties"]["value"]
    assert image == {"$ref": "#/components/schemas/CaptionedImageValue"}
    assert schemas["Renditions"]["required"] == ["thumbnail", "card", "full", "full_webp"]
    # v3 has the same block types.
    v3 = client.get(DOCUMENTS["v3"]).json()["components"]["schemas"]
    assert v3["NewsPageSchema"]["properties"]["body"]["items"]["oneOf"] == items["oneOf"]


def test_a_block_without_a_declared_api_shape_is_untyped_and_found():
    from wagtail import blocks

    class Custom(blocks.StructBlock):
        text = blocks.CharBlock()

        def get_api_representation(self, value, context=None):
            return {"anything": 1}

    stream = blocks.StreamBlock([("custom", Custom()), ("text", blocks.CharBlock())])
    components = {}
    schema = json_schema(block_type(stream, "Probe"), components)
    document = {"paths": {}, "components": {"schemas": {**components, "Probe": schema}}}
    assert untyped(document) == ["#/components/schemas/ProbeCustom/value"]


# Answers against their documents ---------------------------------------------------------------------


def _operation(document, url):
    """The document's path item for ``url`` (its template's parameters matched as one path segment)."""
    path = url.split("?", 1)[0]
    for template, item in document["paths"].items():
        parts = re.split(r"(\{[^}]+\})", template)
        if re.fullmatch("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts), path):
            return item["get"]
    raise AssertionError(f"{path} is in no path of the document")


def assert_matches_document(client, documents, url, status=200):
    api = url.split("/")[2] if not url.startswith("/api/preview/") else "v2"
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    media = response["Content-Type"].split(";")[0]
    document = documents[api]
    content = _operation(document, url)["responses"][str(status)]["content"]
    assert media in content, (url, media, list(content))
    body = response.json()
    checks = [(content[media]["schema"], body)]
    if url.startswith("/api/v2/pages/"):
        # A v2 page is anyOf its type's schema or a plain page: each is also checked against its own type's.
        for page in body.get("items", [body]):
            name = page["meta"]["type"].replace(".", "_")
            checks.append(({"$ref": f"#/components/schemas/{name}"}, page))
    errors = [
        f"{url}: {error.json_path}: {error.message[:300]}"
        for schema, value in checks
        for error in Draft202012Validator({**schema, "components": document["components"]}).iter_errors(value)
    ]
    assert errors == []
    return body


def every_block_type_in_a_news_body(home_page):
    """A news page whose body has one block of every type the demo's articles do not use."""
    image = make_image("Ảnh lớp học")
    video = make_video_document("Video lớp học")
    document = get_document_model().objects.create(title="Kế hoạch", file=video.file.name)
    index = make_news_index(home_page, slug="tin-moi", title="Tin mới")
    captioned = {"image": image.pk, "alt": "Lớp học", "caption": "Một lớp học", "credit": "Ảnh: Thanh Tùng"}
    body = [
        ("paragraph", "<p>Mở đầu.</p>"),
        ("image", captioned),
        ("gallery", [captioned, {**captioned, "caption": ""}]),
        ("video", {"embed": "", "file": video.pk, "poster": image.pk, "caption": "Toàn cảnh"}),
        ("quote", {"quote": "Học tập suốt đời.", "attribution": ""}),
        ("table", {"data": [["Lớp", "Số"], ["Tin học", None]], "first_row_is_table_header": True}),
        ("document", {"document": document.pk, "title": ""}),
    ]
    page = make_news(index, "Mọi loại khối", main_image=image, main_image_alt="Lớp học")
    page.body = json.dumps([{"type": name, "value": value} for name, value in body])  # raw, as stored
    page.save_revision().publish()
    return page


def test_every_answer_of_the_demo_site_matches_its_document(client, demo_site):
    documents = {api: client.get(url).json() for api, url in DOCUMENTS.items()}
    every_block = every_block_type_in_a_news_body(Site.objects.get(is_default_site=True).root_page.specific)
    answer = assert_matches_document(client, documents, f"/api/v2/pages/{every_block.pk}/?fields=*")
    assert {block["type"] for block in answer["body"]} == set(BodyBlock().child_blocks)

    pages = list(Page.objects.live().filter(depth__gt=1).specific().order_by("pk"))
    types = sorted({page._meta.label for page in pages})
    for page in pages:
        assert_matches_document(client, documents, f"/api/v2/pages/{page.pk}/?fields=*")
        assert_matches_document(client, documents, f"/api/v3/pages/{page.pk}/")
    for label in types:
        assert_matches_document(client, documents, f"/api/v2/pages/?type={label}&fields=*&limit=50")
        assert_matches_document(client, documents, f"/api/v3/pages/?type={label}&limit=50")
    for url in (
        "/api/v2/pages/?limit=50",
        "/api/v2/pages/?locale=en&fallback=vi&limit=50",
        "/api/v2/images/?fields=*&limit=50",
        "/api/v2/documents/?fields=*&limit=50",
        f"/api/v2/images/{get_image_model().objects.order_by('pk').first().pk}/",
        f"/api/v2/documents/{get_document_model().objects.order_by('pk').first().pk}/",
        "/api/v3/pages/?limit=50",
        "/api/v3/images/?limit=50",
        "/api/v3/documents/?limit=50",
        "/api/sen/counter",
        "/api/sen/announcements?locale=vi",
        "/api/sen/links",
        "/api/sen/search?q=cong+dong",
        "/api/sen/centers/stats/years",
        "/api/sen/centers/stats/totals",
        "/api/sen/centers/stats/provinces",
        "/api/sen/centers/stats/current",
        "/api/sen/centers/stats/communes?province=82",
        "/api/sen/centers/units",
    ):
        assert_matches_document(client, documents, url)
    assert len(types) >= 9


# Working parameters and /api/preview/ in the v2 document -----------------------------------------------------


def test_the_working_parameters_and_the_preview_are_documented_and_answer(client, home_page):
    from cms.preview.tokens import make_token

    index = make_news_index(home_page)
    first = make_news(index, "Khai giảng lớp tin học", author="Thanh Tùng")
    make_news(index, "Hội Khuyến học trao học bổng", author="Minh Anh")
    documents = {"v2": client.get(DOCUMENTS["v2"]).json()}
    paths = documents["v2"]["paths"]

    def names(path):
        return {parameter["name"] for parameter in paths[path]["get"]["parameters"]}

    # fields, locale and fallback on find/ are passed on to the detail it redirects to.
    assert {"id", "html_path", "fields", "locale", "fallback"} <= names("/api/v2/pages/find/")
    found = client.get(f"/api/v2/pages/find/?id={first.pk}&fields=author&locale=vi")
    assert found.status_code == 302 and "fields=author" in found["Location"] and "locale=vi" in found["Location"]
    # Exact-field filters of Wagtail (every database field of a type's API fields) and comma-separated order.
    assert {"author", "slug", "title", "show_in_menus", "number"} <= names("/api/v2/pages/")
    assert {"title", "width", "tags"} <= names("/api/v2/images/")
    listing = assert_matches_document(
        client, documents, "/api/v2/pages/?type=articles.NewsPage&author=Thanh%20T%C3%B9ng&fields=author"
    )
    assert [item["id"] for item in listing["items"]] == [first.pk]
    order = next(p for p in paths["/api/v2/pages/"]["get"]["parameters"] if p["name"] == "order")
    assert "comma-separated" in order["description"]
    listing = assert_matches_document(client, documents, "/api/v2/pages/?type=articles.NewsPage&order=-author,title")
    assert [item["title"] for item in listing["items"]] == ["Khai giảng lớp tin học", "Hội Khuyến học trao học bổng"]
    # /api/preview/: the draft in the form of the page's detail, with its preview object.
    assert names("/api/preview/") == {"token"}
    assert {"200", "401", "403", "404"} <= set(paths["/api/preview/"]["get"]["responses"])
    first.title = "Khai giảng lớp tin học (bản nháp)"
    first.save_revision()
    draft = assert_matches_document(client, documents, f"/api/preview/?token={make_token(first)}")
    assert draft["title"] == "Khai giảng lớp tin học (bản nháp)" and draft["preview"]["page_id"] == first.pk
    missing = client.get("/api/preview/")
    assert missing.status_code == 401
    schema = paths["/api/preview/"]["get"]["responses"]["401"]["content"][missing["Content-Type"]]["schema"]
    assert not list(Draft202012Validator({**schema, **documents["v2"]}).iter_errors(missing.json()))
