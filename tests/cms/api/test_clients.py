"""Typed clients generated from the three OpenAPI documents, as a consumer would make them, and one in use.

- A Python client (openapi-python-client, requirements-dev.txt) from each of /api/v2/, /api/v3/ and
  /api/sen/'s documents: every documented operation has its module, none is dropped, all import.
- A TypeScript one (openapi-typescript from npm, package.json; ``npm ci``): every operation is in the
  generated ``paths``, and the declarations with a small consumer of them type-check with ``tsc --strict``.
- Consumers that render an article body, a centre with its reports, a document and a search page on the
  generated types (tests/cms/api/consumers/), type-checked without a cast or Any (mypy --strict
  --disallow-any-expr; tsc --strict, openapi-fetch).
- A consuming site built only on the generated Python client, against a live server: the "latest news"
  widget, the "centre statistics" widget (by official province code) and a webhook subscription that
  receives a signed publish event, checked as docs/api.md says.

The clients are generated in the test's temporary directory: CI builds them on every run.
"""

import ast
import hashlib
import hmac
import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import time

import pytest

from cms.webhooks.models import WebhookSubscription
from tests.articles.factories import make_news, make_news_index
from tests.cms.api.test_consumer_e2e import Receiver
from tests.cms.api.test_sen import centres
from tests.utils import ROOT

DOCUMENTS = {"v2": "/api/v2/openapi.json", "v3": "/api/v3/openapi.json", "sen": "/api/sen/openapi.json"}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
GENERATOR = os.path.join(os.path.dirname(sys.executable), "openapi-python-client")
NODE_BIN = ROOT / "node_modules" / ".bin"
SECRET = "bi-mat-cua-cong-tinh-2025-0123456789"


def without_parameter_names(path):
    """``/api/v3/snippets/{type}/`` -> ``/api/v3/snippets/{}/``: generators rename path parameters (``type_``)."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def documented_operations(document):
    return {
        (method.upper(), without_parameter_names(path))
        for path, item in document["paths"].items()
        for method in item
        if method in METHODS
    }


# Python -------------------------------------------------------------------------------------


def generate_python_client(document, directory, package):
    """Run openapi-python-client on ``document``; return (package directory, what the generator said)."""
    source = directory / f"{package}.json"
    source.write_text(json.dumps(document, ensure_ascii=False))
    config = directory / f"{package}-config.json"
    config.write_text(json.dumps({"post_hooks": []}))  # no formatter run on the generated code: not needed
    output = directory / package
    result = subprocess.run(  # noqa: S603
        [GENERATOR, "generate", "--path", str(source), "--output-path", str(output), "--meta", "none",
         "--config", str(config), "--overwrite"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 0, said[-3000:]
    return output, said


def _url_of(node):
    """The URL template of a generated ``"url": …`` value: a literal, ``"…".format(…)`` or an f-string."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return node.func.value.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
            for part in node.values
        )
    raise AssertionError(f"unexpected url expression: {ast.unparse(node)}")


def python_client_operations(package_dir):
    """(METHOD, path) of every request the generated client's endpoint modules make."""
    operations = set()
    for module in (package_dir / "api").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if not isinstance(node, ast.Dict):
                continue
            entries = {key.value: value for key, value in zip(node.keys, node.values, strict=True)
                       if isinstance(key, ast.Constant)}  # fmt: skip
            if "method" in entries and "url" in entries:
                operations.add((entries["method"].value.upper(), without_parameter_names(_url_of(entries["url"]))))
    return operations


def import_client(directory, package):
    """Import the generated package and every module in it (a syntax or import error fails here)."""
    sys.path.insert(0, str(directory))
    try:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            importlib.import_module(info.name)
        return root
    finally:
        sys.path.remove(str(directory))


@pytest.fixture
def forget_generated_modules():
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.startswith("sen_client_"):
            del sys.modules[name]


@pytest.mark.django_db
@pytest.mark.parametrize("api", sorted(DOCUMENTS))
def test_python_client_has_every_operation_of_the_document(client, home_page, tmp_path, api, forget_generated_modules):
    document = client.get(DOCUMENTS[api]).json()
    package = f"sen_client_{api}"
    output, said = generate_python_client(document, tmp_path, package)
    assert "will not be generated" not in said and "Warning" not in said, said
    assert python_client_operations(output) == documented_operations(document)
    import_client(tmp_path, package)


# TypeScript ---------------------------------------------------------------------------------

# Reads the generated declarations with the TypeScript compiler: every "<path>": {<method>: operations[…]}.
TS_OPERATIONS = r"""
const ts = require("typescript");
const fs = require("fs");
const file = process.argv[1];
const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
const found = [];
source.forEachChild((node) => {
  if (!ts.isInterfaceDeclaration(node) || node.name.text !== "paths") return;
  for (const item of node.members) {
    const path = item.name.text;
    for (const member of item.type.members || []) {
      const method = member.name.text;
      if (method !== "parameters" && member.type.kind !== ts.SyntaxKind.NeverKeyword) found.push([method, path]);
    }
  }
});
process.stdout.write(JSON.stringify(found));
"""

