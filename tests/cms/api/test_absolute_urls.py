"""Absolute URLs everywhere in API answers: a site showing Sen's content on its own domain gets working links.

Walks every string of every demo page's full answer on v2 and v3, of the listings and of /api/sen/search, plus an
article whose body links a page and a document, and fails on any link, media or URL field that is a bare path.
"""

import re

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from tests.articles.factories import make_news, make_news_index

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
HTML_PATH = re.compile(r"""\s(?:href|src|poster|srcset)=["'](/(?!/)[^"']*)""")
URL_KEY = re.compile(r"(^|_)(url|src|source|href)$")


def relative_urls(value, where="", found=None):
    """(where, path) of every bare path in ``value``: in HTML attributes, or as the value of a URL field."""
    found = [] if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and URL_KEY.search(key) and item.startswith("/") and not item.startswith("//"):
                found.append((f"{where}.{key}", item))
            relative_urls(item, f"{where}.{key}", found)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            relative_urls(item, f"{where}[{number}]", found)
    elif isinstance(value, str):
        found.extend((where, match) for match in HTML_PATH.findall(value))
    return found


def answers(client, urls):
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            yield url, response.json()


def test_no_bare_path_in_any_demo_answer(client, demo_site):
    pages = list(Page.objects.live().exclude(depth=1).values_list("pk", flat=True))
    urls = [f"/api/v2/pages/{pk}/?fields=*" for pk in pages] + [f"/api/v3/pages/{pk}/" for pk in pages]
    urls += [
        "/api/v2/pages/?fields=*&limit=50",
        "/api/v2/images/?fields=*&limit=50",
        "/api/v2/documents/?fields=*&limit=50",
        "/api/v3/pages/?limit=50",
        "/api/sen/search?q=trung+tam",
        "/api/sen/announcements",
        "/api/sen/links",
    ]
    seen, bare = 0, []
    for url, data in answers(client, urls):
        seen += 1
        bare.extend((url, *found) for found in relative_urls(data))
    assert seen > len(pages), "the demo answers were not read"
    assert bare == []


def test_rich_text_links_and_documents_in_a_body_are_absolute(client, home_page):
    index = make_news_index(home_page)
    document = get_document_model().objects.create(title="Kế hoạch", file="documents/ke-hoach.pdf")
    other = make_news(index, "Tổng kết năm học")
    body = (
        f'<p>Xem <a linktype="page" id="{other.pk}">bài trước</a> và '
        f'<a linktype="document" id="{document.pk}">kế hoạch</a>.</p>'
    )
    article = make_news(index, "Khai giảng", body=[("paragraph", body)])
    for url in (f"/api/v2/pages/{article.pk}/", f"/api/v3/pages/{article.pk}/"):
        data = client.get(url).json()
        html = str(data["body"])
        assert f'href="{HOST}{other.url}"' in html, url
        assert f'href="{HOST}/documents/{document.pk}/' in html, url
        assert relative_urls(data) == [], url
    # Behind another host (or WAGTAILAPI_BASE_URL) the links follow it.
    data = client.get(f"/api/v2/pages/{article.pk}/", headers={"Host": "cong.example.vn"}).json()
    assert 'href="http://cong.example.vn/' in str(data["body"]) and "testserver" not in str(data["body"])
