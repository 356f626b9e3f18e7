"""Hostile input on every public URL: no 5xx anywhere, and every 4xx says what is wrong.

The URLs come from three places: the URL resolver (``test_every_public_url_pattern_is_probed``
fails when a public pattern has no probe below), every operation of the three OpenAPI documents
(/api/v2/, /api/v3/, /api/sen/) with every parameter they declare, and the demo site's page tree
(every live page, in both languages, with the filters of every list page). Each probe sends junk
in the path segments and in every query parameter the endpoint reads, plus one it does not read:
NUL, invalid UTF-8, an unpaired surrogate, superscript, circled and full-width digits, negative
and 24-digit numbers, empty, 300-character and 10 kB values, quotes and the operators of search
syntaxes, unknown locales and a junk ``Accept-Language``.

The demo site is loaded once for the module (inside a transaction rolled back at the end);
each request runs in a savepoint, so on PostgreSQL a database error in one request does
not poison the next one but is still reported.
"""

import dataclasses
import json
from urllib.parse import quote

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern

HUGE = "9" * 24
LONG = "a" * 10_240

# Values for any parameter or path segment, already percent-encoded.
JUNK = [
    "%00",  # NUL
    "a%00b",
    "%FF",  # invalid UTF-8
    "%C0%AF",  # overlong "/"
    "%C2%B2",  # "²": str.isdigit() is true, int() fails
    "%E2%91%A0",  # "①": the same
    "%EF%BC%93",  # full-width "３"
    "%ED%A0%80",  # an unpaired surrogate, encoded
    "-1",
    "-" + HUGE,
    HUGE,
    "a" * 300,  # longer than any column
    LONG,
    "",
    "xx",  # an unknown locale, type, slug…
]
# Search syntaxes: FTS5, tsquery, regular expressions, Wagtail's query string parser.
SEARCH_JUNK = JUNK + [
    quote(text, safe="")
    for text in [
        '"',
        "'",
        "\\",
        "(",
        ")",
        "*",
        "[",
        "|",
        ":",
        "&",
        "!",
        '"cong dong',
        'a" b "c',
        "a OR (b",
        "NEAR(a b",
        "title:",
        "a & !b | (c",
        "^$.*+?{}[]",
        "-",
        "a:b:c",
    ]
]
# Values for the path segment appended to a page's URL (a shorter list: every page gets it).
SEGMENTS = ["%00", "%FF", "%C0%AF", "%C2%B2", "%EF%BC%93", "-1", HUGE, "xx"]
ACCEPT_LANGUAGE = [
    "xx",
    "xx-YY;q=1, *;q=0",
    "vi;q=abc, en;q=-1",
    "en;q=" + HUGE,
    ";;;,,,=",
    "a" * 10_000,
    "\u00b2\u00b3, vi",
]
UNKNOWN = "zz_not_read"
QUICK = ("%00", "%FF", "%C2%B2", LONG)
FIELD_JUNK = ("%C2%B2", "%E2%91%A0", "%EF%BC%93", "-1", HUGE, "a" * 300, "", "xx")
# What the site's page types read from the query string (page models have no declaration of it).
PAGE_PARAMS = {
    "NewsIndexPage": ("page", "category"),
    "VideoIndexPage": ("page",),
    "CenterIndexPage": ("page", "province", "commune", "q"),
    "DocumentIndexPage": ("page", "kind", "issuer", "field", "year", "status", "sort"),
}


@dataclasses.dataclass
class Endpoint:
    """A URL and the query parameters it reads (``UNKNOWN`` is added to every one)."""

    path: str
    params: tuple = ()
    fixed: str = ""  # query string sent with every probe, e.g. "type=articles.NewsPage"
    search: tuple = ()  # parameters that take search text
    unknown_values: tuple = tuple(JUNK)  # sent in UNKNOWN
    values: tuple = tuple(JUNK)  # sent in the other parameters

    def urls(self):
        prefix = self.path + "?" + (self.fixed + "&" if self.fixed else "")
        for name in self.params:
            for value in SEARCH_JUNK if name in self.search else self.values:
                yield prefix + f"{name}={value}"
        for value in self.unknown_values:
            yield prefix + f"{UNKNOWN}={value}"
        for value in ("%00", "%FF", "%C2%B2"):  # in the name of a parameter
            yield prefix + f"{value}=1"


# Building the probes ------------------------------------------------------------------------