# What a consumer writes against the generated types; tsc must accept it.
TS_CONSUMER = """
import type { components as V2Components, paths as V2 } from "./v2";
import type { paths as V3 } from "./v3";
import type { paths as Sen } from "./sen";

type NewsListing = V2["/api/v2/pages/"]["get"]["responses"][200]["content"]["application/json"];
type NewsPage = V2Components["schemas"]["articles_NewsPage"];
type ProvinceRows = Sen["/api/sen/centers/stats/provinces"]["get"]["responses"][200]["content"]["application/json"];
type Problem = Sen["/api/sen/centers/stats/provinces"]["get"]["responses"][400]["content"];
type PageQuery = NonNullable<V2["/api/v2/pages/"]["get"]["parameters"]["query"]>;
type V3Pages = V3["/api/v3/pages/"]["get"]["responses"][200];

export const latestNews: PageQuery = { type: "articles.NewsPage", locale: "vi", fields: "summary,date" };

export function headlines(listing: NewsListing): string[] {
  return listing.items.map((item) => item.title ?? "");
}

export function isNews(item: NewsListing["items"][number]): item is NewsPage {
  return item.meta?.type === "articles.NewsPage";
}

export function classesIn(rows: ProvinceRows, provinceCode: string): number {
  const ofProvince = rows.filter((row) => row.province_code === provinceCode);
  return ofProvince.reduce((sum, row) => sum + (row.total_classes ?? 0), 0);
}

export type Unused = [Problem, V3Pages];
"""


def _node_tools():
    missing = [tool for tool in ("openapi-typescript", "tsc") if not (NODE_BIN / tool).exists()]
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the TypeScript client needs Node.js and `npm ci` (package.json)")
    if missing:
        pytest.skip(f"{', '.join(missing)} missing from node_modules: run `npm ci` (pinned in package.json)")


def _run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=ROOT, **kwargs)  # noqa: S603
    assert result.returncode == 0, (args[0], (result.stdout + result.stderr)[-3000:])
    return result.stdout


@pytest.mark.django_db
def test_typescript_client_has_every_operation_and_type_checks(client, home_page, tmp_path):
    _node_tools()
    for api, url in DOCUMENTS.items():
        document = client.get(url).json()
        source = tmp_path / f"{api}.json"
        source.write_text(json.dumps(document, ensure_ascii=False))
        target = tmp_path / f"{api}.ts"
        _run([str(NODE_BIN / "openapi-typescript"), str(source), "--output", str(target)])
        found = json.loads(_run(["node", "-e", TS_OPERATIONS, str(target)]))
        generated = {(method.upper(), without_parameter_names(path)) for method, path in found}
        assert generated == documented_operations(document), api
    (tmp_path / "consumer.ts").write_text(TS_CONSUMER)
    files = [str(tmp_path / name) for name in ("v2.ts", "v3.ts", "sen.ts", "consumer.ts")]
    _run([str(NODE_BIN / "tsc"), "--noEmit", "--strict", "--target", "es2022", "--module", "esnext",
          "--moduleResolution", "bundler", *files])  # fmt: skip


# A consumer on the generated Python client --------------------------------------------------


