"""A visitor finds a document in a real browser: filters the list, opens it, its files and related texts, search.

Chromium (/usr/bin/chromium) driven by Playwright against pytest-django's live server; skipped,
saying why, when either is missing.
"""

import datetime
import re

import pytest

from documents.models import Relation
from tests.documents import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date


@pytest.fixture
def documents(home_page):
    index = factories.index(home_page)
    law, decree = factories.kind("Luật"), factories.kind("Nghị định")
    assembly = factories.issuer("Quốc hội", "QH")
    old = factories.document(
        index,
        number="38/2005/QH11",
        title="Luật Giáo dục 2005",
        summary="Trung tâm học tập cộng đồng là cơ sở giáo dục thường xuyên.",
        issued=D(2005, 6, 14),
        effective=D(2006, 1, 1),
        kind=law,
        issuer=assembly,
    )
    full_text = factories.attachment_file(
        title="Toàn văn Luật Giáo dục 2019", name="luat-giao-duc-2019.pdf", content=b"%PDF-1.4\n" + b"x" * 2038
    )
    appendix = factories.attachment_file(title="Phụ lục", name="phu-luc.docx", content=b"PK\x03\x04" + b"y" * 5116)
    new = factories.document(
        index,
        number="43/2019/QH14",
        title="Luật Giáo dục 2019",
        summary="Luật Giáo dục hiện hành, thay thế Luật Giáo dục 2005.",
        issued=D(2019, 6, 14),
        effective=D(2020, 7, 1),
        kind=law,
        issuer=assembly,
        files=[full_text, appendix],
        links=[(Relation.REPLACES, old)],
    )
    other_law = factories.document(
        index,
        number="99/2019/QH14",
        title="Một luật khác năm 2019",
        summary="Không liên quan.",
        issued=D(2019, 11, 20),
        kind=law,
        issuer=assembly,
    )
    portal = factories.document(
        index,
        number="42/2022/NĐ-CP",
        title="Cung cấp thông tin và dịch vụ công trực tuyến",
        summary="Thông tin trên cổng thông tin điện tử của cơ quan nhà nước.",
        issued=D(2022, 6, 24),
        kind=decree,
        issuer=factories.issuer("Chính phủ", "CP"),
    )
    return {"index": index, "old": old, "new": new, "other_law": other_law, "portal": portal}


def listed(page):
    return [cell.strip() for cell in page.locator("table.document-list tbody tr td:first-child").all_inner_texts()]


def test_a_visitor_filters_the_list_opens_a_document_and_finds_one_by_number(browser, live_server, documents):
    visitor = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}).new_page()
    visitor.set_default_timeout(20_000)

    visitor.goto(f"{live_server.url}{documents['index'].url}")
    assert listed(visitor) == ["42/2022/NĐ-CP", "99/2019/QH14", "43/2019/QH14", "38/2005/QH11"]

    # Filter by kind and year with the form, as a visitor does.
    visitor.select_option("#filter-kind", label="Luật")
    visitor.select_option("#filter-year", "2019")
    with visitor.expect_navigation():
        visitor.click("form.document-filter button[type=submit]")
    assert "kind=luat" in visitor.url and "year=2019" in visitor.url
    assert listed(visitor) == ["99/2019/QH14", "43/2019/QH14"]

    # Open the document: its files with type and size, and what it replaces.
    with visitor.expect_navigation():
        visitor.click("table.document-list >> text=43/2019/QH14")
    assert visitor.url.endswith(documents["new"].url)
    files = visitor.locator("section.document-files li").all_inner_texts()
    assert len(files) == 2
    assert re.search(r"Toàn văn Luật Giáo dục 2019\s*\(PDF, 2[,.]0\s*KB\)", files[0]), files[0]
    assert re.search(r"Phụ lục\s*\(DOCX, 5[,.]0\s*KB\)", files[1]), files[1]
    download = visitor.locator("section.document-files a").first
    assert download.get_attribute("href").endswith(".pdf")
    related = visitor.locator("section.document-related")
    assert related.locator(f'a[href="{documents["old"].url}"]').count() == 1

    # The replaced document shows the link the other way, and its status.
    with visitor.expect_navigation():
        related.locator(f'a[href="{documents["old"].url}"]').click()
    back = visitor.locator("section.document-related")
    assert back.locator(f'a[href="{documents["new"].url}"]').count() == 1
    assert "thay thế" in back.inner_text().lower()
    assert visitor.locator("article.legal-document").get_attribute("class").split()[-1] == "status-replaced"

    # Search finds a document by its number typed without accents or slashes.
    visitor.fill("#site-search-q", "42 2022 ND CP")
    with visitor.expect_navigation():
        visitor.press("#site-search-q", "Enter")
    results = visitor.locator("main")
    assert results.locator(f'a[href="{documents["portal"].url}"]').count() >= 1
    assert results.locator(f'a[href="{documents["old"].url}"]').count() == 0
    visitor.context.close()