def _openapi_endpoints(client, document, ids):
    """The operations of an OpenAPI document: GETs as endpoints with their query parameters,
    the paths with each path parameter in turn a junk value, and the writes (method, path)."""
    doc = client.get(document).json()
    endpoints, paths, writes = [], [], []
    for template, operations in doc["paths"].items():
        real = template
        for name, value in ids.items():
            real = real.replace("{" + name + "}", str(value))
        assert "{" not in real, f"no sample value for a path parameter of {template}"
        for method, operation in operations.items():
            if method != "get":
                writes.append((method, real))
                continue
            parameters = operation.get("parameters", [])
            query = tuple(p["name"] for p in parameters if p["in"] == "query")
            search = tuple(name for name in query if name in ("search", "q", "object_str"))
            endpoints.append(Endpoint(real, query, search=search))
            for name in (p["name"] for p in parameters if p["in"] == "path"):
                others = template
                for other, value in ids.items():
                    if other != name:
                        others = others.replace("{" + other + "}", str(value))
                paths += [others.replace("{" + name + "}", value) for value in SEGMENTS]
    return endpoints, paths, writes


@dataclasses.dataclass
class Probes:
    endpoints: list  # GET, junk in the query string
    paths: list  # GET, junk in the path
    forms: list  # POST, junk in the form fields
    writes: list  # (method, path) of the APIs' write operations, junk in the JSON body


