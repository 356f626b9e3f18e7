"""The warm-site crawl: every URL a visitor or an API client can reach answers the same twice.

On the demo site (Vietnamese and English), the crawl follows, from the home page, every
link, image, video, feed and form (GET forms are submitted as they are, with a search
term, and with each option of their selects), plus the sitemap, the API listings (v2
pages, images, documents with every page of results and each item's detail, HTML,
translation and download URLs; v3 pages, images, documents, sites, redirects, schema;
Sen's /api/sen/ GET endpoints from its OpenAPI document) and the feeds' items and
enclosures. That first pass builds renditions and fills the caches. Then every URL is
requested twice: no answer may be a server error, and both must equal the first (cold)
answer: status, Content-Type, Location, ETag, Last-Modified, Content-Language and body.

Nothing is masked: for an anonymous visitor the pages, the API and the feeds carry no
CSRF token or other per-request value (Date and the other headers are not compared).
Left out of the crawl: /admin/ and /django-admin/ (login redirects), /_util/ (the
password form's POST target), /counter/hit/ (a POST beacon), other hosts, mailto: and
tel:. Files under /media/ and /static/ are not served by Django here (the proxy serves
them): the crawl checks that each one linked exists in storage / the static finders.
"""

import json
import re
import time
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from wagtail.models import Site

from cms.http import middleware as http

MAX_URLS = 800  # the demo has a few hundred; more means a link generator gone wrong
SEARCH_TERM = "cong dong"  # typed without accents, as visitors do
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/_util/", "/counter/hit/")
API_LISTINGS = ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/")
V3_LISTINGS = ("/api/v3/pages/", "/api/v3/images/", "/api/v3/documents/", "/api/v3/sites/", "/api/v3/redirects/")
ABSOLUTE_URL_RE = re.compile(r"""https?://[^\s"'<>\\]+""")


