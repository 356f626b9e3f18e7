"""The admin on a 375 px phone: titles in the page list wrap between words, never inside one.

Vietnamese is written in syllables separated by spaces; a title broken inside a syllable
("Phườ/ng", "khuy/ến") cannot be read. Each word of each title in the page explorer's listing is
measured (a Range over the word: its client rects all on one line; a line may end after a
hyphen, as in "2025-/2026"), and the listing is not cut off at the phone's edge.
"""

import pytest

from cms.workflows import roles
from tests.browser.conftest import screenshot_dir
from tests.browser.test_workflow_chain import PASSWORD
from tests.utils import EditorialSite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLES = [
    "Phường Yên Thanh tổ chức ngày hội khuyến học cho người cao tuổi",
    "Trung tâm học tập cộng đồng mở lớp tin học miễn phí mỗi tuần hai buổi",
    "Hội Khuyến học phường trao học bổng cho học sinh vượt khó học giỏi năm học 2025-2026",
]

SPLIT_WORDS_JS = """(selector) => {
    const split = [];
    let words = 0;
    for (const link of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            for (const match of node.textContent.matchAll(/[^\\s\\-–]+/g)) {  // a line may end after a hyphen
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
                words += 1;
                if (tops.size > 1) split.push(match[0]);
            }
        }
    }
    // Wider than the phone is fine inside a box that scrolls sideways; not otherwise (it is cut off).
    const listing = document.querySelector("table.listing");
    const scrolls = (node) => ["auto", "scroll"].includes(getComputedStyle(node).overflowX);
    let box = listing.parentElement;
    while (box && !scrolls(box) && box !== document.body) box = box.parentElement;
    const overflow = box && scrolls(box) ? 0 : listing.getBoundingClientRect().right - innerWidth;
    return {words, split, overflow};
}"""


@pytest.fixture
def site(home_page):
    site = EditorialSite(home_page)
    reporter = site.user("phongvien", roles.REPORTER, first_name="Nguyễn Văn", last_name="An")
    reporter.set_password(PASSWORD)
    reporter.save()
    for title in TITLES:
        site.news(title, owner=reporter)
    return site


def test_page_list_titles_wrap_between_words_at_375_px(browser, live_server, site, request):
    context = browser.new_context(locale="vi-VN", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "phongvien")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/pages/{site.news_index.pk}/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshot_dir(request.config) / "page-list-375.png"), full_page=True)

    result = page.evaluate(SPLIT_WORDS_JS, "table.listing .title a, table.listing td.title .title-wrapper a")
    context.close()
    assert result["words"] >= sum(len(title.split()) for title in TITLES)
    assert result["overflow"] <= 1, "the listing is wider than the phone and cannot be scrolled to"
    assert not result["split"], f"words broken across lines: {result['split']}"