def build_probes(client):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, PageViewRestriction, get_page_models

    from cms.api.filters import model_filter_names

    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))
    page_id = pages[0].pk
    image_id = Image.objects.order_by("pk").values_list("pk", flat=True).first() or 1
    document = Document.objects.order_by("pk").first()
    restriction_id = PageViewRestriction.objects.values_list("pk", flat=True).first() or 1

    listing = ("limit", "offset", "order", "fields", "search", "search_operator", "id", "title")
    page_listing = (
        *listing,
        "type",
        "child_of",
        "ancestor_of",
        "descendant_of",
        "translation_of",
        "locale",
        "fallback",
        "slug",
        "show_in_menus",
        "html_path",
    )
    endpoints = [
        Endpoint("/api/v2/pages/", page_listing, search=("search",)),
        Endpoint("/api/v2/pages/", ("search", "order"), fixed="locale=en&fallback=vi", search=("search",)),
        Endpoint(f"/api/v2/pages/{page_id}/", ("fields", "locale", "fallback")),
        Endpoint("/api/v2/pages/find/", ("id", "html_path", "locale")),
        Endpoint("/api/v2/images/", listing, search=("search",)),
        Endpoint(f"/api/v2/images/{image_id}/", ("fields",)),
        Endpoint("/api/v2/images/find/", ("id",)),
        Endpoint("/api/v2/documents/", listing, search=("search",)),
        Endpoint(f"/api/v2/documents/{document.pk if document else 1}/", ("fields",)),
        Endpoint("/api/v2/documents/find/", ("id",)),
        Endpoint("/api/preview/", ("token",)),
        Endpoint("/api/", ()),
        Endpoint("/api/v3/", ()),
        Endpoint("/api/sen/", ()),
        Endpoint("/sitemap.xml", ("p",)),
        Endpoint("/sitemap-pages.xml", ("p",)),
        Endpoint("/counter/pixel.gif", ()),
        Endpoint("/search/", ("q", "type", "date_from", "date_to", "page"), search=("q",)),
        Endpoint("/en/search/", ("q", "page"), search=("q",)),
        Endpoint("/_util/login/", ("next",)),
        Endpoint(f"/_util/authenticate_with_password/{restriction_id}/{page_id}/", ("return_url",)),
        Endpoint(f"/documents/authenticate_with_password/{restriction_id}/", ("return_url",)),
        Endpoint("/admin/login/", ("next",)),
        Endpoint("/django-admin/login/", ("next",)),
    ]
    # Wagtail's field filters (?title=…, ?type=centers.CenterPage&province=…): every field of every model.
    from cms.api.views import SenDocumentsAPIViewSet, SenImagesAPIViewSet, SenPagesAPIViewSet

    pages_view = SenPagesAPIViewSet()
    base_fields = set(pages_view.get_available_fields(Page, db_fields_only=True))
    endpoints.append(Endpoint("/api/v2/pages/", tuple(sorted(base_fields)), values=FIELD_JUNK, unknown_values=()))
    for model in get_page_models():
        extra = [f for f in pages_view.get_available_fields(model, db_fields_only=True) if f not in base_fields]
        if extra:
            typed = Endpoint("/api/v2/pages/", tuple(extra), fixed=f"type={model._meta.label}", values=FIELD_JUNK)
            endpoints.append(dataclasses.replace(typed, unknown_values=()))
    for view, model, path in [(SenImagesAPIViewSet, Image, "images"), (SenDocumentsAPIViewSet, Document, "documents")]:
        fields = tuple(view().get_available_fields(model, db_fields_only=True))
        endpoints.append(Endpoint(f"/api/v2/{path}/", fields, values=FIELD_JUNK, unknown_values=()))
    # The filters page models declare (?type=…&category=…), with the type they need.
    for name in sorted(model_filter_names()):
        for model in get_page_models():
            if name in getattr(model, "api_filters", {}):
                endpoints.append(Endpoint("/api/v2/pages/", (name,), fixed=f"type={model._meta.label}"))
                break
    if document is not None:
        endpoints.append(Endpoint(document.url, ()))
    # Feeds, in both languages.
    feed_paths = [p for p in public_routes() if p.startswith("feeds/")]
    for route in feed_paths:
        for prefix in ("/", "/en/"):
            endpoints.append(Endpoint(prefix + route, ("locale", "category")))

    ids = {"page_id": page_id, "image_id": image_id, "document_id": document.pk if document else 1}
    ids.update({"site_id": 1, "redirect_id": 1, "revision_id": 1, "pk": 1, "type": "home.announcement"})
    ids["type_name"] = "articles.NewsPage"
    extra_paths, writes = [], [("post", "/api/v2/pages/"), ("post", "/api/sen/search")]
    ids["id"] = page_id  # /api/v2/{kind}/{id}/: a page's id (an image or document of that id may not exist)
    for document_url in ("/api/v2/openapi.json", "/api/v3/openapi.json", "/api/sen/openapi.json"):
        found, paths, found_writes = _openapi_endpoints(client, document_url, ids)
        endpoints += found
        extra_paths += paths
        writes += found_writes
        endpoints.append(Endpoint(document_url, ()))
    for document_url in ("/api/v2/docs/", "/api/v3/docs/", "/api/sen/docs"):
        endpoints.append(Endpoint(document_url, ()))

    # HTML pages (the slowest to answer): the parameters each page type reads, in one
    # locale; every page type in every locale with one it does not read; every page of the
    # tree with a junk path segment, and one page of each type with every junk segment.
    seen = set()
    segment_paths = []
    for page in pages:
        url = page.get_url()
        segment_paths.append(f"{url}%C2%B2/")
        kind = type(page).__name__
        if (kind, page.locale_id) in seen:
            continue
        first_of_kind = not any(k == kind for k, _locale in seen)
        seen.add((kind, page.locale_id))
        params = PAGE_PARAMS.get(kind, ()) if first_of_kind else ()
        endpoints.append(Endpoint(url, params, search=("q",), unknown_values=QUICK))
        if first_of_kind:
            segment_paths += [f"{url}{value}/" for value in SEGMENTS]

    # Path segments in place of every id and name.
    for value in SEGMENTS:
        segment_paths += [
            f"/{value}/",
            f"/{value}",
            f"/api/v2/pages/{value}/",
            f"/api/v2/images/{value}/",
            f"/api/v2/documents/{value}/",
            f"/api/{value}/",
            f"/api/sen/{value}",
            f"/feeds/{value}/",
            f"/feeds/news/{value}/",
            f"/documents/{value}/x.pdf",
            f"/documents/{document.pk if document else 1}/{value}",
            f"/documents/authenticate_with_password/{value}/",
            f"/_util/authenticate_with_password/{value}/{page_id}/",
            f"/search/{value}/",
            f"/sitemap.xml/{value}",
            f"/counter/{value}",
        ]
    segment_paths += extra_paths
    # Unknown locales.
    segment_paths += ["/xx/", "/xx/tin-tuc/", "/en/xx/", "/vi/", "/en/xx/news/", "/xx/feeds/news/rss/", "/xx/search/"]

    forms = ["/admin/login/", "/django-admin/login/", "/_util/login/", "/counter/hit/"]
    forms += [f"/_util/authenticate_with_password/{restriction_id}/{page_id}/"]
    forms += [f"/documents/authenticate_with_password/{restriction_id}/"]
    return Probes(endpoints, segment_paths, forms, writes)


# The checks ------------------------------------------------------------------------------------


def problem(response, url):
    """What is wrong with the answer to a hostile request, or None."""
    short = url if len(url) < 140 else url[:120] + "…"
    if response.status_code >= 500:
        return f"{response.status_code} {short}"
    if response.status_code < 400:
        return None
    path = url.split("?")[0]
    body = response.content.decode("utf-8", "replace")
    if path.startswith("/api/"):
        try:
            data = json.loads(body)
        except ValueError:
            return f"{response.status_code} without a JSON body: {short}"
        message = (data.get("message") or data.get("detail")) if isinstance(data, dict) else None
        if not message:
            return f"{response.status_code} without a message: {short}"
    elif len(body.strip()) < 20:
        return f"{response.status_code} without an explanation: {short}"
    return None