class LinkParser(HTMLParser):
    """Collects the URLs of an HTML page: links, images, media, srcsets and GET forms."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.forms = []  # [action, [(name, [values])]]
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "poster", "data-counter-url"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if attrs.get("srcset"):
            self.urls.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.forms.append([attrs.get("action") or "", []])
        elif self.forms and tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            self.forms[-1][1].append((attrs["name"], attrs.get("type") or "text", [attrs.get("value") or ""]))
        elif self.forms and tag == "select" and attrs.get("name"):
            self._select = (attrs["name"], "select", [])
            self.forms[-1][1].append(self._select)
        elif self._select is not None and tag == "option":
            self._select[2].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_variants(action, fields):
    """The query strings a GET form sends: as it is, with a search term, with each select option."""
    defaults = {name: values[0] if values else "" for name, _kind, values in fields}
    variants = [defaults]
    for name, kind, values in fields:
        if kind == "search":
            variants.append({**defaults, name: SEARCH_TERM})
        elif kind == "select":
            variants.extend({**defaults, name: value} for value in values[1:])
    return [f"{action}?{urlencode(variant)}" for variant in variants]


class Crawl:
    """Breadth-first over the site, with the URLs found per kind."""

    def __init__(self, client):
        self.client = client
        self.local_hosts = {"testserver", urlsplit(settings.WAGTAILAPI_BASE_URL).netloc}
        self.local_hosts |= {urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc}
        for site in Site.objects.all():
            self.local_hosts |= {site.hostname, f"{site.hostname}:{site.port}"}
        self.queue = []
        self.seen = set()
        self.files = set()  # /media/ and /static/ paths
        self.answers = {}  # url -> the first (cold) answer
        self.content_types = {}

    def local(self, url, base="/"):
        """The path and query of ``url`` if it is on this site (else None)."""
        url = unescape(url.strip())
        if not url or url.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        parts = urlsplit(urljoin(base, url))
        if parts.scheme not in ("http", "https", "") or (parts.netloc and parts.netloc not in self.local_hosts):
            return None
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path

    def add(self, url, base="/"):
        url = self.local(url, base)
        if url is None or url.startswith(SKIPPED_PREFIXES):
            return
        if url.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
            self.files.add(urlsplit(url).path)
            return
        if url not in self.seen:
            self.seen.add(url)
            self.queue.append(url)

    def run(self, *starts):
        for url in starts:
            self.add(url)
        while self.queue:
            url = self.queue.pop(0)
            response = self.client.get(url)
            assert response.status_code < 500, f"{url} answered {response.status_code} on the first request"
            self.content_types[url] = response.get("Content-Type", "")
            self.answers[url] = answer(response)
            self.follow(url, response, self.answers[url][-1])
            assert len(self.seen) <= MAX_URLS, "the crawl is not bounded"

    def follow(self, url, response, body):
        if response.status_code in (301, 302, 303, 307, 308):
            self.add(response["Location"], url)
            return
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(("text/", "application/")):
            return
        text = body.decode("utf-8", "replace")
        if "html" in content_type:
            parser = LinkParser()
            parser.feed(text)
            for found in parser.urls:
                self.add(found, url)
            for action, fields in parser.forms:
                for variant in form_variants(action or url.split("?")[0], fields):
                    self.add(variant, url)
        elif "json" in content_type and not url.startswith("/documents/"):
            data = json.loads(text)
            self.follow_json(data, url)
            self.paginate(url, data)
        elif "xml" in content_type and not url.startswith(
            "/documents/"
        ):  # feeds (their items, images and enclosures) and the sitemap
            for found in ABSOLUTE_URL_RE.findall(unescape(text)):
                self.add(found, url)

    def follow_json(self, value, base):
        if isinstance(value, dict):
            for item in value.values():
                self.follow_json(item, base)
        elif isinstance(value, list):
            for item in value:
                self.follow_json(item, base)
        elif isinstance(value, str) and (value.startswith(("http://", "https://")) or value.startswith("/")):
            self.add(value, base)

    def paginate(self, url, data):
        """Every page of results of an API listing (v2: meta.total_count; v3: count)."""
        path, _sep, query = url.partition("?")
        params = dict(parse_qsl(query))
        if "offset" in params or path not in API_LISTINGS + V3_LISTINGS or not isinstance(data, dict):
            return
        total = data.get("meta", {}).get("total_count", data.get("count"))
        items = data.get("items", [])
        if not isinstance(total, int) or not items:
            return
        for offset in range(len(items), total, len(items)):
            self.add(f"{path}?{urlencode({**params, 'offset': offset})}")
        if path.startswith("/api/v3/"):
            for item in items:
                if isinstance(item, dict) and "id" in item:
                    self.add(f"{path}{item['id']}/")

    def kind(self, url):
        path, _sep, query = url.partition("?")
        if path.startswith("/api/"):
            return "/".join(path.split("/")[:3]) + ("/ (query)" if query else "/")
        if "/feeds/" in path:
            return "feed"
        if path == "/sitemap.xml":
            return "sitemap"
        if path.startswith("/documents/"):
            return "document"
        if path.startswith("/counter/"):
            return "counter"
        if "html" in self.content_types.get(url, ""):
            return "page (query variant)" if query else "page"
        return "other"


COMPARED_HEADERS = ("Content-Type", "Location", "ETag", "Last-Modified", "Content-Language")


def answer(response):
    """What is compared between two answers: status, the headers above and the body."""
    # Reading a streamed body to its end closes it (and its file) as a server would.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return (response.status_code, *(response.get(name) for name in COMPARED_HEADERS), body)


def sen_api_starts(client):
    """Sen's own GET endpoints without path parameters, from its OpenAPI document (with both locales)."""
    urls = ["/api/sen/openapi.json"]
    for path, operations in client.get("/api/sen/openapi.json").json()["paths"].items():
        if "get" not in operations or "{" in path:
            continue
        names = {parameter["name"] for parameter in operations["get"].get("parameters", [])}
        urls.append(path)
        if "locale" in names:
            urls += [f"{path}?locale=vi", f"{path}?locale=en"]
        if "q" in names:
            urls.append(f"{path}?{urlencode({'q': SEARCH_TERM})}")
    return urls