def signature_is_valid(secret, headers, body, tolerance=300):
    """docs/api.md's check: HMAC-SHA256 of "<timestamp>.<raw body>" with the secret, and a recent timestamp."""
    timestamp = headers["X-Sen-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return abs(time.time() - int(timestamp)) <= tolerance and hmac.compare_digest(expected, headers["X-Sen-Signature"])


# The live server needs a transactional test; serialized_rollback reloads the migrated data (root page,
# locales, the administrative units) whatever an earlier transactional test flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_widgets_and_webhooks_of_a_consumer_built_on_the_generated_client(
    live_server, home_page, tmp_path, forget_generated_modules
):
    import requests

    index = make_news_index(home_page)
    make_news(index, "Trung tâm học tập cộng đồng Phường 4 tổng kết năm học", summary="Tổng kết năm học.")
    make_news(index, "Hội Khuyến học trao học bổng", summary="Trao 50 suất học bổng.")
    quang_ninh, _dong_thap = centres(home_page)
    WebhookSubscription.objects.create(url="http://127.0.0.1:9/unused", secret=SECRET, events=["page.published"])

    # The consumer downloads the documents from the site and generates its clients.
    for api in ("v2", "sen"):
        document = requests.get(live_server.url + DOCUMENTS[api], timeout=30).json()
        generate_python_client(document, tmp_path, f"sen_client_{api}")
    import_client(tmp_path, "sen_client_v2")
    import_client(tmp_path, "sen_client_sen")
    from sen_client_sen import Client as SenClient
    from sen_client_sen.api.centres import centers_api_totals_by_commune as communes_endpoint
    from sen_client_sen.api.centres import centers_api_totals_by_province as provinces_endpoint
    from sen_client_sen.models import CommuneTotals, ProvinceTotals
    from sen_client_v2 import Client
    from sen_client_v2.api.pages import get_page, list_pages
    from sen_client_v2.models import ArticlesNewsPage, ListPagesLocale, ListPagesType

    v2 = Client(base_url=live_server.url, raise_on_unexpected_status=True)
    sen = SenClient(base_url=live_server.url, raise_on_unexpected_status=True)

    # "Latest news": typed items of the news page type, with the fields asked for.
    listing = list_pages.sync(
        client=v2, type_=ListPagesType("articles.NewsPage"), locale=ListPagesLocale("vi"), fields="summary,date",
        order="-date", limit=10,
    )  # fmt: skip
    assert listing.meta.total_count == 2
    assert all(isinstance(item, ArticlesNewsPage) for item in listing.items), listing.items
    assert {item.title for item in listing.items} == {
        "Trung tâm học tập cộng đồng Phường 4 tổng kết năm học",
        "Hội Khuyến học trao học bổng",
    }
    assert {item.summary for item in listing.items} == {"Tổng kết năm học.", "Trao 50 suất học bổng."}
    assert all(item.meta.type_ == "articles.NewsPage" and item.date is not None for item in listing.items)

    # "Centre statistics": the province by its official code, then its communes.
    rows = provinces_endpoint.sync(client=sen, school_year="2016-2017")
    assert all(isinstance(row, ProvinceTotals) for row in rows)
    [row] = [row for row in rows if row.province_code == quang_ninh.code]
    assert row.province_name == "Quảng Ninh" and row.centers == 2 and row.classes_law == 7
    communes = communes_endpoint.sync(client=sen, province=quang_ninh.code, school_year="2016-2017")
    assert all(isinstance(commune, CommuneTotals) for commune in communes)
    assert {commune.commune_name for commune in communes} == {"Uông Bí", "Yên Tử"}

    # A webhook subscription hears a publish, signed; the consumer fetches the page it names.
    with Receiver() as receiver:
        WebhookSubscription.objects.update(url=receiver.url)
        published = make_news(index, "Khai giảng lớp tiếng Anh cho thiếu nhi", summary="Lớp học hè.")
        assert receiver.arrived.wait(10), "no webhook arrived"
    [hook] = receiver.received
    assert signature_is_valid(SECRET, hook["headers"], hook["body"])
    assert not signature_is_valid("not-the-secret-0000000000", hook["headers"], hook["body"])
    event = json.loads(hook["body"])
    assert event["event"] == "page.published" and event["id"] == published.pk
    page = get_page.sync(client=v2, id=event["id"])
    assert isinstance(page, ArticlesNewsPage)
    assert page.title == "Khai giảng lớp tiếng Anh cho thiếu nhi" and page.summary == "Lớp học hè."


# Consumers without casts ---------------------------------------------------------------------
# tests/cms/api/consumers/: a site's renderers of an article body, a centre with its reports, a legal document
# and a search page, written only against the generated types (Python and TypeScript).

CONSUMERS = ROOT / "tests" / "cms" / "api" / "consumers"
MYPY = os.path.join(os.path.dirname(sys.executable), "mypy")

# Finds casts (`x as T`, `<T>x`) and `any` in a TypeScript file with the compiler's own parser.
TS_CASTS = r"""
const ts = require("typescript");
const fs = require("fs");
const file = process.argv[1];
const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
const found = [];
const visit = (node) => {
  if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || node.kind === ts.SyntaxKind.AnyKeyword
      || node.kind === ts.SyntaxKind.UnknownKeyword || ts.isNonNullExpression(node)) found.push(node.getText());
  ts.forEachChild(node, visit);
};
visit(source);
process.stdout.write(JSON.stringify(found));
"""


def _python_casts(path):
    """Names a consumer must not use: ``cast``, ``Any``, ``type: ignore``."""
    source = path.read_text()
    names = {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}
    names |= {node.attr for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Attribute)}
    return sorted(names & {"cast", "Any"}) + (["type: ignore"] if "type: ignore" in source else [])