def send(client, method, url, **extra):
    """One request in a savepoint: a database error shows as a problem, not as the next test's failure."""
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, **extra)
    except DatabaseError as exc:
        return f"database error left behind ({exc.__class__.__name__}): {url[:120]}"
    return problem(response, url)


def public_routes():
    """Every route a visitor can reach, as the resolver writes them (``ResolverMatch.route``)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            piece = str(pattern.pattern)
            if isinstance(pattern.pattern, RegexPattern) and prefix and piece.startswith("^"):
                piece = piece[1:]
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + piece)
            else:
                yield prefix + piece

    routes = set()
    for route in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "django-admin/", "static/")) and not route.endswith("login/"):
            continue
        routes.add(route)
    return routes


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module, and the probes over it."""
    from home.demo import load_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_demo()
            client = Client()
            yield build_probes(client)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def client_500():
    """A client that returns a 500 response instead of raising the view's exception."""
    return Client(raise_request_exception=False)


def run(client, probes):
    failures = []
    for method, url, extra in probes:
        found = send(client, method, url, **extra)
        if found:
            failures.append(found)
    return failures


def endpoint_group(endpoint):
    path = endpoint.path
    if path.startswith("/api/v3/"):
        return "api-v3"
    if path.startswith("/api/"):
        return "api"
    if path.startswith(("/feeds/", "/en/feeds/")):
        return "feeds"
    if path.startswith(
        ("/search/", "/en/search/", "/sitemap", "/counter", "/documents", "/_util", "/admin", "/django")
    ):
        return "site"
    return "pages"


@pytest.mark.django_db
def test_every_public_url_pattern_is_probed(hostile):
    probed = set()
    paths = [e.path for e in hostile.endpoints] + hostile.paths + hostile.forms + [p for _m, p in hostile.writes]
    for path in paths:
        try:
            match = resolve(path)
        except Exception:  # noqa: S112 - junk paths do not resolve, the real ones do
            continue
        route = match.route
        probed.add(route[3:] if route.startswith("en/") else route)
    missing = public_routes() - probed
    assert not missing, f"public URL patterns no probe reaches: {sorted(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["api", "api-v3", "feeds", "site", "pages"])
def test_junk_in_query_parameters_is_never_a_server_error(hostile, client_500, group):
    probes = [("get", url, {}) for e in hostile.endpoints if endpoint_group(e) == group for url in e.urls()]
    assert probes
    failures = run(client_500, probes)
    assert not failures, f"{len(failures)} of {len(probes)} requests failed:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_junk_in_path_segments_and_locales_is_never_a_server_error(hostile, client_500):
    failures = run(client_500, [("get", path, {}) for path in hostile.paths])
    assert not failures, f"{len(failures)} of {len(hostile.paths)} requests failed:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_junk_accept_language_is_never_a_server_error(hostile, client_500):
    urls = ["/", "/tin-tuc/", "/en/", "/search/?q=cong", "/api/v2/pages/", "/api/sen/announcements", "/xx/"]
    probes = [("get", url, {"HTTP_ACCEPT_LANGUAGE": header}) for url in urls for header in ACCEPT_LANGUAGE]
    failures = run(client_500, probes)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_junk_in_forms_is_never_a_server_error(hostile, client_500):
    bodies = [f"username={v}&password={v}&next={v}&return_url={v}" for v in JUNK] + [f"{v}=1" for v in JUNK[:4]]
    probes = [
        ("post", url, {"data": body, "content_type": "application/x-www-form-urlencoded"})
        for url in hostile.forms
        for body in bodies
    ]
    # Anonymous writes through the APIs: refused with a message, whatever the body.
    for method, url in hostile.writes:
        for body in ['{"title": "\\u0000"}', "{", "\x00", "[" * 1000]:
            probes.append((method, url, {"data": body, "content_type": "application/json"}))
    failures = run(client_500, probes)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.urls("tests.browser.urls")  # with the /media/ route that SEN_SERVE_MEDIA adds
def test_junk_in_media_paths_is_never_a_server_error(client_500):
    names = [*SEGMENTS, "%ED%A0%80", "a" * 256, "a/" * 600, "%C3%A9" * 200, "..%2F..%2Fetc%2Fpasswd"]
    folders = ("", "images/", "original_images/", "documents/")
    failures = run(client_500, [("get", f"/media/{folder}{name}", {}) for folder in folders for name in names])
    assert not failures, "\n".join(failures)