@pytest.fixture
def warm_crawl(client, demo_site, monkeypatch):
    # Last-Modified is renewed after CONTENT_CHANGED_TTL seconds without a change, by design:
    # longer than the crawl, so that a slow machine compares like with like.
    monkeypatch.setattr(http, "CONTENT_CHANGED_TTL", 3600)
    cache.clear()  # renditions cached by earlier tests point at rows rolled back since
    crawl = Crawl(client)
    types = sorted({f"{ct.app_label}.{ct.model_class().__name__}" for ct in _page_types()})
    starts = ["/", "/sitemap.xml", "/api/v3/schema/", "/api/v3/openapi.json"]
    starts += [f"{listing}?fields=*" if "pages" in listing else listing for listing in API_LISTINGS]
    starts += [f"/api/v2/pages/?type={page_type}&fields=*" for page_type in types]
    starts += list(V3_LISTINGS)
    starts += sen_api_starts(client)
    crawl.run(*starts)
    return crawl


def _page_types():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.filter(pk__in=Page.objects.filter(depth__gt=1).values("content_type"))


def test_every_url_answers_the_same_twice_on_a_warm_site(client, warm_crawl):
    crawl = warm_crawl
    kinds = Counter(crawl.kind(url) for url in crawl.seen)
    print(f"\nwarm crawl: {len(crawl.seen)} URLs, {len(crawl.files)} files", dict(sorted(kinds.items())))

    # What the crawl must have reached: both languages, every page type, each kind of URL.
    assert {"/", "/en/"} <= crawl.seen
    html_urls = [url for url in crawl.seen if crawl.kind(url).startswith("page")]
    for page_type in _page_types():
        pages = page_type.model_class().objects.live().public()
        for page in pages:
            assert page.get_url() in crawl.seen, f"{page.get_url()} ({page_type}) was not reached"
    assert kinds["page (query variant)"] >= 5 and any("category=" in url for url in html_urls)
    assert any("page=2" in url for url in html_urls) or not _paginated_listing_exists()
    for kind in ("feed", "sitemap", "document", "/api/v2/", "/api/v3/", "/api/sen/"):
        assert kinds[kind] or kinds[f"{kind}/ (query)"] or kinds[f"{kind} (query)"], f"no {kind} URL reached"
    assert any(url.startswith("/en/feeds/") for url in crawl.seen)

    # Linked files exist (media in storage, static files where collectstatic finds them).
    for path in sorted(crawl.files):
        if path.startswith(settings.MEDIA_URL):
            assert default_storage.exists(path.removeprefix(settings.MEDIA_URL)), f"{path} is missing"
        else:
            assert finders.find(path.removeprefix(settings.STATIC_URL)), f"{path} is missing"

    # The warm passes: no server error, the same answer twice, and the same as on the cold site.
    started, cpu_started = time.monotonic(), time.process_time()
    differences, changed_since_cold = [], []
    for url in sorted(crawl.seen):
        first = answer(client.get(url))
        second = answer(client.get(url))
        assert first[0] < 500 and second[0] < 500, f"{url} answered {first[0]}, then {second[0]}"
        if first != second:
            differences.append(url)
        if first != crawl.answers[url]:
            changed_since_cold.append(url)
    print(
        f"warm passes: {2 * len(crawl.seen)} requests in {time.monotonic() - started:.1f} s"
        f" ({time.process_time() - cpu_started:.1f} s of CPU)"
    )
    assert differences == [], f"answered differently the second time: {differences}"
    assert changed_since_cold == [], (
        f"answered differently on the warm site: {changed_since_cold}; "
        + first_difference(crawl.answers[changed_since_cold[0]], answer(client.get(changed_since_cold[0])))
    )


def first_difference(cold, warm):
    """Where two answers part: the first compared header that differs, or the bodies around their first difference."""
    for name, before, after in zip(("status", *COMPARED_HEADERS), cold[:-1], warm[:-1], strict=True):
        if before != after:
            return f"{name}: {before!r} (cold) != {after!r} (warm)"
    cold_body, warm_body = cold[-1], warm[-1]
    pairs = zip(cold_body, warm_body, strict=False)
    at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(cold_body), len(warm_body)))
    around = slice(max(at - 200, 0), at + 200)
    return f"body at byte {at}: {cold_body[around]!r} (cold) != {warm_body[around]!r} (warm)"


def _paginated_listing_exists():
    """Whether the demo has more Vietnamese news than one page of the index shows."""
    from articles.models.news import NEWS_PER_PAGE, NewsPage

    return NewsPage.objects.live().filter(locale__language_code="vi").count() > NEWS_PER_PAGE