def _consumer_content(home_page):
    """An article with every block type, a centre with two yearly reports, a legal document with a file."""
    from centers.models import AdministrativeUnit
    from tests.centers.factories import center_index
    from tests.cms.api.test_schema_types import every_block_type_in_a_news_body
    from tests.cms.api.test_v2 import make_center
    from tests.documents import factories as documents

    article = every_block_type_in_a_news_body(home_page)
    uong_bi = AdministrativeUnit.objects.get(level="commune", name="Uông Bí")
    reports = [{"school_year": "2016-2017", "classes_law": 5, "attendances": 300},
               {"school_year": "2017-2018", "classes_law": 6, "attendances": 320}]  # fmt: skip
    centre = make_center(center_index(home_page, "Trung tâm", slug="trung-tam"), "Trung tâm Uông Bí", uong_bi,
                         reports=reports)  # fmt: skip
    pdf = documents.attachment_file()
    document = documents.document(documents.index(home_page), files=[pdf], kind=documents.kind())
    return article, centre, document


@pytest.mark.django_db
def test_a_python_consumer_renders_pages_and_search_without_casts(
    client, home_page, tmp_path, forget_generated_modules
):
    if not os.path.exists(MYPY):
        pytest.skip("mypy is not installed: `pip install -r requirements-dev.txt`")
    for api in ("v2", "sen"):
        generate_python_client(client.get(DOCUMENTS[api]).json(), tmp_path, f"sen_client_{api}")
    consumer = tmp_path / "sen_consumer.py"
    shutil.copy(CONSUMERS / "render.py", consumer)
    assert _python_casts(consumer) == []
    # --disallow-any-expr: no expression of the consumer has the type Any, whatever it reads.
    result = subprocess.run(  # noqa: S603
        [MYPY, "--strict", "--disallow-any-expr", "--follow-imports=silent", "--no-incremental",
         "--cache-dir", str(tmp_path / ".mypy"), str(consumer)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]

    # The same renderers on the site's real answers, parsed by the generated models.
    article, centre, document = _consumer_content(home_page)
    import_client(tmp_path, "sen_client_v2")
    import_client(tmp_path, "sen_client_sen")
    sys.path.insert(0, str(tmp_path))
    try:
        import sen_consumer
        from sen_client_sen.models import SearchResults
        from sen_client_v2.models import ArticlesNewsPage, CentersCenterPage, DocumentsLegalDocumentPage
    finally:
        sys.path.remove(str(tmp_path))
    sys.modules.pop("sen_consumer", None)

    def page(model, pk):
        return model.from_dict(client.get(f"/api/v2/pages/{pk}/?fields=*").json())

    html = sen_consumer.article(page(ArticlesNewsPage, article.pk))
    assert "<p>Mở đầu.</p>" in html and "<figcaption>Một lớp học</figcaption>" in html
    assert "<video controls" in html and "<td>Tin học</td>" in html and "<blockquote>" in html
    assert "Kế hoạch (mp4)" in html
    assert html.count("<figure>") == 3  # the image block and the gallery's two photos
    html = sen_consumer.centre(page(CentersCenterPage, centre.pk))
    assert "<th>2016-2017</th><td>5</td><td>300</td>" in html and "Tỉnh Quảng Ninh" in html
    html = sen_consumer.document(page(DocumentsLegalDocumentPage, document.pk))
    assert "281/QĐ-TTg" in html and "Toàn văn" in html and "20/02/2014" in html
    html = sen_consumer.search_page(SearchResults.from_dict(client.get("/api/sen/search?q=uong+bi").json()))
    assert "Trung tâm <mark>Uông</mark> <mark>Bí</mark>" in html or "<mark>" in html


@pytest.mark.django_db
def test_a_typescript_consumer_on_openapi_fetch_type_checks_without_casts(client, home_page, tmp_path):
    _node_tools()
    if not (ROOT / "node_modules" / "openapi-fetch").exists():
        pytest.skip("openapi-fetch missing from node_modules: run `npm ci` (pinned in package.json)")
    for api in ("v2", "sen"):
        source = tmp_path / f"{api}.json"
        source.write_text(json.dumps(client.get(DOCUMENTS[api]).json(), ensure_ascii=False))
        _run([str(NODE_BIN / "openapi-typescript"), str(source), "--output", str(tmp_path / f"{api}.ts")])
        # The schemas of the generated types say what every value is: nothing `unknown`.
        generated = (tmp_path / f"{api}.ts").read_text()
        schemas = generated[generated.index("export interface components {") :]
        schemas = schemas[: schemas.index("\n    responses:")]
        assert re.findall(r":\s*unknown\b|unknown\[\]|Record<string, unknown>", schemas) == [], api
    consumer = tmp_path / "render.ts"
    shutil.copy(CONSUMERS / "render.ts", consumer)
    assert json.loads(_run(["node", "-e", TS_CASTS, str(consumer)])) == []
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    files = [str(tmp_path / "v2.ts"), str(tmp_path / "sen.ts"), str(consumer)]
    _run([str(NODE_BIN / "tsc"), "--noEmit", "--strict", "--target", "es2022", "--module", "esnext",
          "--moduleResolution", "bundler", *files])  # fmt: skip
